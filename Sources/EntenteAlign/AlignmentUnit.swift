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
    if word.contains(where: \.isNumber) {
      cognateIDs.append(cognates.id("#" + word.filter(\.isNumber)))
    } else if word.count >= 4 {
      cognateIDs.append(cognates.id(String(word.prefix(4))))
    }
  }
  var length = 0
  var questions = 0
  var exclamations = 0
  for scalar in sentence.unicodeScalars {
    length += 1
    if scalar == "?" || scalar == "¿" { questions += 1 } else if scalar == "!" { exclamations += 1 }
  }
  return AlignmentUnit(
    length: Double(length), tokens: tokenIDs.sorted(), cognates: cognateIDs.sorted(),
    questions: questions, exclamations: exclamations)
}

/// The tokens the aligner compares, from analysed words: the pieces of each word's matching key
/// between characters that are not letters or digits (`aujourd'hui` gives `aujourd` and `hui`,
/// an elided `l'` gives `l`), numbers without their separators, and a number continued after
/// one space by another (`1 000,5`) joined to it, so that `1,000.5` and `1 000,5` agree.
func alignmentTokens(of words: some Collection<AnalysedWord>, in text: String) -> [String] {
  var result: [String] = []
  var previousNumberEnd: Int?
  for word in words {
    var pieces: [[UInt8]] = []
    var current: [UInt8] = []
    var lastWasDigit = false
    for byte in word.key.utf8 {
      let isDigit = byte >= 0x30 && byte <= 0x39
      let isLetter = byte >= 0x61 && byte <= 0x7A || byte >= 0x80
      if isDigit || isLetter {
        current.append(byte)
        lastWasDigit = isDigit
      } else if lastWasDigit && (byte == 0x2C || byte == 0x2E || byte == 0x20) && !current.isEmpty {
        // Separators inside numbers (1,000.5 / 1 000,5) are dropped, so numbers agree.
        continue
      } else {
        if !current.isEmpty { pieces.append(current) }
        current.removeAll(keepingCapacity: true)
        lastWasDigit = false
      }
    }
    if !current.isEmpty { pieces.append(current) }
    guard !pieces.isEmpty else {
      previousNumberEnd = nil
      continue
    }
    if word.kind == .number, let end = previousNumberEnd, let last = result.last,
      isNumberGap(text, end..<word.range.lowerBound)
    {
      result[result.count - 1] = last + String(decoding: pieces[0], as: UTF8.self)
      pieces.removeFirst()
    }
    for piece in pieces { result.append(String(decoding: piece, as: UTF8.self)) }
    previousNumberEnd = word.kind == .number ? word.range.upperBound : nil
  }
  return result
}

/// Whether the bytes `gap` of `text` are one space (ordinary, no-break or narrow no-break): the
/// thousands separator of French numbers.
private func isNumberGap(_ text: String, _ gap: Range<Int>) -> Bool {
  guard gap.count >= 1 && gap.count <= 3 else { return false }
  let piece = text.slice(utf8: gap)
  return piece == " " || piece == "\u{A0}" || piece == "\u{202F}"
}
