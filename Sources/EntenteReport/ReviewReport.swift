// The review report's model: the rows a reviser reads (aligned sentences, or a bilingual file's
// units) with the quotes and findings placed on them, and the summary counted from them.
import EntenteAlign
import EntenteTerms
import EntenteText

/// A side-by-side review of a translation: rows of source and target text, each with the quotes,
/// renderings and findings that fall in it, and a summary.
///
/// Made from two aligned documents (``init(source:target:alignment:quotes:findings:)``) or from
/// the units of a bilingual file (``init(file:findings:)``); ``html(title:)`` writes it as one
/// self-contained HTML page.
public struct ReviewReport: Sendable {
  /// What a row is.
  public enum RowKind: String, Sendable, CaseIterable {
    /// Aligned source and target sentences.
    case match
    /// Target sentences with no source (a box, a caption, a credit the page adds).
    case addition
    /// Source sentences with no target (what the translation leaves out).
    case omission
    /// A translation unit of a bilingual file.
    case unit
  }

  /// What marks a piece of a cell.
  public enum MarkKind: Sendable, Hashable {
    /// A source quote (`quote` is its index among the source quotes); `rendered` is false when
    /// nothing in the target renders it.
    case quote(Int, rendered: Bool)
    /// The target span rendering source quote `quote`.
    case rendering(Int)
    /// A quote of the target that renders no source quote (its index among those).
    case targetQuote(Int)
    /// Finding `finding` (its index in ``findings``).
    case finding(Int)
  }

  /// A marked piece of a cell: a UTF-8 byte range of the cell's text.
  public struct Mark: Sendable, Hashable {
    public var range: Range<Int>
    public var kind: MarkKind
  }

  /// One side of a row: its text (a slice of the document, or a unit's text) and its marks.
  public struct Cell: Sendable {
    public var text: String
    /// Where `text` starts in the side's whole text (0 for a unit of a bilingual file).
    public var offset: Int
    /// The first line of the cell's text in its file (1-based), when known.
    public var line: Int?
    /// The cell starts a paragraph of its text.
    public var startsParagraph: Bool
    public var marks: [Mark] = []
  }

  /// A row: source and target cells (nil for an empty side), its kind and confidence.
  public struct Row: Sendable {
    public var kind: RowKind
    public var source: Cell?
    public var target: Cell?
    /// The aligner's confidence in the row, in [0, 1]; nil for a unit or a corrected alignment
    /// that gives none.
    public var confidence: Double?
    /// The unit's id, for a unit of a bilingual file.
    public var unitID: String?
    /// The source and target sentence indices (empty for a unit).
    public var sourceSentences: [Int] = []
    public var targetSentences: [Int] = []
  }

  /// A source quote and its rendering, as the report shows them.
  public struct QuoteEntry: Sendable {
    public var text: String
    public var rendering: String?
    public var score: Double
    public var confidence: Double
  }

  public var sourceName: String
  public var targetName: String
  public var sourceLanguage: String
  public var targetLanguage: String
  public var rows: [Row]
  /// The findings, in the order given; marks refer to them by index.
  public var findings: [Finding]
  public var quotes: [QuoteEntry]
  /// The number of target quotes that render no source quote.
  public var targetOnlyQuotes: Int
  /// Sentences of each side (units, for a bilingual file).
  public var sourceSentenceCount: Int
  public var targetSentenceCount: Int
  /// Whether quotes were aligned (the rows of a bilingual file have none).
  public var hasQuotes: Bool
  /// Whether the rows are the units of a bilingual file.
  public var isBilingual: Bool
  /// The confidence under which a row counts as low (the aligner's 1–1 beads in clean text are
  /// mostly above 0.5; below 0.2 a reviser should look).
  public static let lowConfidence = 0.2

  /// The report of two aligned documents.
  /// - Parameters:
  ///   - alignment: The beads, in order (the aligner's or a reviser's corrected ones).
  ///   - quotes: The quote alignment of the two documents, or nil to show none.
  ///   - findings: Findings with UTF-8 offsets into the source (`side == .source`) or target
  ///     document's text.
  /// - Complexity: O((b + q + f) log b) for b beads, q quotes and f findings, plus the texts'
  ///   length.
  public init(
    source: Document, target: Document, alignment: Alignment, quotes: QuoteAlignment?, findings: [Finding]
  ) {
    sourceName = source.name
    targetName = target.name
    sourceLanguage = source.language
    targetLanguage = target.language
    sourceSentenceCount = source.sentences.count
    targetSentenceCount = target.sentences.count
    self.findings = findings
    hasQuotes = quotes != nil
    isBilingual = false
    let sourceLines = LineStarts(source.text)
    let targetLines = LineStarts(target.text)
    func cell(_ indices: [Int], _ document: Document, _ lines: LineStarts) -> Cell? {
      guard let range = document.range(ofSentences: indices.sorted()) else { return nil }
      let first = indices.min()!
      // One sentence per line says nothing of paragraphs: no row starts one.
      let startsParagraph =
        document.knowsParagraphs
        && (first == 0 || document.sentences[first - 1].paragraph != document.sentences[first].paragraph)
      return Cell(
        text: document.text.slice(utf8: range), offset: range.lowerBound,
        line: lines.line(of: range.lowerBound), startsParagraph: startsParagraph)
    }
    var rows: [Row] = alignment.beads.map { bead in
      let kind: RowKind =
        switch bead.kind {
        case .match: .match
        case .addition: .addition
        case .omission: .omission
        }
      return Row(
        kind: kind, source: cell(bead.source, source, sourceLines),
        target: cell(bead.target, target, targetLines),
        confidence: bead.confidence, unitID: nil, sourceSentences: bead.source, targetSentences: bead.target)
    }
    var sourceMarks: [Mark] = []
    var targetMarks: [Mark] = []
    var entries: [QuoteEntry] = []
    for (k, match) in (quotes?.matches ?? []).enumerated() {
      sourceMarks.append(Mark(range: match.source.range, kind: .quote(k, rendered: match.target != nil)))
      if let rendering = match.target {
        targetMarks.append(Mark(range: rendering.range, kind: .rendering(k)))
      }
      entries.append(
        QuoteEntry(
          text: match.source.text, rendering: match.target?.text, score: match.score,
          confidence: match.confidence))
    }
    for (k, span) in (quotes?.unmatchedTargetQuotes ?? []).enumerated() {
      targetMarks.append(Mark(range: span.range, kind: .targetQuote(k)))
    }
    for (k, finding) in findings.enumerated() {
      let mark = Mark(range: finding.start..<max(finding.start, finding.end), kind: .finding(k))
      if finding.side == .source { sourceMarks.append(mark) } else { targetMarks.append(mark) }
    }
    Self.place(sourceMarks, in: &rows, side: \.source)
    Self.place(targetMarks, in: &rows, side: \.target)
    self.rows = rows
    self.quotes = entries
    targetOnlyQuotes = quotes?.unmatchedTargetQuotes.count ?? 0
  }

  /// The report of a bilingual file: one row per unit with a target.
  /// - Parameter findings: The findings of `BilingualChecker.check(_:)` on `file`: each names
  ///   its unit, with offsets into that unit's source or target text.
  /// - Complexity: O(u + f) for u units and f findings, plus the units' length.
  public init(file: BilingualFile, findings: [Finding]) {
    sourceName = file.path ?? "source"
    targetName = file.path ?? "target"
    sourceLanguage = file.sourceLanguage
    targetLanguage = file.targetLanguage
    self.findings = findings
    hasQuotes = false
    isBilingual = true
    quotes = []
    targetOnlyQuotes = 0
    sourceSentenceCount = file.units.count
    targetSentenceCount = file.units.count
    var rowOfOrdinal: [Int: Int] = [:]
    var rows: [Row] = []
    for unit in file.units {
      rowOfOrdinal[unit.ordinal] = rows.count
      rows.append(
        Row(
          kind: .unit, source: Cell(text: unit.source, offset: 0, line: nil, startsParagraph: true),
          target: Cell(text: unit.target, offset: 0, line: unit.targetLine, startsParagraph: true),
          confidence: nil, unitID: unit.id))
    }
    for (k, finding) in findings.enumerated() {
      guard let ordinal = finding.unit?.ordinal, let row = rowOfOrdinal[ordinal] else { continue }
      let mark = Mark(range: finding.start..<max(finding.start, finding.end), kind: .finding(k))
      if finding.side == .source {
        rows[row].source?.marks.append(mark)
      } else {
        rows[row].target?.marks.append(mark)
      }
    }
    self.rows = rows
  }

  /// Puts each mark into the cells of `side` it overlaps, in cell offsets; a mark across two
  /// rows is cut in two. A mark that lies in no cell (between two sentences) goes to the cell
  /// that follows it (or, after the last one, to the end of the last), empty, so that its note
  /// is still shown.
  /// - Complexity: O((m + r) log r) for m marks and r rows.
  static func place(_ marks: [Mark], in rows: inout [Row], side: WritableKeyPath<Row, Cell?>) {
    // The rows with a cell on this side, in text order (beads are in order on both sides).
    let order = rows.indices.filter { rows[$0][keyPath: side] != nil }.sorted {
      rows[$0][keyPath: side]!.offset < rows[$1][keyPath: side]!.offset
    }
    let ends = order.map { rows[$0][keyPath: side]!.offset + rows[$0][keyPath: side]!.text.utf8.count }
    for mark in marks {
      // The first cell ending after the mark's start.
      var low = 0
      var high = order.count
      while low < high {
        let mid = (low + high) / 2
        if ends[mid] > mark.range.lowerBound { high = mid } else { low = mid + 1 }
      }
      var k = low
      var placed = false
      while k < order.count {
        let start = rows[order[k]][keyPath: side]!.offset
        if placed && start >= mark.range.upperBound { break }
        let from = min(max(mark.range.lowerBound, start), ends[k]) - start
        let to = max(from, min(mark.range.upperBound, ends[k]) - start)
        rows[order[k]][keyPath: side]!.marks.append(Mark(range: from..<to, kind: mark.kind))
        placed = true
        if mark.range.upperBound <= ends[k] { break }
        k += 1
      }
      // After the last cell of the side (between its last sentence and the end of the text):
      // at the end of the last cell, so that its note is still shown.
      if !placed, let last = order.last {
        let length = rows[last][keyPath: side]!.text.utf8.count
        rows[last][keyPath: side]!.marks.append(Mark(range: length..<length, kind: mark.kind))
      }
    }
  }

  /// The number of rows per kind.
  public var rowCounts: [RowKind: Int] {
    rows.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
  }
}

/// The line starts of a text, for the line of an offset (without the column, which would cost
/// the line's length on a text of one long line).
struct LineStarts {
  private var starts: [Int] = [0]

  init(_ text: String) {
    for (offset, byte) in text.utf8.enumerated() where byte == 0x0A { starts.append(offset + 1) }
  }

  /// The 1-based line holding byte `offset`.
  /// - Complexity: O(log lines).
  func line(of offset: Int) -> Int {
    var low = 0
    var high = starts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low + 1
  }
}
