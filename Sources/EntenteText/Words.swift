// Word segmentation: ICU's word break iterator (UAX #29 with ICU's dictionaries) over UTF-8.

/// A word, number or other token found by ICU's word break iterator.
public struct Word: Sendable, Hashable, Codable {
  /// What ICU's rule status says the token is.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// Letters (ICU rule status 200–299), kana (300–399) or ideographs (400–499).
    case letters
    /// A number (100–199), `3,5` and `1.000` included.
    case number
    /// Anything else that is not whitespace: punctuation, symbols.
    case other
  }

  /// UTF-8 byte range in the text.
  public var range: Range<Int>
  public var kind: Kind

  public init(range: Range<Int>, kind: Kind) {
    self.range = range
    self.kind = kind
  }
}

/// Splits text into words with ICU's word break iterator for a locale (`ubrk_open(UBRK_WORD)`,
/// iterated over UTF-8 through `UText`). Whitespace between words is skipped. ICU keeps
/// `aujourd'hui`, `3,5` and `l'Agence` (one token: elision is the caller's business) together.
///
/// Not thread-safe (it owns an ICU break iterator): use one per task.
public final class WordSegmenter {
  private let iterator: BreakIterator

  /// Opens a word break iterator for `language` ("fr", "en", ...). Calls `ubrk_open`.
  public init(language: String) throws(TextError) {
    iterator = try BreakIterator(kind: .word, locale: LanguageTag.icuLocale(of: language))
  }

  /// The words of `text`, in order, without whitespace tokens.
  /// - Complexity: O(n).
  public func words(in text: String) throws(TextError) -> [Word] {
    let bytes = Array(text.utf8)
    try iterator.setText(bytes)
    var result: [Word] = []
    var start = 0
    for (end, status) in iterator.boundariesWithStatus() {
      defer { start = end }
      let kind: Word.Kind
      switch status {
      case 100..<200: kind = .number
      case 200..<500: kind = .letters
      default:
        // Rule status 0: punctuation, symbols or whitespace; whitespace is dropped.
        let isSpace = bytes[start..<end].withUnsafeBufferPointer { buffer in
          var k = 0
          while k < buffer.count {
            let (u, w) = scalar(buffer, k)
            if !isSpaceScalar(u) { return false }
            k += w
          }
          return true
        }
        if isSpace { continue }
        kind = .other
      }
      if kind == .letters {
        // UAX #29 counts U+202F NARROW NO-BREAK SPACE as ExtendNumLet (for Mongolian), so ICU
        // glues it to the word before or after: «balistiques\u{202F};» gives one token
        // "balistiques\u{202F}". French puts it before ; ! ? and inside guillemets, so letter
        // tokens are cut at it (numbers keep it: it groups thousands, 1\u{202F}000).
        var pieceStart = start
        var k = start
        while k + 2 < end {
          if bytes[k] == 0xE2 && bytes[k + 1] == 0x80 && bytes[k + 2] == 0xAF {
            if pieceStart < k { result.append(Word(range: pieceStart..<k, kind: kind)) }
            k += 3
            pieceStart = k
          } else {
            k += 1
          }
        }
        if pieceStart < end { result.append(Word(range: pieceStart..<end, kind: kind)) }
        continue
      }
      result.append(Word(range: start..<end, kind: kind))
    }
    return result
  }
}
