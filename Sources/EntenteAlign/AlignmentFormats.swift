// Writing alignments: Vecalign's bead lines, hunalign's ladder, TSV and JSON lines.
import EntenteText
import Foundation

/// Output formats of an alignment.
public enum AlignmentFormat: String, Sendable, Hashable, CaseIterable, Codable {
  /// `[0, 1]:[2]:score`, 0-based, one bead per line (Vecalign's and Bertalign's format).
  case vecalign
  /// hunalign's ladder: one rung `source<TAB>target<TAB>score` per bead start, and the final rung.
  case ladder
  /// One bead per line: source text, tab, target text (sentences of a side joined by a space).
  case tsv
  /// One JSON object per bead: source and target indices and texts, cost and confidence.
  case jsonl
  /// A TMX 1.4b document (see `tmxDocument`).
  case tmx
}

extension Bead {
  /// The bead in Vecalign's format, `[0, 1]:[2]:score` (score: the negated cost).
  public var vecalignLine: String {
    "[\(source.map(String.init).joined(separator: ", "))]:[\(target.map(String.init).joined(separator: ", "))]:"
      + String(format: "%.4f", -cost)
  }
}

/// Writes `alignment` between two documents in `format`; lines end with "\n". The `jsonl`
/// lines are `AlignmentRecord`s (what `Alignment(jsonLines:file:source:target:)` reads back).
/// - Throws: `EncodingError` for `jsonl` (not expected).
public func formatAlignment(
  _ alignment: Alignment, source: Document, target: Document, format: AlignmentFormat
) throws -> String {
  if format == .jsonl { return try alignment.jsonLines(source: source, target: target) }
  return formatAlignment(
    alignment.beads, source: source.sentenceTexts, target: target.sentenceTexts, format: format,
    sourceLanguage: source.language, targetLanguage: target.language)
}

/// Writes `beads` between `source` and `target` sentences in `format`; lines end with "\n".
public func formatAlignment(
  _ beads: [Bead], source: [String], target: [String], format: AlignmentFormat,
  sourceLanguage: String = "en", targetLanguage: String = "fr"
) -> String {
  var out = ""
  switch format {
  case .tmx:
    out = tmxDocument(
      beads, source: source, target: target,
      header: TMXHeader(sourceLanguage: sourceLanguage, targetLanguage: targetLanguage))
  case .vecalign:
    for bead in beads { out += bead.vecalignLine + "\n" }
  case .ladder:
    var i = 0
    var j = 0
    for bead in beads {
      out += "\(i)\t\(j)\t" + String(format: "%.4f", bead.confidence) + "\n"
      i += bead.source.count
      j += bead.target.count
    }
    out += "\(i)\t\(j)\t0\n"
  case .tsv:
    for bead in beads {
      let s = bead.source.map { oneLine(source[$0]) }.joined(separator: " ")
      let t = bead.target.map { oneLine(target[$0]) }.joined(separator: " ")
      out += s + "\t" + t + "\n"
    }
  case .jsonl:
    // Every field of a record is finite or a string: encoding cannot fail.
    let encoder = JSONLinesEncoder()
    for bead in beads {
      out += (try? encoder.line(AlignmentRecord(bead, sourceTexts: source, targetTexts: target))) ?? ""
    }
  }
  return out
}

func oneLine(_ text: String) -> String {
  String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
}
