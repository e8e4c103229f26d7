// Writing glossaries (TBX v3 DCA, JSON) and reading JSON; choosing a format by file extension.
import EntenteText
import Foundation

/// The TBX layouts Entente writes.
public enum TBXStyle: String, Sendable, CaseIterable {
  /// TBX v3, data categories as attributes (`<termNote type="partOfSpeech">`).
  case dca
  /// TBX v3, data categories as tags (`<basic:partOfSpeech>`).
  case dct
  /// The TBX v2 layout (`<martif>`).
  case v2
}

/// The glossary file formats.
public enum GlossaryFormat: String, Sendable, CaseIterable {
  case tbx, json, csv, tsv

  /// The format a file name's extension names (`.tbx`, `.json`, `.csv`, `.tsv`), or nil.
  public init?(path: String) {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "tbx", "xml": self = .tbx
    case "json": self = .json
    case "csv": self = .csv
    case "tsv", "tab": self = .tsv
    default: return nil
    }
  }
}

extension Glossary {
  /// Reads a glossary file in the format its extension names.
  /// - Throws: `GlossaryError`: `.unknownFormat` for another extension, `.unreadable`, `.text`
  ///   for bytes that are not text, `.invalidJSON` with the decoder's problem, and the errors of
  ///   `TBXReader.read(_:file:)` and `GlossaryCSV.read(_:separator:file:)`.
  /// - Complexity: O(n) in the size of the file.
  public static func read(contentsOfFile path: String) throws(GlossaryError) -> Glossary {
    switch GlossaryFormat(path: path) {
    case .tbx: return try TBXReader.read(contentsOfFile: path)
    case .json:
      return try readJSON(GlossaryError.bytes(ofFile: path), file: path)
    case .csv, .tsv:
      let text: String
      do {
        text = try SourceText(contentsOfFile: path).text
      } catch {
        throw .text(error)
      }
      return try GlossaryCSV.read(
        text, separator: GlossaryFormat(path: path) == .csv ? "," : "\t", file: path)
    case nil:
      throw .unknownFormat(file: path)
    }
  }

  /// Reads a glossary in Entente's JSON form (the model's Codable form).
  /// - Throws: `GlossaryError.text` for bytes that are not text, `.invalidJSON` at the line and
  ///   column of the syntax error, or of the value the decoder's coding path names (a wrong type,
  ///   a missing key: the object that lacks it), with the path (`concepts[3].terms.fr[0]`).
  /// - Complexity: O(n) in the size of the data.
  public static func readJSON(_ bytes: [UInt8], file: String) throws(GlossaryError) -> Glossary {
    let text: String
    do {
      text = try SourceText(decoding: bytes, name: file).text
    } catch {
      throw .text(error)
    }
    let utf8 = Array(text.utf8)
    let index = LineIndex(text)
    func place(_ offset: Int?) -> (line: Int, column: Int) { index.location(of: offset ?? 0) }
    if let syntax = JSONLocation.syntaxProblem(in: utf8) {
      let (line, column) = place(syntax.offset)
      throw .invalidJSON(file: file, line: line, column: column, problem: .syntax(syntax.reason))
    }
    do {
      return try JSONDecoder().decode(Glossary.self, from: Data(utf8))
    } catch let error as DecodingError {
      let problem = GlossaryError.JSONProblem(error)
      let (line, column) = place(JSONLocation.offset(of: problem.codingPath, in: utf8))
      throw .invalidJSON(file: file, line: line, column: column, problem: problem)
    } catch {
      throw .invalidJSON(file: file, line: 1, column: 1, problem: .notJSON)
    }
  }

  /// The glossary as JSON (the model's Codable form, keys sorted).
  /// - Throws: `JSONEncoder`'s `EncodingError` (not expected: every field is encodable).
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }

  /// The glossary as TBX-Basic: v3 (ISO 30042:2019) in the DCA style (data categories as
  /// `termNote`/`descrip` with a `type`) or the DCT style (`<basic:partOfSpeech>` …), or the v2
  /// layout (`<martif>`, `<termEntry>`, `<langSet>`, `<tig>`) older tools read. Entente's
  /// matching rules and first mentions are `note`s.
  public func tbx(style: TBXStyle = .dca) -> String {
    let v2 = style == .v2
    func category(_ kind: String, _ name: String, _ value: String, indent: String) -> String {
      style == .dct
        ? "\(indent)<basic:\(name)>\(xmlEscaped(value))</basic:\(name)>\n"
        : "\(indent)<\(kind) type=\"\(name)\">\(xmlEscaped(value))</\(kind)>\n"
    }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    switch style {
    case .dca:
      out += """
        <?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
        <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">

        """
    case .dct:
      out += """
        <?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCT/TBX-Basic.nvdl" type="application/xml" schematypens="http://purl.oclc.org/dsdl/nvdl/ns/structure/1.0"?>
        <tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic">

        """
    case .v2:
      out += "<martif type=\"TBX-Basic\" xml:lang=\"en\">\n"
    }
    out += v2 ? "  <martifHeader>\n    <fileDesc>\n" : "  <tbxHeader>\n    <fileDesc>\n"
    if let title { out += "      <titleStmt><title>\(xmlEscaped(title))</title></titleStmt>\n" }
    if let first = description.first {
      out += "      <publicationStmt><p>\(xmlEscaped(first))</p></publicationStmt>\n"
    }
    if description.count > 1 {
      out += "      <sourceDesc>\n"
      for paragraph in description.dropFirst() { out += "        <p>\(xmlEscaped(paragraph))</p>\n" }
      out += "      </sourceDesc>\n"
    }
    out += v2 ? "    </fileDesc>\n  </martifHeader>\n" : "    </fileDesc>\n  </tbxHeader>\n"
    out += "  <text>\n    <body>\n"
    let (entry, languageSection, termSection) =
      v2 ? ("termEntry", "langSet", "tig") : ("conceptEntry", "langSec", "termSec")
    for concept in concepts {
      out += "      <\(entry) id=\"\(xmlEscaped(concept.id))\">\n"
      if let subject = concept.subjectField {
        out += category("descrip", "subjectField", subject, indent: "        ")
      }
      if let definition = concept.definition {
        out += category("descrip", "definition", definition, indent: "        ")
      }
      if let note = concept.note { out += "        <note>\(xmlEscaped(note))</note>\n" }
      for language in concept.terms.keys.sorted() {
        out += "        <\(languageSection) xml:lang=\"\(xmlEscaped(language))\">\n"
        for term in concept.terms[language] ?? [] {
          out += "          <\(termSection)>\n            <term>\(xmlEscaped(term.text))</term>\n"
          let indent = "            "
          if let pos = term.partOfSpeech { out += category("termNote", "partOfSpeech", pos, indent: indent) }
          if let type = term.type { out += category("termNote", "termType", type.rawValue, indent: indent) }
          out += category("termNote", "administrativeStatus", term.status.tbxValue, indent: indent)
          if let context = term.context { out += category("descrip", "context", context, indent: indent) }
          for (flag, name) in [
            (term.firstMention, "first-mention"), (term.caseSensitive, "case-sensitive"),
            (term.accentSensitive, "accent-sensitive"),
          ] where flag {
            out += "\(indent)<note>\(name)</note>\n"
          }
          if let note = term.note {
            for line in note.split(separator: "\n") {
              out += "\(indent)<note>\(xmlEscaped(String(line)))</note>\n"
            }
          }
          out += "          </\(termSection)>\n"
        }
        out += "        </\(languageSection)>\n"
      }
      out += "      </\(entry)>\n"
    }
    out += "    </body>\n  </text>\n" + (v2 ? "</martif>\n" : "</tbx>\n")
    return out
  }

  /// The glossary in `format`.
  /// - Throws: `JSONEncoder`'s `EncodingError` for `.json` (not expected).
  public func serialized(as format: GlossaryFormat, tbxStyle: TBXStyle = .dca) throws -> String {
    switch format {
    case .tbx: tbx(style: tbxStyle)
    case .json: try json()
    case .csv: GlossaryCSV.write(self, separator: ",")
    case .tsv: GlossaryCSV.write(self, separator: "\t")
    }
  }
}
