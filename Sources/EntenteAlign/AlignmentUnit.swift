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

/// Makes alignment units from sentence texts.
func makeUnits(_ sentences: [String], tokens: Interner, cognates: Interner) throws -> [AlignmentUnit] {
  // Matching keys (ICU) on all cores; interning after, in order.
  let keys = try parallelMap(sentences) { try MatchingKey($0).key }
  return zip(sentences, keys).map { sentence, key in
    var words: [String] = []
    var current: [UInt8] = []
    func flush() {
      if !current.isEmpty {
        words.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      }
    }
    var lastWasDigit = false
    for byte in key.utf8 {
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
    var tokenIDs: [Int32] = []
    var cognateIDs: [Int32] = []
    for word in words {
      tokenIDs.append(tokens.id(word))
      if word.contains(where: \.isNumber) {
        cognateIDs.append(cognates.id("#" + word.filter(\.isNumber)))
      } else if word.count >= 4 {
        cognateIDs.append(cognates.id(String(word.prefix(4))))
      }
    }
    let scalars = sentence.unicodeScalars
    return AlignmentUnit(
      length: Double(scalars.count), tokens: tokenIDs.sorted(), cognates: cognateIDs.sorted(),
      questions: scalars.filter { $0 == "?" || $0 == "¿" }.count,
      exclamations: scalars.filter { $0 == "!" }.count)
  }
}
