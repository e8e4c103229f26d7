// Finding a glossary's terms in a text: ICU word tokens, French elision, matching keys, Snowball
// stems, and a trie over normalized tokens.
import EntenteText
import Foundation

/// One place where a glossary term occurs in a text.
public struct TermMatch: Sendable, Hashable {
  public var conceptID: String
  /// The matched term, as the glossary gives it.
  public var term: Term
  /// UTF-8 byte range of the match in the text.
  public var range: Range<Int>
  /// The words of the text that matched.
  public var text: String
  /// UTF-8 byte range of a word inserted inside a multi-word term («russe» in «ministère russe de
  /// la Défense» for «ministère de la Défense»), if any.
  public var inserted: Range<Int>? = nil

  public init(conceptID: String, term: Term, range: Range<Int>, text: String, inserted: Range<Int>? = nil) {
    self.conceptID = conceptID
    self.term = term
    self.range = range
    self.text = text
    self.inserted = inserted
  }

  /// The words of the term as the text writes them: `text` without the inserted word, runs of
  /// whitespace (line breaks, no-break spaces) made one space.
  public var rendering: String {
    var words = text
    if let inserted {
      let bytes = Array(text.utf8)
      let cut = (inserted.lowerBound - range.lowerBound)..<(inserted.upperBound - range.lowerBound)
      words = String(decoding: bytes[..<cut.lowerBound] + bytes[cut.upperBound...], as: UTF8.self)
    }
    // Hyphens U+2010 and U+2011 (non-breaking) are written as «-»: they look the same.
    return words.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .replacingOccurrences(of: "\u{2010}", with: "-").replacingOccurrences(of: "\u{2011}", with: "-")
  }
}

/// A token of a text or a term: its byte range, its matching key and its stem.
struct TermToken {
  var range: Range<Int>
  /// The token's text with typographic apostrophes made ASCII (for case-sensitive matching).
  var original: String
  /// Case, accents and apostrophes folded (`MatchingKey`).
  var key: String
  /// The Snowball stem of the key, when a stemmer is given.
  var stem: String?
  /// Joined to the previous token by a hyphen (the hyphen itself is not a token): «Blanche» in
  /// «Maison-Blanche», when the tokenizer joins hyphenated words.
  var isJoined = false
  /// A word of lowercase letters, not a function word or a frequent verb: it may stand inside a
  /// multi-word term as an inserted adjective or adverb.
  var isInsertable = false
}

/// The tokens term matching compares, made from the text's analysed words (`WordAnalyser`: ICU
/// word boundaries, whitespace dropped, matching keys): in French an elided article or pronoun
/// (`l'`, `d'`, `qu'`, `jusqu'` …, with ' or ’) is dropped, so that «l'Agence» matches the term
/// «Agence» and «obus d'artillerie» the term «obus d'artillerie» with either apostrophe. With
/// `joinsHyphens`, a hyphen between two words is dropped too (the second word is marked
/// joined), so that «Maison-Blanche», «Maison Blanche» and «Corée-du-Nord», «Corée du Nord» give
/// the same keys.
struct TermTokenizer {
  let analyser: WordAnalyser
  let stemmer: Stemmer?
  let joinsHyphens: Bool
  /// Function words and frequent verbs (matching keys), which are never an inserted word.
  private let notInsertable: Set<String>

  init(language: String, joinsHyphens: Bool = false) throws {
    analyser = try WordAnalyser(language: language)
    let primary = LanguageTag.language(of: language)
    stemmer = Stemmer(language: primary)
    self.joinsHyphens = joinsHyphens
    notInsertable =
      (GlossaryBuilder.stopwords[primary] ?? []).union(GlossaryBuilder.verbs[primary] ?? [])
      .union(["non", "not", "pas", "ni", "nor", "no"])
  }

  /// The tokens of `text` (offsets into it).
  func tokens(in text: String) throws -> [TermToken] {
    tokens(of: try analyser.words(in: text), in: text)
  }

  /// The tokens of `words`, analysed words of `text`.
  /// - Complexity: O(n) in the words' length.
  func tokens(of words: some Sequence<AnalysedWord>, in text: String) -> [TermToken] {
    var result: [TermToken] = []
    var pendingHyphen: Range<Int>?
    for word in words where !word.isElision {
      if joinsHyphens && word.kind == .other && word.key == "-" {
        // A hyphen touching the word before it: the next word, if it touches the hyphen, joins.
        if let last = result.last, last.range.upperBound == word.range.lowerBound,
          last.key.last?.isLetter == true
        {
          pendingHyphen = word.range
          continue
        }
      }
      var original = text.slice(utf8: word.range)
      // Only a curly apostrophe (U+2019, E2 80 99) needs replacing; most words have none.
      if original.utf8.contains(0xE2) { original = original.replacingOccurrences(of: "’", with: "'") }
      let isJoined = pendingHyphen?.upperBound == word.range.lowerBound && word.kind == .letters
      if let hyphen = pendingHyphen, !isJoined {
        // The hyphen was not between two words: keep it as the token it was.
        result.append(
          TermToken(
            range: hyphen, original: text.slice(utf8: hyphen), key: "-", stem: stemmer.map { $0.stem("-") }))
      }
      pendingHyphen = nil
      let isInsertable =
        word.kind == .letters && original.first?.isLowercase == true && original.count >= 3
        && !notInsertable.contains(word.key)
      result.append(
        TermToken(
          range: word.range, original: original, key: word.key, stem: stemmer.map { $0.stem(word.key) },
          isJoined: isJoined, isInsertable: isInsertable))
    }
    return result
  }
}

/// Finds the terms of one language of a glossary in texts, with a trie over normalized tokens
/// (not a loop over entries): time linear in the text, whatever the glossary's size.
///
/// Matching rules per term: case and accents are ignored unless the term is `case-sensitive`
/// or `accent-sensitive`; common nouns and multi-word terms (not proper nouns, acronyms or
/// case-sensitive terms, and with a lowercase word) match inflected forms through Snowball
/// stems (roquette ↔ roquettes);
/// a term never matches inside another word (ICU word boundaries); line breaks are whitespace,
/// so a term split across lines matches. Overlapping matches keep the longest, leftmost first.
public final class TermMatcher {
  public let language: String
  private let tokenizer: TermTokenizer
  private var nodes: [Node] = [Node()]
  /// The compiled terms: concept id, term, and its tokens.
  private var entries: [(conceptID: String, term: Term, tokens: [TermToken])] = []
  /// The stems (or keys) of the words of the glossary's derived forms (`Term.derivedForms`):
  /// an adjective the glossary declares may stand inside a capitalised name («Bureau général
  /// nord-coréen de l'équipement»).
  private var derivedWords: Set<String> = []

  struct Node {
    var children: [String: Int] = [:]
    var entries: [Int] = []
  }

  /// Compiles the terms of `language` in `glossary`.
  /// - Throws: `TextError.icu` if ICU fails while splitting the terms into words.
  /// - Complexity: O(t · k) for t terms of k words.
  public init(glossary: Glossary, language: String) throws {
    self.language = language
    tokenizer = try TermTokenizer(language: language, joinsHyphens: true)
    for concept in glossary.concepts {
      for term in concept.terms(in: language) {
        let tokens = try tokenizer.tokens(in: term.text)
        guard !tokens.isEmpty else { continue }
        // Names do not inflect: a term inflects when it is not case-sensitive, an acronym or a
        // proper noun, and holds a word that starts in lowercase (TBX-Basic has no properNoun,
        // so the word shape tells: «obus d'artillerie» inflects, «Maison Blanche» does not).
        let inflects =
          !term.caseSensitive && term.partOfSpeech != "properNoun" && term.type != .acronym
          && tokenizer.stemmer != nil && tokens.contains { $0.original.first?.isLowercase == true }
        let index = entries.count
        entries.append((concept.id, term, tokens))
        var node = 0
        for token in tokens {
          let edge = inflects ? "~" + (token.stem ?? token.key) : token.key
          if let next = nodes[node].children[edge] {
            node = next
          } else {
            nodes.append(Node())
            nodes[node].children[edge] = nodes.count - 1
            node = nodes.count - 1
          }
        }
        nodes[node].entries.append(index)
        for form in term.derivedForms {
          for token in try tokenizer.tokens(in: form) { derivedWords.insert(token.stem ?? token.key) }
        }
      }
    }
  }

  /// Number of compiled terms.
  public var count: Int { entries.count }

  /// The matches in `text`, in order, not overlapping.
  /// - Throws: `TextError.icu` if ICU fails.
  /// - Complexity: O(n · d), d the depth of the longest term.
  public func matches(in text: String) throws -> [TermMatch] {
    matches(tokens: try tokenizer.tokens(in: text), in: text)
  }

  /// The matches in a document, from the words it has analysed.
  /// - Complexity: O(n · d), d the depth of the longest term.
  public func matches(in document: Document) -> [TermMatch] {
    matches(tokens: tokenizer.tokens(of: document.words, in: document.text), in: document.text)
  }

  /// A path through the trie while matching from one start token.
  private struct Path {
    var node: Int
    /// The token indices of the inserted word, once one is skipped.
    var inserted: Range<Int>?
    /// The path has just skipped a word (and may skip the words joined to it by hyphens).
    var isInsideInsertion = false
  }

  private func matches(tokens: [TermToken], in text: String) -> [TermMatch] {
    var result: [TermMatch] = []
    var start = 0
    while start < tokens.count {
      var best: (entry: Int, end: Int, inserted: Range<Int>?, score: Int)?
      // Every trie path the tokens so far can follow: a token may continue a term exactly and
      // another through its stem, or be a word inserted inside the term.
      var active = [Path(node: 0)]
      var position = start
      while position < tokens.count && !active.isEmpty {
        let token = tokens[position]
        var next: [Path] = []
        var advanced: [Path] = []
        for path in active {
          if path.isInsideInsertion && token.isJoined {
            // The rest of a hyphenated inserted word (nord-coréen).
            var longer = path
            longer.inserted = path.inserted!.lowerBound..<(position + 1)
            next.append(longer)
            continue
          }
          let node = path.node
          if let exact = nodes[node].children[token.key] {
            advanced.append(Path(node: exact, inserted: path.inserted))
          }
          if let stem = token.stem, let stemmed = nodes[node].children["~" + stem] {
            advanced.append(Path(node: stemmed, inserted: path.inserted))
          }
          // One word inside a multi-word term, after its first word and before its last.
          if node != 0 && path.inserted == nil && token.isInsertable && !token.isJoined
            && !nodes[node].children.isEmpty
          {
            next.append(Path(node: node, inserted: position..<(position + 1), isInsideInsertion: true))
          }
        }
        position += 1
        for path in advanced {
          for entry in nodes[path.node].entries {
            let used = Self.termTokens(tokens[start..<position], without: path.inserted)
            guard path.inserted == nil || allowsInsertion(entry, tokens[path.inserted!]), accepts(entry, used)
            else { continue }
            let score = (path.inserted == nil ? 8 : 0) + shapeScore(entry, used)
            if best == nil || best!.end < position || best!.score <= score {
              best = (entry, position, path.inserted, score)
            }
          }
        }
        active = next + advanced
      }
      if let best {
        let range = tokens[start].range.lowerBound..<tokens[best.end - 1].range.upperBound
        let inserted = best.inserted.map {
          tokens[$0.lowerBound].range.lowerBound..<tokens[$0.upperBound - 1].range.upperBound
        }
        result.append(
          TermMatch(
            conceptID: entries[best.entry].conceptID, term: entries[best.entry].term, range: range,
            text: text.slice(utf8: range), inserted: inserted))
        start = best.end
      } else {
        start += 1
      }
    }
    return result
  }

  /// The tokens of a match that stand for the term's words (the inserted word left out).
  private static func termTokens(_ tokens: ArraySlice<TermToken>, without inserted: Range<Int>?)
    -> ArraySlice<TermToken>
  {
    guard let inserted else { return tokens }
    return ArraySlice(tokens[..<inserted.lowerBound] + tokens[inserted.upperBound...])
  }

  /// Whether `inserted` may stand inside the term: a term of several words that is not an
  /// acronym or a one-word case-sensitive form, and that starts in lowercase («ministère russe
  /// de la Défense») unless the inserted word is a derived form the glossary declares («Bureau
  /// général nord-coréen de l'équipement»): a capitalised name with another word inside is
  /// mostly another body («Conseil européen de sécurité» is not «Conseil de sécurité»).
  private func allowsInsertion(_ entry: Int, _ inserted: ArraySlice<TermToken>) -> Bool {
    let term = entries[entry].term
    guard term.type != .acronym, !(term.caseSensitive && !term.isProperName), entries[entry].tokens.count >= 2
    else { return false }
    if term.text.first?.isLowercase == true { return true }
    return inserted.allSatisfy { derivedWords.contains($0.stem ?? $0.key) }
  }

  /// How closely the text writes the term: the same hyphens and spaces (2), the same letters
  /// once lowercased (1), exactly the same (4). Among terms with the same keys («Maison Blanche»
  /// and «Maison-Blanche», «Kim Jong-un» and «Kim Jong Un»), the closest is the one matched.
  private func shapeScore(_ entry: Int, _ textTokens: ArraySlice<TermToken>) -> Int {
    let termTokens = entries[entry].tokens
    guard termTokens.count == textTokens.count else { return 0 }
    var score = 0
    if zip(termTokens, textTokens).allSatisfy({ $0.isJoined == $1.isJoined }) { score += 2 }
    if zip(termTokens, textTokens).allSatisfy({ $0.original.lowercased() == $1.original.lowercased() }) {
      score += 1
    }
    if zip(termTokens, textTokens).allSatisfy({ $0.original == $1.original && $0.isJoined == $1.isJoined }) {
      score += 4
    }
    return score
  }

  /// Every term (of any concept) that `text` is as a whole, as `matches(in:)` recognises terms:
  /// homonyms give one match each.
  /// - Throws: `TextError.icu` if ICU fails while splitting `text` into words.
  /// - Complexity: O(n · h), h the number of terms sharing a prefix of `text`'s words.
  public func wholeMatches(of text: String) throws -> [TermMatch] {
    let tokens = try tokenizer.tokens(in: text)
    guard !tokens.isEmpty else { return [] }
    var active = [0]
    for token in tokens {
      var next: [Int] = []
      for node in active {
        if let exact = nodes[node].children[token.key] { next.append(exact) }
        if let stem = token.stem, let stemmed = nodes[node].children["~" + stem] { next.append(stemmed) }
      }
      active = next
    }
    let range = tokens[0].range.lowerBound..<tokens[tokens.count - 1].range.upperBound
    var seen = Set<Int>()
    return active.flatMap { nodes[$0].entries }.filter {
      seen.insert($0).inserted && accepts($0, tokens[...])
    }.map {
      TermMatch(
        conceptID: entries[$0].conceptID, term: entries[$0].term, range: range,
        text: String(decoding: Array(text.utf8)[range], as: UTF8.self))
    }
  }

  /// Whether the text tokens satisfy the term's case and accent rules.
  private func accepts(_ entry: Int, _ textTokens: ArraySlice<TermToken>) -> Bool {
    let term = entries[entry].term
    let termTokens = entries[entry].tokens
    guard termTokens.count == textTokens.count else { return false }
    // One-word case-sensitive forms (acronyms: UN is not un) match only in their case; a
    // case-sensitive name of several words matches in any case, and `term-case` reports it.
    if term.caseSensitive && !term.isProperName {
      return zip(termTokens, textTokens).allSatisfy { $0.original == $1.original }
    }
    if term.accentSensitive || term.caseSensitive {
      return zip(termTokens, textTokens).allSatisfy { $0.original.lowercased() == $1.original.lowercased() }
    }
    return true
  }
}
