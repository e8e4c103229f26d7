// Reading TBX: v3 (ISO 30042:2019, TBX-Basic, DCA and DCT styles) and the v2 layout (martif).
import EntenteText
import Foundation

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
/// must use, `case-sensitive` and `accent-sensitive` the matching rules. `XMLReader` (libxml2)
/// reads the file: CDATA sections and references are text, and no DTD or external entity is
/// ever loaded.
public enum TBXReader {
  /// Reads the TBX file at `path`.
  /// - Throws: `GlossaryError.unreadable` when the file cannot be read (with the system's
  ///   reason), `.text(.tooLarge)` past `InputLimits.maximumInputSize`, or an error of
  ///   `read(_:file:)`.
  /// - Complexity: O(n) in the size of the file.
  public static func read(contentsOfFile path: String) throws(GlossaryError) -> Glossary {
    try read(Data(GlossaryError.bytes(ofFile: path)), file: path)
  }

  /// Reads a TBX document from `data`; `file` names it in errors.
  /// - Throws: `GlossaryError`: `.empty`, `.text` for bytes that are not text (with their line
  ///   and column), `.malformedXML` at the place of the problem (`XMLReader`'s words: a
  ///   truncated file, a mismatched end tag, an entity bomb…), and `.invalid` for a file that is
  ///   not TBX or breaks its structure (a concept without an id, a second concept with the same
  ///   id, an unknown status, a term section without a term…), at its line and column.
  /// - Complexity: O(n) in the size of the data (concept ids are checked in a set).
  public static func read(_ data: Data, file: String) throws(GlossaryError) -> Glossary {
    if data.isEmpty { throw .empty(file: file) }
    let handler = TBXHandler(file: file)
    try readXML([UInt8](data), file: file, into: handler)
    guard handler.sawRoot else {
      throw GlossaryError.invalid(
        file: file, line: 1, column: 1, message: "not a TBX file (no <tbx> or <martif> root)")
    }
    return handler.glossary
  }
}

/// Reads an XML document into `handler`, turning every error into a `GlossaryError`.
func readXML(_ bytes: [UInt8], file: String, into handler: some XMLContentHandler) throws(GlossaryError) {
  do {
    try XMLReader(file: file).read(bytes, into: handler)
  } catch let error as GlossaryError {
    throw error
  } catch let error as TextError {
    throw .text(error)
  } catch let error as XMLSyntaxError {
    throw .malformedXML(file: file, line: error.line, column: error.column, reason: error.problem.description)
  } catch {
    throw .invalid(file: file, line: 1, column: 1, message: "\(error)")
  }
}

/// The content handler behind `TBXReader`.
final class TBXHandler: XMLContentHandler {
  let file: String
  var glossary = Glossary()
  var sawRoot = false

  private var concept: Concept?
  private var conceptIDs: Set<String> = []
  private var language: String?
  private var term: Term?
  private var termStart = XMLPosition(line: 1, column: 1)
  private var text = ""
  /// The element stack (local names) and the `type` attribute of data-category elements.
  private var stack: [String] = []
  private var types: [String?] = []
  /// Where the element being handled starts, for errors.
  private var position = XMLPosition(line: 1, column: 1)

  init(file: String) { self.file = file }

  private func failure(_ message: String, at place: XMLPosition? = nil) -> GlossaryError {
    let place = place ?? position
    return .invalid(file: file, line: place.line, column: place.column, message: message)
  }

  func startElement(
    _ name: String, attributes: [String: String], position: XMLPosition, contentStart: XMLPosition
  ) throws {
    self.position = position
    if stack.isEmpty {
      guard name == "tbx" || name == "martif" else {
        throw failure("not a TBX file: the root element is <\(name)>, not <tbx> or <martif>")
      }
      sawRoot = true
    }
    stack.append(name)
    types.append(attributes["type"])
    text = ""
    switch name {
    case "conceptEntry", "termEntry":
      guard let id = attributes["id"], !id.isEmpty else { throw failure("<\(name)> without an id") }
      guard conceptIDs.insert(id).inserted else { throw failure("a second concept with id '\(id)'") }
      concept = Concept(id: id)
    case "langSec", "langSet":
      guard concept != nil else { throw failure("<\(name)> outside a concept") }
      guard let lang = attributes["xml:lang"] ?? attributes["lang"], !lang.isEmpty else {
        throw failure("<\(name)> without xml:lang")
      }
      language = lang
    case "termSec", "tig", "ntig":
      guard language != nil else { throw failure("<\(name)> outside a language section") }
      term = Term("")
      termStart = position
    default:
      break
    }
  }

  func characters(_ string: String) { text += string }

  func endElement(_ name: String, position: XMLPosition) throws {
    self.position = position
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
        guard !finished.text.isEmpty else { throw failure("<\(name)> without a <term>", at: termStart) }
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
      try apply(category: category, value: value)
    }
    text = ""
  }

  private func apply(category: String, value: String) throws(GlossaryError) {
    if term != nil {
      switch category {
      case "administrativeStatus":
        guard let status = TermStatus(tbx: value) else {
          throw failure("unknown administrativeStatus '\(value)'")
        }
        term?.status = status
      case "termType":
        guard
          let type = TermType(rawValue: value)
            ?? TermType.allCases.first(where: { $0.rawValue.lowercased() == value.lowercased() })
        else { throw failure("unknown termType '\(value)'") }
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
}
