// Bilingual files from CAT workflows: TMX 1.4b, XLIFF 1.2 and XLIFF 2.x.
import EntenteText
import Foundation

/// One side of a translation: the source text or its target.
public enum TextSide: String, Codable, Sendable, Hashable, CaseIterable {
  case source, target
}

/// A translation unit of a bilingual file, as a finding names it.
public struct UnitReference: Codable, Sendable, Hashable {
  /// The unit's id: the TMX `tuid`, or the XLIFF `trans-unit`/`unit` `id` (its ordinal when the
  /// file gives none).
  public var id: String
  /// The 1-based position of the unit among the file's units (`<tu>`, `<trans-unit>`, `<unit>`),
  /// units without a target included.
  public var ordinal: Int

  public init(id: String, ordinal: Int) {
    self.id = id
    self.ordinal = ordinal
  }
}

/// The translation units of a bilingual file, with the languages the file gives.
public struct BilingualFile: Sendable {
  public struct Unit: Sendable, Hashable {
    public var id: String
    /// The 1-based position of the unit among the file's units, units without a target included.
    public var ordinal: Int
    public var source: String
    public var target: String
    /// Where the target text starts in the file (1-based line and column).
    public var targetLine: Int
    public var targetColumn: Int
  }

  public var sourceLanguage: String
  public var targetLanguage: String
  public var units: [Unit]
  /// The file read, as `read(contentsOfFile:targetLanguage:)` was given it.
  public var path: String?

  /// Reads a TMX 1.4b (`<tmx>`), XLIFF 1.2 (`<xliff version="1.2">`) or XLIFF 2.x file. Inline
  /// markup keeps its text (`<g>`, `<mrk>`, `<pc>`, `<hi>`) and drops native codes (`<ph>`,
  /// `<bpt>`, `<ept>`, `<it>`, `<x/>`…). Units without a target are skipped. For TMX, the source
  /// is the header's `srclang` and the target the other language (`targetLanguage` chooses when
  /// there are several). `XMLReader` (libxml2) reads the file: CDATA sections and references
  /// are text, and no DTD or external entity is ever loaded.
  /// - Throws: `GlossaryError`: `.unreadable` or `.empty` for the file, `.text` for bytes that are
  ///   not text (with their line and column) or a file past `InputLimits.maximumInputSize`,
  ///   `.malformedXML` at the place of the problem (a truncated file is refused: no unit is
  ///   silently lost), and `.invalid` for a file that is not TMX or XLIFF, names no source or
  ///   target language, or has one language on both sides.
  /// - Complexity: O(n) in the size of the file.
  public static func read(contentsOfFile path: String, targetLanguage: String? = nil) throws(GlossaryError)
    -> BilingualFile
  {
    try read(GlossaryError.bytes(ofFile: path), file: path, targetLanguage: targetLanguage)
  }

  /// Reads a TMX or XLIFF document from `bytes` as `read(contentsOfFile:targetLanguage:)` reads
  /// a file; `file` names it in errors and becomes the result's `path`.
  /// - Throws: `GlossaryError` as `read(contentsOfFile:targetLanguage:)`, but `.unreadable`.
  /// - Complexity: O(n) in the number of bytes.
  public static func read(_ bytes: [UInt8], file path: String, targetLanguage: String? = nil)
    throws(GlossaryError) -> BilingualFile
  {
    if bytes.isEmpty { throw .empty(file: path) }
    let delegate = BilingualHandler(file: path, wantedTarget: targetLanguage)
    try readXML(bytes, file: path, into: delegate)
    guard let kind = delegate.kind else {
      throw GlossaryError.invalid(file: path, line: 1, column: 1, message: "not a TMX or XLIFF file")
    }
    guard let source = delegate.sourceLanguage, !source.isEmpty else {
      throw GlossaryError.invalid(
        file: path, line: 1, column: 1, message: "the \(kind) file names no source language")
    }
    let target = delegate.targetLanguage ?? targetLanguage ?? ""
    guard !target.isEmpty else {
      throw GlossaryError.invalid(
        file: path, line: 1, column: 1, message: "the \(kind) file names no target language")
    }
    if Concept.primary(source) == Concept.primary(target) {
      throw GlossaryError.invalid(
        file: path, line: 1, column: 1, message: "source and target are both '\(source)': nothing to check")
    }
    return BilingualFile(sourceLanguage: source, targetLanguage: target, units: delegate.units, path: path)
  }
}

/// The content handler behind `BilingualFile.read(contentsOfFile:targetLanguage:)`.
final class BilingualHandler: XMLContentHandler {
  let file: String
  let wantedTarget: String?
  var kind: String?
  var sourceLanguage: String?
  var targetLanguage: String?
  var units: [BilingualFile.Unit] = []

  private var unitID = ""
  private var unitCount = 0
  /// TMX: the segments of the current `<tu>` by language, with their positions.
  private var variants: [(language: String, text: String, line: Int, column: Int)] = []
  private var variantLanguage: String?
  private var source: String?
  private var target: (text: String, line: Int, column: Int)?
  /// The text element being read (`seg`, `source`, `target`) and its start.
  private var capturing = false
  private var captured = ""
  private var captureStart = XMLPosition(line: 1, column: 1)
  private var skipDepth = 0
  private static let nativeCodes: Set<String> = [
    "ph", "bpt", "ept", "it", "x", "bx", "ex", "sc", "ec", "sm", "em", "cp", "ut",
  ]

  init(file: String, wantedTarget: String?) {
    self.file = file
    self.wantedTarget = wantedTarget
  }

  func startElement(
    _ name: String, attributes: [String: String], position: XMLPosition, contentStart: XMLPosition
  ) {
    if capturing {
      if Self.nativeCodes.contains(name) { skipDepth += 1 }
      return
    }
    switch name {
    case "tmx": kind = "TMX"
    case "xliff":
      kind = "XLIFF"
      sourceLanguage = attributes["srcLang"] ?? sourceLanguage
      targetLanguage = attributes["trgLang"] ?? targetLanguage
    case "header" where kind == "TMX": sourceLanguage = attributes["srclang"]
    case "file" where kind == "XLIFF":
      sourceLanguage = attributes["source-language"] ?? sourceLanguage
      targetLanguage = attributes["target-language"] ?? targetLanguage
    case "tu", "trans-unit", "unit":
      unitCount += 1
      unitID = attributes["id"] ?? attributes["tuid"] ?? "\(unitCount)"
      variants = []
      source = nil
      target = nil
    case "tuv":
      variantLanguage = attributes["xml:lang"] ?? attributes["lang"]
    case "seg", "source", "target":
      capturing = true
      captured = ""
      captureStart = contentStart
    default: break
    }
  }

  func characters(_ string: String) {
    if capturing && skipDepth == 0 { captured += string }
  }

  func endElement(_ name: String, position: XMLPosition) throws {
    if capturing && Self.nativeCodes.contains(name) {
      skipDepth = max(0, skipDepth - 1)
      return
    }
    switch name {
    case "seg":
      capturing = false
      variants.append((variantLanguage ?? "", captured, captureStart.line, captureStart.column))
    case "source":
      capturing = false
      source = (source.map { $0 + " " } ?? "") + captured
    case "target":
      capturing = false
      let previous = target?.text.appending(" ") ?? ""
      target = (previous + captured, target?.line ?? captureStart.line, target?.column ?? captureStart.column)
    case "tu":
      guard let sourceLanguage else {
        throw GlossaryError.invalid(
          file: file, line: position.line, column: position.column,
          message: "a <tu> before the header names its srclang")
      }
      let primary = Concept.primary(sourceLanguage)
      guard let s = variants.first(where: { Concept.primary($0.language) == primary }) else { return }
      let others = variants.filter { Concept.primary($0.language) != primary }
      let t =
        others.first { wantedTarget.map(Concept.primary) == Concept.primary($0.language) } ?? others.first
      guard let t else { return }
      if targetLanguage == nil { targetLanguage = t.language }
      units.append(
        .init(
          id: unitID, ordinal: unitCount, source: s.text, target: t.text, targetLine: t.line,
          targetColumn: t.column))
    case "trans-unit", "unit":
      if let source, let target, !target.text.isEmpty {
        units.append(
          .init(
            id: unitID, ordinal: unitCount, source: source, target: target.text, targetLine: target.line,
            targetColumn: target.column))
      }
    default: break
    }
  }
}

extension BilingualChecker {
  /// Checks every unit's target against its source (the units are the aligned pairs; the
  /// target-side rules see the units' targets as one document). Findings give the file's line
  /// and column, the unit (`Finding.unit`: id and ordinal) and the file's path (`Finding.file`).
  /// - Throws: `TextError.icu` if ICU fails (`check(source:target:pairs:)`).
  /// - Complexity: that of `check(source:target:pairs:)`, plus O(f · log u) to place f findings
  ///   among u units.
  public func check(_ file: BilingualFile) throws -> [Finding] {
    var source = ""
    var target = ""
    var pairs: [(source: Range<Int>, target: Range<Int>)] = []
    var starts: [Int] = []
    for unit in file.units {
      let s = source.utf8.count
      source += unit.source + "\n\n"
      let t = target.utf8.count
      target += unit.target + "\n\n"
      pairs.append((s..<(s + unit.source.utf8.count), t..<(t + unit.target.utf8.count)))
      starts.append(t)
    }
    var findings = try check(source: source, target: target, pairs: pairs)
    for k in findings.indices {
      findings[k].file = file.path
      // The unit holding the finding: the last whose target starts at or before it.
      var low = 0
      var high = starts.count
      while low < high {
        let mid = (low + high) / 2
        if starts[mid] <= findings[k].start { low = mid + 1 } else { high = mid }
      }
      guard low > 0 else { continue }
      let unit = file.units[low - 1]
      let before = target.slice(utf8: starts[low - 1]..<findings[k].start)
      let lineBreaks = before.filter { $0 == "\n" || $0 == "\r\n" }.count
      let lastLine = before.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
      findings[k].line = unit.targetLine + lineBreaks
      findings[k].column = (lineBreaks == 0 ? unit.targetColumn : 1) + lastLine.unicodeScalars.count
      findings[k].unit = UnitReference(id: unit.id, ordinal: unit.ordinal)
      // Offsets count from the start of the unit's target text.
      findings[k].start -= starts[low - 1]
      findings[k].end -= starts[low - 1]
    }
    return findings
  }
}
