// Bilingual files from CAT workflows: TMX 1.4b, XLIFF 1.2 and XLIFF 2.x.
import EntenteText
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

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
  /// there are several). External entities and DTDs are never loaded.
  /// - Throws: `GlossaryError`: `.unreadable` or `.empty` for the file, `.text` for bytes that are
  ///   not text (with their line and column), `.malformedXML` at the parser's position, and
  ///   `.invalid` for a file that is not TMX or XLIFF, names no source or target language, or has
  ///   one language on both sides.
  /// - Complexity: O(n) in the size of the file.
  public static func read(contentsOfFile path: String, targetLanguage: String? = nil) throws(GlossaryError)
    -> BilingualFile
  {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path) }
    if data.isEmpty { throw .empty(file: path) }
    try checkEncoding(data, file: path)
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = true
    let delegate = BilingualDelegate(file: path, parser: parser, wantedTarget: targetLanguage)
    parser.delegate = delegate
    let ok = parser.parse()
    if let error = delegate.error { throw error }
    if !ok {
      throw .malformedXML(
        file: path, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
        reason: parser.parserError.map(xmlErrorReason))
    }
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

final class BilingualDelegate: NSObject, XMLParserDelegate {
  let file: String
  unowned let parser: XMLParser
  let wantedTarget: String?
  var kind: String?
  var sourceLanguage: String?
  var targetLanguage: String?
  var units: [BilingualFile.Unit] = []
  var error: GlossaryError?

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
  private var captureStart = (1, 1)
  private var skipDepth = 0
  private static let nativeCodes: Set<String> = [
    "ph", "bpt", "ept", "it", "x", "bx", "ex", "sc", "ec", "sm", "em", "cp", "ut",
  ]

  init(file: String, parser: XMLParser, wantedTarget: String?) {
    self.file = file
    self.parser = parser
    self.wantedTarget = wantedTarget
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
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
      variantLanguage = attributes["lang"] ?? attributes["xml:lang"]
    case "seg", "source", "target":
      capturing = true
      captured = ""
      // The parser reports the start tag's closing `>`; the text starts one column on.
      captureStart = (parser.lineNumber, parser.columnNumber + 1)
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if capturing && skipDepth == 0 { captured += string }
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    if capturing && Self.nativeCodes.contains(name) {
      skipDepth = max(0, skipDepth - 1)
      return
    }
    switch name {
    case "seg":
      capturing = false
      variants.append((variantLanguage ?? "", captured, captureStart.0, captureStart.1))
    case "source":
      capturing = false
      source = (source.map { $0 + " " } ?? "") + captured
    case "target":
      capturing = false
      let previous = target?.text.appending(" ") ?? ""
      target = (previous + captured, target?.line ?? captureStart.0, target?.column ?? captureStart.1)
    case "tu":
      guard let sourceLanguage else {
        error = GlossaryError.invalid(
          file: file, line: parser.lineNumber, column: parser.columnNumber,
          message: "a <tu> before the header names its srclang")
        parser.abortParsing()
        return
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

  func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? { nil }
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
