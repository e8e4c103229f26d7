// A text read once for every later stage: its sentences, paragraphs and analysed words.

/// How a document's text is cut into sentences.
public enum DocumentLayout: String, Sendable, Hashable, Codable, CaseIterable {
  /// Running text: paragraphs separated by blank lines, sentences found by `SentenceSegmenter`.
  case text
  /// Every line is a paragraph; `SentenceSegmenter` still splits a line holding several
  /// sentences.
  case lines
  /// Every line is one sentence, as hunalign and Vecalign take their input: empty lines count
  /// too, so sentence indices are line numbers minus one. No segmentation rules apply.
  case sentencePerLine
}

/// A decoded text, segmented and analysed once: the value every stage after reading takes (the
/// aligner, the quote aligner, the checkers, the glossary builder), so none of them segments or
/// analyses again, and every offset points into `text`.
public struct Document: Sendable {
  /// The file the text came from, as the user named it (`<stdin>` for standard input), for
  /// messages and locations.
  public let name: String
  /// The decoded text (without a byte-order mark). All offsets are UTF-8 bytes into it.
  public let text: String
  /// The language of the text ("en", "fr", "fr-CA" …).
  public let language: String
  /// How the text was cut into sentences.
  public let layout: DocumentLayout
  /// The sentences, in order; each knows its byte range and paragraph.
  public let sentences: [Sentence]
  /// The text of each sentence (`text.slice(utf8: sentences[k].range)`).
  public let sentenceTexts: [String]
  /// The words of the whole text, in order (`WordAnalyser`).
  public let words: [AnalysedWord]
  /// For each sentence, the indices of its words in `words`.
  public let sentenceWordRanges: [Range<Int>]
  /// Whether the sentences' paragraph indices say where paragraphs end (text read as running
  /// text or as lines of paragraphs, or sentences given with their paragraphs); false for one
  /// sentence per line, where every line is its own paragraph and says nothing.
  public let knowsParagraphs: Bool

  /// Reads `text`: segments it (`layout` `.text` or `.lines`, with `segmenter`, or the built-in
  /// rules for `language` when nil) or takes one sentence per line (`.sentencePerLine`), then
  /// analyses the words of every sentence (on all cores).
  /// - Parameters:
  ///   - name: the file name used in messages and locations.
  ///   - text: the decoded text.
  ///   - language: a BCP 47 or ICU language code.
  ///   - layout: how sentences are found.
  ///   - segmenter: the segmenter to use, holding the user's abbreviations and SRX rules.
  /// - Throws: `TextError.icu` if ICU fails.
  /// - Complexity: O(n).
  public init(
    name: String, text: String, language: String, layout: DocumentLayout = .text,
    segmenter: SentenceSegmenter? = nil
  ) throws(TextError) {
    let sentences: [Sentence]
    switch layout {
    case .sentencePerLine:
      sentences = Self.lines(of: text)
    case .text, .lines:
      let chosen: SentenceSegmenter
      if let segmenter { chosen = segmenter } else { chosen = try SentenceSegmenter(language: language) }
      sentences = try chosen.sentences(in: text, mode: layout == .lines ? .lines : .text)
    }
    try self.init(
      name: name, text: text, language: language, layout: layout, sentences: sentences,
      knowsParagraphs: layout != .sentencePerLine)
  }

  /// Analyses the words of `sentences` of `text` (on all cores).
  private init(
    name: String, text: String, language: String, layout: DocumentLayout, sentences: [Sentence],
    knowsParagraphs: Bool
  ) throws(TextError) {
    self.knowsParagraphs = knowsParagraphs
    self.name = name
    self.text = text
    self.language = language
    self.layout = layout
    self.sentences = sentences
    let texts = sentences.map { text.slice(utf8: $0.range) }
    sentenceTexts = texts
    let pieces = Array(zip(texts, sentences.map(\.range.lowerBound)))
    var analysed: [[AnalysedWord]] = []
    do {
      analysed = try parallelChunkMap(pieces) { part in
        let analyser = try WordAnalyser(language: language)
        return try part.map { try analyser.words(in: $0.0, offset: $0.1) }
      }
    } catch let error as TextError {
      throw error
    } catch {
      throw TextError.icu(code: 1, operation: "analysing words")
    }
    var words: [AnalysedWord] = []
    words.reserveCapacity(analysed.reduce(0) { $0 + $1.count })
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(analysed.count)
    for list in analysed {
      let start = words.count
      words += list
      ranges.append(start..<words.count)
    }
    self.words = words
    sentenceWordRanges = ranges
  }

  /// Reads decoded `source` (its name and text) as `init(name:text:language:layout:segmenter:)`.
  /// - Throws: `TextError.icu` if ICU fails.
  public init(
    _ source: SourceText, language: String, layout: DocumentLayout = .text,
    segmenter: SentenceSegmenter? = nil
  ) throws(TextError) {
    try self.init(
      name: source.name, text: source.text, language: language, layout: layout, segmenter: segmenter)
  }

  /// A document whose sentences are given (one per element, each its own paragraph unless
  /// `paragraphs` says otherwise): the text is the sentences joined by line breaks.
  /// - Throws: `TextError.icu` if ICU fails.
  /// - Complexity: O(n).
  public init(name: String = "", sentences: [String], language: String, paragraphs: [Int]? = nil)
    throws(TextError)
  {
    let paragraphs = paragraphs.flatMap { $0.count == sentences.count ? $0 : nil }
    var text = ""
    var list: [Sentence] = []
    list.reserveCapacity(sentences.count)
    for (k, sentence) in sentences.enumerated() {
      if k > 0 { text += "\n" }
      let start = text.utf8.count
      text += sentence.replacingOccurrences(of: "\n", with: " ")
      list.append(Sentence(range: start..<text.utf8.count, paragraph: paragraphs?[k] ?? k))
    }
    try self.init(
      name: name, text: text, language: language, layout: .sentencePerLine, sentences: list,
      knowsParagraphs: paragraphs != nil)
  }

  /// The number of sentences.
  public var count: Int { sentences.count }

  /// The words of sentence `k`.
  public func words(ofSentence k: Int) -> ArraySlice<AnalysedWord> { words[sentenceWordRanges[k]] }

  /// The byte range covering consecutive sentences `indices` (nil when empty).
  public func range(ofSentences indices: [Int]) -> Range<Int>? {
    guard let first = indices.first, let last = indices.last else { return nil }
    return sentences[first].range.lowerBound..<sentences[last].range.upperBound
  }

  /// The index of the first word starting at or after byte `offset`.
  /// - Complexity: O(log n).
  public func firstWord(atOrAfter offset: Int) -> Int {
    var low = 0
    var high = words.count
    while low < high {
      let mid = (low + high) / 2
      if words[mid].range.lowerBound < offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The index of the last sentence starting at or before byte `offset` (the one holding it),
  /// nil before the first.
  /// - Complexity: O(log s).
  public func sentence(atOrBefore offset: Int) -> Int? {
    var low = 0
    var high = sentences.count
    while low < high {
      let mid = (low + high) / 2
      if sentences[mid].range.lowerBound <= offset { low = mid + 1 } else { high = mid }
    }
    return low > 0 ? low - 1 : nil
  }

  /// The words lying inside byte `range`.
  /// - Complexity: O(log n + k).
  public func words(in range: Range<Int>) -> ArraySlice<AnalysedWord> {
    let start = firstWord(atOrAfter: range.lowerBound)
    var end = start
    while end < words.count && words[end].range.upperBound <= range.upperBound { end += 1 }
    return words[start..<end]
  }

  /// Lines as sentences: every line, empty ones too (a final line break ends the last line), a
  /// carriage return before the line feed left out; each line its own paragraph.
  static func lines(of text: String) -> [Sentence] {
    var result: [Sentence] = []
    var copy = text
    copy.withUTF8 { bytes in
      var start = 0
      for (offset, byte) in bytes.enumerated() where byte == 0x0A {
        let end = offset > start && bytes[offset - 1] == 0x0D ? offset - 1 : offset
        result.append(Sentence(range: start..<end, paragraph: result.count))
        start = offset + 1
      }
      if start < bytes.count {
        let end = bytes[bytes.count - 1] == 0x0D ? bytes.count - 1 : bytes.count
        result.append(Sentence(range: start..<end, paragraph: result.count))
      }
    }
    return result
  }
}
