// Word analysis, done once per text: ICU word tokens with their matching keys and French elision.
// The aligner, the term matcher, the quote aligner and the lexicon all read these words.

/// A word of a text as every later stage sees it: where it is, what kind of token ICU says it is,
/// and its matching key.
public struct AnalysedWord: Sendable, Hashable, Codable {
  /// UTF-8 byte range in the text.
  public var range: Range<Int>
  /// Letters, a number, or another token (punctuation, symbols); whitespace is never a word.
  public var kind: Word.Kind
  /// The matching key (`MatchingKey`: NFKC case fold, accents removed, typographic apostrophes,
  /// quotes, dashes and spaces unified).
  public var key: String
  /// A French elided article or pronoun with its apostrophe (`l'`, `d’`, `qu'`, `jusqu'` …), cut
  /// off the word it belongs to: «l’Agence» is the words `l’` (an elision) and `Agence`.
  public var isElision: Bool

  public init(range: Range<Int>, kind: Word.Kind, key: String, isElision: Bool = false) {
    self.range = range
    self.kind = kind
    self.key = key
    self.isElision = isElision
  }

  /// Letters or a number (not punctuation or symbols).
  public var isWordLike: Bool { kind != .other }
}

/// Splits text into `AnalysedWord`s: ICU's word break iterator (`ubrk_open(UBRK_WORD)` through
/// `WordSegmenter`), the matching key of each token taken from the key of the whole passage (one
/// `MatchingKey` per passage, so a token's key is exactly the key of its text), and, in French,
/// elided articles and pronouns cut off their word.
///
/// Not thread-safe (it owns an ICU break iterator): use one per task.
public final class WordAnalyser {
  /// The language the analyser was made for.
  public let language: String
  private let segmenter: WordSegmenter
  private let elides: Bool

  /// Elided forms (keys, with the apostrophe) that French writes before a vowel.
  public static let frenchElisions: Set<String> = [
    "l'", "d'", "j'", "m'", "n'", "s'", "t'", "c'", "qu'", "jusqu'", "lorsqu'", "puisqu'", "quoiqu'",
  ]

  /// Makes an analyser for `language` ("fr", "en", …). Calls `ubrk_open`.
  /// - Throws: `TextError.icu` when ICU cannot open a word break iterator for the locale.
  public init(language: String) throws(TextError) {
    self.language = language
    segmenter = try WordSegmenter(language: language)
    elides = LanguageTag.language(of: language) == "fr"
  }

  /// The words of `text`, in order (offsets into `text`).
  /// - Throws: `TextError.icu` if ICU fails.
  /// - Complexity: O(n).
  public func words(in text: String) throws(TextError) -> [AnalysedWord] {
    try words(in: text, offset: 0)
  }

  /// The words of `passage`, a part of a longer text that starts at byte `offset` of it: the
  /// ranges of the result are offsets into the longer text.
  /// - Throws: `TextError.icu` if ICU fails.
  /// - Complexity: O(n).
  public func words(in passage: String, offset: Int) throws(TextError) -> [AnalysedWord] {
    let tokens = try segmenter.words(in: passage)
    guard !tokens.isEmpty else { return [] }
    let key = try MatchingKey(passage)
    let keyBytes = Array(key.key.utf8)
    var result: [AnalysedWord] = []
    result.reserveCapacity(tokens.count + tokens.count / 8)
    for token in tokens {
      let keyRange = key.keyRange(forTextRange: token.range)
      let tokenKey = keyBytes[keyRange]
      if elides, token.kind == .letters, let apostrophe = tokenKey.firstIndex(of: 0x27),
        apostrophe + 1 < keyRange.upperBound,
        Self.frenchElisions.contains(String(decoding: tokenKey[...apostrophe], as: UTF8.self))
      {
        // The elision ends where the key's apostrophe ends in the text (' or ’).
        let cut = key.textRange(forKeyRange: apostrophe..<(apostrophe + 1)).upperBound
        if cut > token.range.lowerBound && cut < token.range.upperBound {
          result.append(
            AnalysedWord(
              range: (offset + token.range.lowerBound)..<(offset + cut), kind: .letters,
              key: String(decoding: tokenKey[...apostrophe], as: UTF8.self), isElision: true))
          result.append(
            AnalysedWord(
              range: (offset + cut)..<(offset + token.range.upperBound), kind: .letters,
              key: String(decoding: tokenKey[(apostrophe + 1)...], as: UTF8.self)))
          continue
        }
      }
      let wordKey = String(decoding: tokenKey, as: UTF8.self)
      result.append(
        AnalysedWord(
          range: (offset + token.range.lowerBound)..<(offset + token.range.upperBound), kind: token.kind,
          key: wordKey, isElision: elides && token.kind == .letters && Self.frenchElisions.contains(wordKey)))
    }
    return result
  }
}

extension MatchingKey {
  /// The range of the key made from `textRange` of the original text (UTF-8 bytes). A bound
  /// inside a chunk (a character with its combining marks) widens to the chunk's bounds.
  /// - Complexity: O(log n).
  public func keyRange(forTextRange textRange: Range<Int>) -> Range<Int> {
    guard chunks.count >= 2 else { return 0..<0 }
    /// The last chunk whose text start is <= offset.
    func chunkIndex(atOrBefore offset: Int) -> Int {
      var low = 0
      var high = chunks.count - 1
      while low < high {
        let mid = (low + high + 1) / 2
        if chunks[mid].text <= offset { low = mid } else { high = mid - 1 }
      }
      return low
    }
    let first = chunkIndex(atOrBefore: textRange.lowerBound)
    let start = chunks[first].key
    if textRange.isEmpty { return start..<start }
    let last = chunkIndex(atOrBefore: textRange.upperBound - 1)
    let end = chunks[min(last + 1, chunks.count - 1)].key
    return start..<max(start, end)
  }
}
