// The alignment of two documents as a value: what `entente align` writes as JSON lines, what a
// reviser corrects by hand, and what quotes, checks and glossary building take back.
import EntenteText
import Foundation

/// Sentence beads between a source document and its translation, in order, covering every
/// sentence of both sides exactly once.
public struct Alignment: Sendable, Hashable, Codable {
  /// The beads, in document order, with their byte ranges when the documents are known.
  public var beads: [Bead]

  /// An alignment of `beads` as the aligner returns them.
  public init(beads: [Bead]) {
    self.beads = beads
  }

  /// `beads` placed in `source` and `target`: each bead gets the byte ranges its sentences
  /// cover on both sides.
  public init(beads: [Bead], source: Document, target: Document) {
    self.beads = beads.map { bead in
      var bead = bead
      bead.sourceRange = source.range(ofSentences: bead.source)
      bead.targetRange = target.range(ofSentences: bead.target)
      return bead
    }
  }

  /// The beads with sentences on both sides, as pairs of byte ranges (source, target).
  public var pairs: [(source: Range<Int>, target: Range<Int>)] {
    beads.compactMap { bead in
      guard let source = bead.sourceRange, let target = bead.targetRange else { return nil }
      return (source, target)
    }
  }
}

extension Bead {
  /// What a bead says about the translation.
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Source and target sentences that translate each other.
    case match
    /// Target sentences with no source: a box, a caption, a line the translation adds.
    case addition
    /// Source sentences with no target: what the translation leaves out.
    case omission
  }

  /// `addition` when the source side is empty, `omission` when the target side is, else `match`.
  public var kind: Kind {
    source.isEmpty ? .addition : target.isEmpty ? .omission : .match
  }
}

/// One line of an alignment in JSON lines: a bead with its sentence indices, texts, byte
/// ranges, kind, cost and confidence. When read back, only `source` and `target` are required;
/// the texts and offsets, when present, must still match the documents.
public struct AlignmentRecord: Sendable, Hashable, Codable {
  /// 0-based indices of the source sentences (consecutive).
  public var source: [Int]
  /// 0-based indices of the target sentences (consecutive).
  public var target: [Int]
  /// The source sentences' texts.
  public var sourceText: [String]?
  /// The target sentences' texts.
  public var targetText: [String]?
  /// UTF-8 byte range of the source sentences in the source text (absent for an addition).
  public var sourceStart: Int?
  public var sourceEnd: Int?
  /// UTF-8 byte range of the target sentences in the target text (absent for an omission).
  public var targetStart: Int?
  public var targetEnd: Int?
  /// `match`, `addition` or `omission`.
  public var kind: Bead.Kind?
  /// The bead's cost in the model (lower is better).
  public var cost: Double?
  /// Confidence in [0, 1].
  public var confidence: Double?

  enum CodingKeys: String, CodingKey {
    case source, target, kind, sourceText, targetText, sourceStart, sourceEnd, targetStart, targetEnd
    case cost, confidence
  }

  /// The record of `bead` between `source` and `target` (costs rounded to four decimals).
  public init(_ bead: Bead, source: Document, target: Document) {
    self.init(bead, sourceTexts: source.sentenceTexts, targetTexts: target.sentenceTexts)
    let sourceRange = bead.sourceRange ?? source.range(ofSentences: bead.source)
    let targetRange = bead.targetRange ?? target.range(ofSentences: bead.target)
    sourceStart = sourceRange?.lowerBound
    sourceEnd = sourceRange?.upperBound
    targetStart = targetRange?.lowerBound
    targetEnd = targetRange?.upperBound
  }

  /// The record of `bead` between sentence texts, with the bead's ranges when it has them.
  public init(_ bead: Bead, sourceTexts: [String], targetTexts: [String]) {
    func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
    self.source = bead.source
    self.target = bead.target
    sourceText = bead.source.map { sourceTexts[$0] }
    targetText = bead.target.map { targetTexts[$0] }
    let sourceRange = bead.sourceRange
    let targetRange = bead.targetRange
    sourceStart = sourceRange?.lowerBound
    sourceEnd = sourceRange?.upperBound
    targetStart = targetRange?.lowerBound
    targetEnd = targetRange?.upperBound
    kind = bead.kind
    cost = rounded(bead.cost)
    confidence = rounded(bead.confidence)
  }
}

extension Alignment {
  /// The alignment as JSON lines, one `AlignmentRecord` per bead.
  /// - Throws: `EncodingError` (not expected: every field is encodable).
  public func jsonLines(source: Document, target: Document) throws -> String {
    let encoder = JSONLinesEncoder()
    var out = ""
    for bead in beads { out += try encoder.line(AlignmentRecord(bead, source: source, target: target)) }
    return out
  }

  /// Reads an alignment written as JSON lines (by `entente align --format jsonl`, perhaps
  /// corrected by hand) and checks that it fits `source` and `target`: every line a JSON object
  /// with `source` and `target` index arrays, indices in range and consecutive, beads in order
  /// and covering every sentence of both sides exactly once, and the texts and offsets, where the
  /// line gives them, equal to the documents'. Blank lines are skipped.
  /// - Parameters:
  ///   - jsonLines: the file's text.
  ///   - file: the file's name, for messages.
  /// - Throws: `AlignmentError.alignmentFile` naming the file and line of the first problem.
  /// - Complexity: O(n) in the file's size and the documents' sentence counts.
  public init(jsonLines: String, file: String, source: Document, target: Document) throws(AlignmentError) {
    let decoder = JSONDecoder()
    var beads: [Bead] = []
    var next = (source: 0, target: 0)
    var lastLine = 0
    var lineNumber = 0
    func fail(_ line: Int, _ reason: String) -> AlignmentError {
      .alignmentFile(file: file, line: line, column: 1, reason: reason)
    }
    func span(_ range: Range<Int>) -> String {
      range.count == 1
        ? "sentence \(range.lowerBound)" : "sentences \(range.lowerBound)–\(range.upperBound - 1)"
    }
    // Lines end at a line feed (a carriage return before it, CRLF, is trimmed with the rest).
    for line in jsonLines.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { continue }
      let record: AlignmentRecord
      do {
        record = try decoder.decode(AlignmentRecord.self, from: Data(trimmed.utf8))
      } catch let error as DecodingError {
        throw fail(lineNumber, Self.reason(error))
      } catch {
        throw fail(lineNumber, "not JSON")
      }
      if record.source.isEmpty && record.target.isEmpty {
        throw fail(lineNumber, "a bead needs a sentence on at least one side")
      }
      for (side, indices, document, expected, texts, start, end) in [
        (
          "source", record.source, source, next.source, record.sourceText, record.sourceStart,
          record.sourceEnd
        ),
        (
          "target", record.target, target, next.target, record.targetText, record.targetStart,
          record.targetEnd
        ),
      ] {
        for index in indices where !(0..<document.count).contains(index) {
          throw fail(
            lineNumber,
            "\(side) sentence \(index) is out of range: \(document.name) has \(document.count) sentences (0–\(document.count - 1))"
          )
        }
        for (a, b) in zip(indices, indices.dropFirst()) where b != a + 1 {
          throw fail(
            lineNumber, "the \(side) sentences of a bead must be consecutive and ascending (\(a) then \(b))")
        }
        if let first = indices.first {
          if first < expected {
            throw fail(
              lineNumber,
              "\(side) sentence \(first) is already in an earlier bead (beads overlap or are out of order)")
          }
          if first > expected {
            throw fail(
              lineNumber,
              "\(side) \(span(expected..<first)) of \(document.name) are in no bead (before this line); give them a bead, e.g. {\"\(side)\":[\(expected)],\"\(side == "source" ? "target" : "source")\":[]}"
            )
          }
        }
        if let texts {
          guard texts.count == indices.count else {
            throw fail(
              lineNumber, "\(side)Text has \(texts.count) sentences but \(side) has \(indices.count) indices")
          }
          for (index, text) in zip(indices, texts) where text != document.sentenceTexts[index] {
            throw fail(
              lineNumber,
              "\(side) sentence \(index) no longer matches \(document.name): the line has «\(Self.excerpt(text))», the text «\(Self.excerpt(document.sentenceTexts[index]))»"
            )
          }
        }
        let range = document.range(ofSentences: indices)
        if start != nil || end != nil, start != range?.lowerBound || end != range?.upperBound {
          throw fail(
            lineNumber,
            "\(side)Start/\(side)End (\(start.map(String.init) ?? "none")–\(end.map(String.init) ?? "none")) do not match \(side == "source" ? "the source" : "the target")'s sentences (\(range.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "none"); remove them or correct them)"
          )
        }
      }
      if let kind = record.kind {
        let actual = Bead(source: record.source, target: record.target, cost: 0, confidence: 0).kind
        if kind != actual {
          throw fail(
            lineNumber,
            "kind is \(kind.rawValue) but the bead is \(actual == .match ? "a match" : "an " + actual.rawValue)"
          )
        }
      }
      next.source += record.source.count
      next.target += record.target.count
      lastLine = lineNumber
      var bead = Bead(
        source: record.source, target: record.target, cost: record.cost ?? 0,
        confidence: record.confidence ?? 1)
      bead.sourceRange = source.range(ofSentences: record.source)
      bead.targetRange = target.range(ofSentences: record.target)
      beads.append(bead)
    }
    if beads.isEmpty && (source.count > 0 || target.count > 0) {
      throw fail(max(lineNumber, 1), "no beads: the file holds no alignment")
    }
    for (side, done, document) in [("source", next.source, source), ("target", next.target, target)]
    where done < document.count {
      throw fail(
        lastLine,
        "\(side) \(span(done..<document.count)) (the end of \(document.name)) are in no bead; add a bead for them after this line"
      )
    }
    self.beads = beads
  }

  /// A short reason for a decoding error.
  static func reason(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let context):
      let path = context.codingPath.map(\.stringValue).filter { Int($0) == nil }.joined(separator: ".")
      if path == "kind" { return "\"kind\" must be match, addition or omission" }
      return path.isEmpty ? "not a JSON object" : "\"\(path)\" has the wrong type"
    case .keyNotFound(let key, _):
      return "no \"\(key.stringValue)\" (each line needs \"source\" and \"target\" index arrays)"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      let path = context.codingPath.map(\.stringValue).filter { Int($0) == nil }.joined(separator: ".")
      if path == "kind" { return "\"kind\" must be match, addition or omission" }
      return path.isEmpty ? "not a JSON object" : "\"\(path)\" has the wrong type"
    @unknown default: return "not an alignment line"
    }
  }

  static func excerpt(_ text: String) -> String {
    text.count <= 60 ? text : String(text.prefix(57)) + "…"
  }
}
