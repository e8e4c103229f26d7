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
}

/// The tokens term matching compares, made from the text's analysed words (`WordAnalyser`: ICU
/// word boundaries, whitespace dropped, matching keys): in French an elided article or pronoun
/// (`l'`, `d'`, `qu'`, `jusqu'` …, with ' or ’) is dropped, so that «l'Agence» matches the term
/// «Agence» and «obus d'artillerie» the term «obus d'artillerie» with either apostrophe.
struct TermTokenizer {
  let analyser: WordAnalyser
  let stemmer: Stemmer?

  init(language: String) throws {
    analyser = try WordAnalyser(language: language)
    stemmer = Stemmer(language: LanguageTag.language(of: language))
  }

  /// The tokens of `text` (offsets into it).
  func tokens(in text: String) throws -> [TermToken] {
    tokens(of: try analyser.words(in: text), in: text)
  }

  /// The tokens of `words`, analysed words of `text`.
  func tokens(of words: some Sequence<AnalysedWord>, in text: String) -> [TermToken] {
    var result: [TermToken] = []
    for word in words where !word.isElision {
      let original = text.slice(utf8: word.range).replacingOccurrences(of: "’", with: "'")
      result.append(
        TermToken(
          range: word.range, original: original, key: word.key, stem: stemmer.map { $0.stem(word.key) }))
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

  struct Node {
    var children: [String: Int] = [:]
    var entries: [Int] = []
  }

  /// Compiles the terms of `language` in `glossary`.
  /// - Throws: `TextError.icu` if ICU fails while splitting the terms into words.
  /// - Complexity: O(t · k) for t terms of k words.
  public init(glossary: Glossary, language: String) throws {
    self.language = language
    tokenizer = try TermTokenizer(language: language)
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

  private func matches(tokens: [TermToken], in text: String) -> [TermMatch] {
    var result: [TermMatch] = []
    var start = 0
    while start < tokens.count {
      var best: (entry: Int, end: Int)?
      // Every trie path the tokens so far can follow: a token may continue a term exactly and
      // another through its stem.
      var active = [0]
      var position = start
      while position < tokens.count && !active.isEmpty {
        let token = tokens[position]
        var next: [Int] = []
        for node in active {
          if let exact = nodes[node].children[token.key] { next.append(exact) }
          if let stem = token.stem, let stemmed = nodes[node].children["~" + stem] { next.append(stemmed) }
        }
        position += 1
        for node in next {
          for entry in nodes[node].entries where accepts(entry, tokens[start..<position]) {
            best = (entry, position)
          }
        }
        active = next
      }
      if let best {
        let range = tokens[start].range.lowerBound..<tokens[best.end - 1].range.upperBound
        result.append(
          TermMatch(
            conceptID: entries[best.entry].conceptID, term: entries[best.entry].term, range: range,
            text: text.slice(utf8: range)))
        start = best.end
      } else {
        start += 1
      }
    }
    return result
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
    if term.caseSensitive {
      return zip(termTokens, textTokens).allSatisfy { $0.original == $1.original }
    }
    if term.accentSensitive {
      return zip(termTokens, textTokens).allSatisfy { $0.original.lowercased() == $1.original.lowercased() }
    }
    return true
  }
}
