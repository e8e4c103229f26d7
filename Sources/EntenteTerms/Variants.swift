// How a document writes its terms: variant spellings of one rendering (hyphen, space,
// apostrophe, accent, case) and the letter case of proper names.
import EntenteText
import Foundation

/// Where a term match stands in its document, as the case rules need it.
struct MatchPlace {
  /// The match opens a sentence (no word of its sentence before it), a line, or a quotation or
  /// clause after « “ " : — –: its first letter may be a capital the term does not have.
  var isSentenceStart: Bool
  /// The match shows no case: every letter is a capital (a headline, a dateline, a line in
  /// capitals), or its sentence is in Title Case (four words or more of four letters or more,
  /// all but one capitalised: «White House Says Department Of State Will Respond»).
  var showsNoCase: Bool
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

/// The lowercase words before which a proper name written in lowercase is still read as the
/// name (a case error): articles, prepositions and conjunctions (matching keys).
let nameContextWords: Set<String> = [
  "le", "la", "les", "l", "de", "d", "du", "des", "a", "au", "aux", "en", "par", "pour", "sur", "dans",
  "avec", "sans", "chez", "vers", "contre", "selon", "entre", "et", "ou", "que", "qu", "the", "of", "to",
  "in", "at", "by", "for", "from", "with", "and", "or", "on", "about",
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
      let previous = document.words[k]
      // An elided word's key may keep its apostrophe («l'»).
      let key = previous.key.trimmingCharacters(in: CharacterSet(charactersIn: "'’"))
      if commonNounDeterminers.contains(key) { return false }
      // After a lowercase word that is not an article or a preposition («la petite maison
      // blanche»), the words are a description, not the name.
      let surface = document.text.slice(utf8: previous.range)
      return surface.first?.isLowercase != true || nameContextWords.contains(key)
    }
  }

  /// The concepts' adjective forms (`Term.derivedForms`) found in `document`, as matches of
  /// their concepts (they may overlap `mentions(in:)`).
  /// - Complexity: O(n · d), d the depth of the longest form.
  public func derivedMentions(in document: Document) -> [TermMatch] {
    // Not the second half of a compound whose first half is not a derived form too:
    // «sud-américains» is South American, not American; «russo-ukrainienne» is both.
    let bytes = Array(document.text.utf8)
    let matches = derivedMatcher?.matches(in: document) ?? []
    let ends = Set(matches.map(\.range.upperBound))
    return matches.filter { match in
      let start = match.range.lowerBound
      guard start >= 2 else { return true }
      let joined = bytes[start - 1] == UInt8(ascii: "-") && bytes[start - 2] != UInt8(ascii: " ")
      return !joined || ends.contains(start - 1)
    }
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
    var titleCase: [Int: Bool] = [:]
    return place(of: match, in: document, titleCase: &titleCase)
  }

  /// The places of `matches` (see `place(of:in:)`), each sentence's Title Case decided once.
  /// - Complexity: O(m log s + n) for m matches, s sentences and n words.
  static func places(of matches: [TermMatch], in document: Document) -> [MatchPlace] {
    var titleCase: [Int: Bool] = [:]
    return matches.map { place(of: $0, in: document, titleCase: &titleCase) }
  }

  /// `place(of:in:)`, with the Title Case of the sentences seen so far in `titleCase`.
  static func place(of match: TermMatch, in document: Document, titleCase: inout [Int: Bool]) -> MatchPlace {
    let letters = match.rendering.filter(\.isLetter)
    let showsNoCase = letters.count >= 2 && letters.allSatisfy { !$0.isLowercase }
    let text = document.text
    // The previous character that is not a space, a tab or a line break.
    let utf8 = text.utf8
    var position = utf8.index(utf8.startIndex, offsetBy: match.range.lowerBound)
    var previous: Character?
    while position > utf8.startIndex {
      let before = text.unicodeScalars.index(before: position)
      let scalar = text.unicodeScalars[before]
      position = before
      if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{A0}"
        || scalar == "\u{202F}"
      {
        continue
      }
      previous = Character(scalar)
      break
    }
    // A line feed is not a start: hard-wrapped text puts names at line starts.
    var isSentenceStart = previous == nil || "«“\":—–".contains(previous!)
    if !isSentenceStart {
      // No letter or number word of the sentence before the match.
      let index = document.firstWord(atOrAfter: match.range.lowerBound)
      if index > 0 {
        let first =
          document.sentence(atOrBefore: match.range.lowerBound).map {
            document.sentenceWordRanges[$0].lowerBound
          } ?? 0
        isSentenceStart = !document.words[first..<index].contains { $0.isWordLike }
      } else {
        isSentenceStart = true
      }
    }
    var inTitleCase = false
    if !showsNoCase, let sentence = document.sentence(atOrBefore: match.range.lowerBound) {
      if let known = titleCase[sentence] {
        inTitleCase = known
      } else {
        inTitleCase = isTitleCase(sentence: sentence, in: document)
        titleCase[sentence] = inTitleCase
      }
    }
    return MatchPlace(isSentenceStart: isSentenceStart, showsNoCase: showsNoCase || inTitleCase)
  }

  /// Whether sentence `sentence` is in Title Case: four words or more of four letters or more,
  /// all but one starting with a capital.
  /// - Complexity: O(w) for w words in the sentence.
  static func isTitleCase(sentence: Int, in document: Document) -> Bool {
    var long = 0
    var capitalised = 0
    for word in document.words(ofSentence: sentence) where word.isWordLike {
      let surface = document.text.slice(utf8: word.range)
      guard surface.count >= 4 else { continue }
      long += 1
      if surface.first?.isUppercase == true { capitalised += 1 }
    }
    return long >= 4 && capitalised >= long - 1
  }

  /// The words of a rendering or a term, split at spaces, hyphens and apostrophes.
  static func letterWords(_ text: String) -> [Substring] {
    text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
  }

  /// Whether a proper name's `match` writes its letters in another case than `term`: each word
  /// compared with the term's word letter by letter (accents aside), except a capital on the
  /// first letter at a sentence start and a match all in capitals.
  static func hasCaseError(_ match: TermMatch, place: MatchPlace) -> Bool {
    if place.showsNoCase { return false }
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
    let kinds = all.indices.compactMap { k -> String? in
      // A kind of difference is there when the two still differ once every other kind is folded.
      let others = all.indices.filter { $0 != k }.map { all[$0].1 }
      let x = others.reduce(a) { $1($0) }
      let y = others.reduce(b) { $1($0) }
      return x != y ? all[k].0 : nil
    }
    // When every kind is needed, no single one explains the difference.
    return kinds.count == all.count ? ["other"] : kinds
  }

  /// The apostrophe a text keeps to: `'` or `’` when at least four in five of its apostrophes
  /// between letters are that one, nil when it mixes them (or has none).
  /// - Complexity: O(n).
  static func apostropheConvention(in text: String) -> Character? {
    var straight = 0
    var curly = 0
    var previousIsLetter = false
    var pending: Character?
    for character in text {
      if let mark = pending {
        if character.isLetter { if mark == "'" { straight += 1 } else { curly += 1 } }
        pending = nil
      }
      if previousIsLetter && (character == "'" || character == "’") { pending = character }
      previousIsLetter = character.isLetter
    }
    let total = straight + curly
    guard total > 0 else { return nil }
    if straight * 5 >= total * 4 { return "'" }
    if curly * 5 >= total * 4 { return "’" }
    return nil
  }

  /// The rendering of a term the others are compared with, among the matches `indices` of one
  /// variant key: of those that show their case (not in capitals) and are no case error of a
  /// name, preferably not at a sentence start, the one written as the glossary writes a term of
  /// the concept (apostrophes aside; the preferred term first), then the one with the
  /// document's apostrophe, then the most frequent rendering, then the first.
  static func variantReference(
    _ indices: [Int], matches: [TermMatch], places: [MatchPlace], caseErrors: Set<Int>, concept: Concept?,
    language: String, convention: Character?
  ) -> Int {
    let usable = indices.filter { !places[$0].showsNoCase && !caseErrors.contains($0) }
    let inText = usable.filter { !places[$0].isSentenceStart }
    let candidates = !inText.isEmpty ? inText : !usable.isEmpty ? usable : indices
    func straight(_ text: String) -> String { text.replacingOccurrences(of: "’", with: "'") }
    let terms = concept?.terms(in: language).filter(\.status.isAllowed) ?? []
    var counts: [String: Int] = [:]
    for k in candidates { counts[matches[k].rendering, default: 0] += 1 }
    func rank(_ k: Int) -> (Int, Int, Int) {
      let rendering = matches[k].rendering
      let glossary =
        terms.contains { $0.status == .preferred && straight($0.text) == straight(rendering) }
        ? 2 : terms.contains { straight($0.text) == straight(rendering) } ? 1 : 0
      let apostrophe = convention.map { mark in rendering.contains(mark == "'" ? "’" : "'") ? 0 : 1 } ?? 0
      return (glossary, apostrophe, counts[rendering] ?? 0)
    }
    var best = candidates[0]
    for k in candidates.dropFirst() where rank(k) > rank(best) { best = k }
    return best
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
    if a.1.showsNoCase || b.1.showsNoCase {
      x = x.uppercased()
      y = y.uppercased()
    } else if a.1.isSentenceStart || b.1.isSentenceStart {
      x = x.prefix(1).uppercased() + x.dropFirst()
      y = y.prefix(1).uppercased() + y.dropFirst()
    }
    return (x, y)
  }
}
