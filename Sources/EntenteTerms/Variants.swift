// How a document writes its terms: variant spellings of one rendering (hyphen, space,
// apostrophe, accent, case) and the letter case of proper names.
import EntenteText
import Foundation

/// Where a term match stands in its document, as the case rules need it.
struct MatchPlace {
  /// The match opens a sentence (no word of its sentence before it), a line, or a quotation or
  /// clause after « “ " : — –: its first letter may be a capital the term does not have.
  var isSentenceStart: Bool
  /// Every letter of the match is a capital (a headline, a dateline, a line in capitals): it
  /// shows no case.
  var isAllCapitals: Bool
}

/// The words before which a proper name written in lowercase is a common noun: «une maison
/// blanche», «cette maison blanche» (indefinite, demonstrative and possessive determiners and
/// quantifiers, French and English; matching keys).
let commonNounDeterminers: Set<String> = [
  "un", "une", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses",
  "notre", "nos", "votre", "vos", "leur", "leurs", "chaque", "quelque", "quelques", "plusieurs", "aucun",
  "aucune", "nulle", "tout", "toute", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her",
  "its", "our", "their", "every", "each", "some", "any", "another",
]

extension TargetChecker {
  /// The glossary's terms in `document` (`TermMatcher.matches(in:)`), without the common-noun
  /// uses of proper names: a name written all in lowercase after an indefinite, demonstrative or
  /// possessive determiner («une maison blanche» is a white house, not «la Maison Blanche»).
  /// - Complexity: O(n · d), d the depth of the glossary's longest term.
  public func mentions(in document: Document) -> [TermMatch] {
    Self.withoutCommonNouns(matcher.matches(in: document), in: document)
  }

  /// `matches` without the proper names written all in lowercase after an indefinite,
  /// demonstrative or possessive determiner (`commonNounDeterminers`).
  /// - Complexity: O(m log n) for m matches and n words.
  static func withoutCommonNouns(_ matches: [TermMatch], in document: Document) -> [TermMatch] {
    matches.filter { match in
      guard match.term.isProperName, !match.text.contains(where: \.isUppercase),
        match.term.text.contains(where: \.isUppercase)
      else { return true }
      let index = document.firstWord(atOrAfter: match.range.lowerBound)
      var k = index - 1
      while k >= 0 && !document.words[k].isWordLike { k -= 1 }
      guard k >= 0 else { return true }
      return !commonNounDeterminers.contains(document.words[k].key)
    }
  }

  /// The concepts' adjective forms (`Term.derivedForms`) found in `document`, as matches of
  /// their concepts (they may overlap `mentions(in:)`).
  /// - Complexity: O(n · d), d the depth of the longest form.
  public func derivedMentions(in document: Document) -> [TermMatch] {
    derivedMatcher?.matches(in: document) ?? []
  }

  /// A matcher for the adjective forms the glossary declares for `language`, nil if none.
  static func makeDerivedMatcher(glossary: Glossary, language: String) throws -> TermMatcher? {
    var derived = Glossary()
    for concept in glossary.concepts {
      let forms = concept.terms(in: language).flatMap(\.derivedForms)
      if !forms.isEmpty {
        derived.concepts.append(
          Concept(
            id: concept.id,
            terms: [language: forms.map { Term($0, status: .admitted, partOfSpeech: "adjective") }]))
      }
    }
    return derived.concepts.isEmpty ? nil : try TermMatcher(glossary: derived, language: language)
  }

  /// Where `match` stands: at a sentence start (see `MatchPlace`), in capitals.
  /// - Complexity: O(log s + k) for s sentences and k words before the match in its sentence.
  static func place(of match: TermMatch, in document: Document) -> MatchPlace {
    let letters = match.rendering.filter(\.isLetter)
    let isAllCapitals = letters.count >= 2 && letters.allSatisfy { !$0.isLowercase }
    let text = document.text
    // The previous character that is not a space or tab (a line feed counts).
    let utf8 = text.utf8
    var position = utf8.index(utf8.startIndex, offsetBy: match.range.lowerBound)
    var previous: Character?
    while position > utf8.startIndex {
      let before = text.unicodeScalars.index(before: position)
      let scalar = text.unicodeScalars[before]
      position = before
      if scalar == " " || scalar == "\t" || scalar == "\u{A0}" || scalar == "\u{202F}" { continue }
      previous = Character(scalar)
      break
    }
    var isSentenceStart = previous == nil || "\n«“\":—–".contains(previous!)
    if !isSentenceStart {
      // No letter or number word of the sentence before the match.
      let index = document.firstWord(atOrAfter: match.range.lowerBound)
      if index > 0 {
        // The last sentence starting at or before the match (binary search).
        var low = 0
        var high = document.sentences.count
        while low < high {
          let mid = (low + high) / 2
          if document.sentences[mid].range.lowerBound <= match.range.lowerBound {
            low = mid + 1
          } else {
            high = mid
          }
        }
        let first = low > 0 ? document.sentenceWordRanges[low - 1].lowerBound : 0
        isSentenceStart = !document.words[first..<index].contains { $0.isWordLike }
      } else {
        isSentenceStart = true
      }
    }
    return MatchPlace(isSentenceStart: isSentenceStart, isAllCapitals: isAllCapitals)
  }

  /// The words of a rendering or a term, split at spaces, hyphens and apostrophes.
  static func letterWords(_ text: String) -> [Substring] {
    text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
  }

  /// Whether a proper name's `match` writes its letters in another case than `term`: each word
  /// compared with the term's word letter by letter (accents aside), except a capital on the
  /// first letter at a sentence start and a match all in capitals.
  static func hasCaseError(_ match: TermMatch, place: MatchPlace) -> Bool {
    if place.isAllCapitals { return false }
    let written = letterWords(match.rendering)
    let term = letterWords(match.term.text)
    guard written.count == term.count else { return false }
    for (k, (a, b)) in zip(written, term).enumerated() {
      let x = Array(a)
      let y = Array(b)
      guard x.count == y.count else {
        if x.first?.isUppercase != y.first?.isUppercase && !(k == 0 && place.isSentenceStart) { return true }
        continue
      }
      for i in x.indices where x[i].isUppercase != y[i].isUppercase {
        if i == 0 && k == 0 && place.isSentenceStart && x[i].isUppercase { continue }
        return true
      }
    }
    return false
  }

  /// The ways two renderings of one term differ: hyphen or space, apostrophe, accent, case.
  static func differences(_ a: String, _ b: String) -> [String] {
    func hyphen(_ s: String) -> String { s.replacingOccurrences(of: "-", with: " ") }
    func apostrophe(_ s: String) -> String {
      s.replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: "ʼ", with: "'")
    }
    func accent(_ s: String) -> String { s.folding(options: .diacriticInsensitive, locale: nil) }
    func letterCase(_ s: String) -> String { s.lowercased() }
    let all: [(String, (String) -> String)] = [
      ("hyphen or space", hyphen), ("apostrophe", apostrophe), ("accent", accent), ("case", letterCase),
    ]
    return all.indices.compactMap { k in
      // A kind of difference is there when the two still differ once every other kind is folded.
      let others = all.indices.filter { $0 != k }.map { all[$0].1 }
      let x = others.reduce(a) { $1($0) }
      let y = others.reduce(b) { $1($0) }
      return x != y ? all[k].0 : nil
    }
  }

  /// The key under which renderings are the same term written differently: the matching key
  /// (case, accents, apostrophes folded) with hyphens made spaces.
  static func variantKey(_ rendering: String) -> String {
    let key = (try? MatchingKey(rendering).key) ?? rendering.lowercased()
    return key.replacingOccurrences(of: "-", with: " ")
  }

  /// The two renderings as they are compared, given where each stands: capitals at a sentence
  /// start and renderings all in capitals only differ from others in what is not case.
  static func comparable(_ a: (String, MatchPlace), _ b: (String, MatchPlace)) -> (String, String) {
    var x = a.0
    var y = b.0
    if a.1.isAllCapitals || b.1.isAllCapitals {
      x = x.uppercased()
      y = y.uppercased()
    } else if a.1.isSentenceStart || b.1.isSentenceStart {
      x = x.prefix(1).uppercased() + x.dropFirst()
      y = y.prefix(1).uppercased() + y.dropFirst()
    }
    return (x, y)
  }
}
