// The aligner's view of a sentence: length, interned tokens and cognates, sentence punctuation.
import EntenteText

/// The aligner's view of one sentence.
struct AlignmentUnit {
  /// Length in characters (Unicode scalars), the Gale–Church unit.
  var length: Double
  /// Token ids (matching keys of the words, interned), sorted.
  var tokens: [Int32]
  /// Cognate ids: the first four characters of tokens of four or more letters, and whole
  /// tokens holding a digit (numbers without separators: 1,000.5 and 1 000,5 agree), sorted.
  var cognates: [Int32]
  /// Counts of ? ! and quotation marks: sentence punctuation that translations keep.
  var questions: Int
  var exclamations: Int
  /// The sentence ends with sentence punctuation (`.` `!` `?` `…` `:` `;`, before any closing
  /// quotation marks and brackets). Lines without it are headlines, captions, credits, buttons.
  var isTerminated = true
  /// The sentence ends a paragraph (and a later one follows); false when paragraphs are unknown.
  var endsParagraph = false
}

/// Makes alignment units from the sentences of a document and the words it analysed; paragraph
/// ends are marked when the document knows its paragraphs.
func makeUnits(_ document: Document, tokens: Interner, cognates: Interner) -> [AlignmentUnit] {
  var units = document.sentences.indices.map { k in
    makeUnit(
      words: document.words(ofSentence: k), text: document.text, sentence: document.sentenceTexts[k],
      tokens: tokens, cognates: cognates)
  }
  if document.knowsParagraphs {
    for k in units.indices.dropLast()
    where document.sentences[k].paragraph != document.sentences[k + 1].paragraph {
      units[k].endsParagraph = true
    }
  }
  return units
}

/// The unit of one sentence (or any span) of `text`, from its analysed words.
func makeUnit(
  words: some Collection<AnalysedWord>, text: String, sentence: String, tokens: Interner, cognates: Interner
) -> AlignmentUnit {
  var tokenIDs: [Int32] = []
  var cognateIDs: [Int32] = []
  for word in alignmentTokens(of: words, in: text) {
    tokenIDs.append(tokens.id(word))
    if word.utf8.contains(where: { (0x30...0x39).contains($0) })
      || !word.utf8.allSatisfy({ $0 < 0x80 }) && word.contains(where: \.isNumber)
    {
      cognateIDs.append(cognates.id("#" + word.filter(\.isNumber)))
    } else if word.count >= 4 {
      cognateIDs.append(cognates.id(String(word.prefix(4))))
    }
  }
  var length = 0
  var last: Unicode.Scalar?
  var questions = 0
  var exclamations = 0
  for scalar in sentence.unicodeScalars {
    length += 1
    // ASCII first: the Unicode property look-up is the costliest step of the loop.
    let isWhitespace =
      scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    if !isWhitespace && !closers.contains(scalar) { last = scalar }
    if scalar == "?" || scalar == "¿" { questions += 1 } else if scalar == "!" { exclamations += 1 }
  }
  return AlignmentUnit(
    length: Double(length), tokens: tokenIDs.sorted(), cognates: cognateIDs.sorted(),
    questions: questions, exclamations: exclamations,
    isTerminated: last.map { terminators.contains($0) } ?? false)
}

/// Marks that close a sentence after its final punctuation: quotation marks and brackets.
private let closers: Set<Unicode.Scalar> = ["\"", "'", "»", "”", "“", "’", "‘", "›", ")", "]"]
/// Final punctuation of a sentence.
private let terminators: Set<Unicode.Scalar> = [".", "!", "?", "…", ":", ";", "。", "！", "？"]

/// The tokens the aligner compares, from analysed words: runs of letters and digits of the
/// matching keys (`aujourd'hui` gives `aujourd` and `hui`, an elided `l'` gives `l`), where a
/// number goes on past `,` `.` and spaces (`1,000.5` and `1 000,5` both give `10005`, so they
/// agree). The words' keys are read in order with their gaps as the key of the sentence has them
/// (a space for each space character, a line break for other whitespace).
/// - Complexity: O(n) in the bytes of the keys.
func alignmentTokens(of words: some Collection<AnalysedWord>, in text: String) -> [String] {
  var key: [UInt8] = []
  var previousEnd: Int?
  var copy = text
  copy.withUTF8 { bytes in
    for word in words {
      if let end = previousEnd, end < word.range.lowerBound {
        var k = end
        while k < word.range.lowerBound {
          let b = bytes[k]
          if b == 0x20 {
            key.append(0x20)
            k += 1
          } else if b == 0xC2 && k + 1 < bytes.count && bytes[k + 1] == 0xA0 {
            key.append(0x20)
            k += 2
          } else if b == 0xE2 && k + 2 < bytes.count && bytes[k + 1] == 0x80
            && (0x80...0x8A).contains(bytes[k + 2])
            || b == 0xE2 && k + 2 < bytes.count && bytes[k + 1] == 0x80
              && bytes[k + 2] == 0xAF
          {
            key.append(0x20)
            k += 3
          } else {
            key.append(0x0A)
            k += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
          }
        }
      }
      key.append(contentsOf: word.key.utf8)
      previousEnd = word.range.upperBound
    }
  }
  var result: [String] = []
  var current: [UInt8] = []
  var lastWasDigit = false
  func flush() {
    if !current.isEmpty {
      result.append(String(decoding: current, as: UTF8.self))
      current.removeAll(keepingCapacity: true)
    }
  }
  for byte in key {
    let isDigit = byte >= 0x30 && byte <= 0x39
    let isLetter = byte >= 0x61 && byte <= 0x7A || byte >= 0x80
    if isDigit || isLetter {
      current.append(byte)
      lastWasDigit = isDigit
    } else if lastWasDigit && (byte == 0x2C || byte == 0x2E || byte == 0x20) && !current.isEmpty {
      // Separators inside numbers (1,000.5 / 1 000,5) are dropped, so numbers agree.
      continue
    } else {
      flush()
      lastWasDigit = false
    }
  }
  flush()
  return result
}
