// Reading TBX: v3 (ISO 30042:2019, TBX-Basic, DCA and DCT styles) and the v2 layout (martif).
import EntenteText
import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads TBX files.
///
/// Accepted layouts:
/// - TBX v3 (`<tbx>`, `<conceptEntry>`, `<langSec>`, `<termSec>`) in the DCA style (data
///   categories as `termNote`/`descrip` with a `type`) and the DCT style (`<basic:partOfSpeech>`
///   and the like);
/// - TBX v2 (`<martif>`, `<termEntry>`, `<langSet>`, `<tig>` or `<ntig>`/`<termGrp>`).
///
/// Data categories read: `administrativeStatus` (preferred, admitted, deprecated, superseded),
/// `termType`, `partOfSpeech`, `definition`, `subjectField`, `context`, `note`. Entente's own
/// conventions ride on `note`: a note `first-mention` marks the form a document's first mention
/// must use, `case-sensitive` and `accent-sensitive` the matching rules. The parser never loads
/// a DTD or external entities.
public enum TBXReader {
  /// Reads the TBX file at `path`.
  /// - Throws: `GlossaryError.unreadable` when the file cannot be read, or an error of
  ///   `read(_:file:)`.
  /// - Complexity: O(n) in the size of the file.
  public static func read(contentsOfFile path: String) throws(GlossaryError) -> Glossary {
    guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(file: path) }
    return try read(data, file: path)
  }

  /// Reads a TBX document from `data`; `file` names it in errors.
  /// - Throws: `GlossaryError`: `.empty`, `.text` for bytes that are not text (with their line
  ///   and column), `.malformedXML` at the parser's position, and `.invalid` for a file that is
  ///   not TBX or breaks its structure (a concept without an id, an unknown status, a term
  ///   section without a term…), at the parser's line and column.
  /// - Complexity: O(n) in the size of the data.
  public static func read(_ data: Data, file: String) throws(GlossaryError) -> Glossary {
    if data.isEmpty { throw .empty(file: file) }
    try checkEncoding(data, file: file)
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.shouldProcessNamespaces = true
    parser.shouldReportNamespacePrefixes = false
    let delegate = TBXDelegate(file: file, parser: parser)
    parser.delegate = delegate
    let ok = parser.parse()
    if let error = delegate.error { throw error }
    if ok, let open = delegate.openElement {
      throw GlossaryError.invalid(
        file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
        message: "the file ends inside <\(open)>")
    }
    if !ok {
      throw .malformedXML(
        file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber),
        reason: parser.parserError.map(xmlErrorReason))
    }
    guard delegate.sawRoot else {
      throw GlossaryError.invalid(
        file: file, line: 1, column: 1, message: "not a TBX file (no <tbx> or <martif> root)")
    }
    return delegate.glossary
  }
}

/// The SAX handler behind `TBXReader`.
final class TBXDelegate: NSObject, XMLParserDelegate {
  let file: String
  unowned let parser: XMLParser
  var glossary = Glossary()
  var error: GlossaryError?
  var sawRoot = false

  private var concept: Concept?
  private var language: String?
  private var term: Term?
  private var text = ""
  /// The element stack (local names) and the `type` attribute of data-category elements.
  private var stack: [String] = []
  private var types: [String?] = []
  private var termStart: (Int, Int) = (1, 1)
  /// The innermost element still open, if any.
  var openElement: String? { stack.last }

  init(file: String, parser: XMLParser) {
    self.file = file
    self.parser = parser
  }

  private func fail(_ message: String) {
    guard error == nil else { return }
    error = GlossaryError.invalid(
      file: file, line: max(1, parser.lineNumber), column: max(1, parser.columnNumber), message: message)
    parser.abortParsing()
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
  ) {
    if stack.isEmpty {
      guard name == "tbx" || name == "martif" else {
        fail("not a TBX file: the root element is <\(name)>, not <tbx> or <martif>")
        return
      }
      sawRoot = true
    }
    stack.append(name)
    types.append(attributes["type"])
    text = ""
    switch name {
    case "conceptEntry", "termEntry":
      guard let id = attributes["id"], !id.isEmpty else {
        fail("<\(name)> without an id")
        return
      }
      if glossary.concepts.contains(where: { $0.id == id }) { fail("a second concept with id '\(id)'") }
      concept = Concept(id: id)
    case "langSec", "langSet":
      guard concept != nil else { return fail("<\(name)> outside a concept") }
      guard let lang = attributes["lang"] ?? attributes["xml:lang"], !lang.isEmpty else {
        return fail("<\(name)> without xml:lang")
      }
      language = lang
    case "termSec", "tig", "ntig":
      guard language != nil else { return fail("<\(name)> outside a language section") }
      term = Term("")
      termStart = (parser.lineNumber, parser.columnNumber)
    default:
      break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    guard stack.last == name else {
      return fail("</\(name)> closes <\(stack.last ?? name)>")
    }
    let type = types.last ?? nil
    let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    stack.removeLast()
    types.removeLast()
    // The data category: DCA's type attribute, or DCT's element name.
    let category = ["termNote", "descrip", "admin", "termCompList"].contains(name) ? (type ?? name) : name
    switch name {
    case "conceptEntry", "termEntry":
      if let concept { glossary.concepts.append(concept) }
      concept = nil
    case "langSec", "langSet":
      language = nil
    case "termSec", "tig", "ntig":
      if let finished = term, let language {
        guard !finished.text.isEmpty else {
          error =
            error
            ?? GlossaryError.invalid(
              file: file, line: termStart.0, column: termStart.1, message: "<\(name)> without a <term>")
          parser.abortParsing()
          return
        }
        concept?.terms[language, default: []].append(finished)
      }
      term = nil
    case "term":
      if term != nil { term?.text = value }
    case "title" where stack.contains("titleStmt"):
      glossary.title = value
    case "p" where stack.contains("publicationStmt") || stack.contains("sourceDesc"):
      if !value.isEmpty { glossary.description.append(value) }
    default:
      apply(category: category, value: value)
    }
    text = ""
  }

  private func apply(category: String, value: String) {
    if term != nil {
      switch category {
      case "administrativeStatus":
        guard let status = TermStatus(tbx: value) else {
          return fail("unknown administrativeStatus '\(value)'")
        }
        term?.status = status
      case "termType":
        guard
          let type = TermType(rawValue: value)
            ?? TermType.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() })
        else { return fail("unknown termType '\(value)'") }
        term?.type = type
      case "partOfSpeech": term?.partOfSpeech = value
      case "context": term?.context = value
      case "note":
        switch value {
        case "first-mention": term?.firstMention = true
        case "case-sensitive": term?.caseSensitive = true
        case "accent-sensitive": term?.accentSensitive = true
        default:
          let previous = term?.note
          term?.note = [previous, value].compactMap { $0 }.joined(separator: "\n")
        }
      default: break
      }
    } else if concept != nil && language == nil {
      switch category {
      case "definition": concept?.definition = value
      case "subjectField": concept?.subjectField = value
      case "note": concept?.note = value
      default: break
      }
    } else if concept != nil, category == "definition", concept?.definition == nil {
      concept?.definition = value
    }
  }

  func parserDidEndDocument(_ parser: XMLParser) {
    if let open = stack.last { fail("the file ends inside <\(open)>") }
  }

  func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
    nil
  }
}

/// XML files in UTF-8 (no UTF-16 byte order mark) are checked as UTF-8 first, so that a bad
/// byte is reported at its own line and column (the XML parser reports where it gave up).
func checkEncoding(_ data: Data, file: String) throws(GlossaryError) {
  let bytes = [UInt8](data.prefix(2))
  if bytes == [0xFF, 0xFE] || bytes == [0xFE, 0xFF] { return }
  do {
    _ = try SourceText(decoding: data, name: file)
  } catch {
    throw .text(error)
  }
}

/// The reason of an XML parser error, from its code (libxml2's, through Foundation), for TBX,
/// TMX and XLIFF files: `xmlParserErrorReason(code:)`.
func xmlErrorReason(_ error: Error) -> String {
  xmlParserErrorReason(code: (error as NSError).code)
}
