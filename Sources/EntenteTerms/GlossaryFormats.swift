// Writing glossaries (TBX v3 DCA, JSON) and reading JSON; choosing a format by file extension.
import EntenteText
import Foundation

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
  public static func read(contentsOfFile path: String) throws(GlossaryError) -> Glossary {
    switch GlossaryFormat(path: path) {
    case .tbx: return try TBXReader.read(contentsOfFile: path)
    case .json:
      guard let data = FileManager.default.contents(atPath: path) else {
        throw GlossaryError(file: path, line: 1, column: 1, message: "cannot read the file")
      }
      do {
        return try JSONDecoder().decode(Glossary.self, from: data)
      } catch {
        throw GlossaryError(
          file: path, line: 1, column: 1, message: "not an Entente glossary in JSON: \(error)")
      }
    case .csv, .tsv:
      let text: String
      do {
        text = try SourceText(contentsOfFile: path).text
      } catch {
        throw GlossaryError(error, file: path)
      }
      return try GlossaryCSV.read(
        text, separator: GlossaryFormat(path: path) == .csv ? "," : "\t", file: path)
    case nil:
      throw GlossaryError(
        file: path, line: 1, column: 1,
        message: "unknown glossary format (expected .tbx, .json, .csv or .tsv)")
    }
  }

  /// The glossary as JSON (the model's Codable form, keys sorted).
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }

  /// The glossary as TBX v3, TBX-Basic, DCA style (data categories as `termNote`/`descrip`
  /// with a `type`); Entente's matching rules and first mentions as `note`s.
  public func tbx() -> String {
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
      <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
        <tbxHeader>
          <fileDesc>

      """
    if let title { out += "      <titleStmt><title>\(escaped(title))</title></titleStmt>\n" }
    if let first = description.first {
      out += "      <publicationStmt><p>\(escaped(first))</p></publicationStmt>\n"
    }
    if description.count > 1 {
      out += "      <sourceDesc>\n"
      for paragraph in description.dropFirst() { out += "        <p>\(escaped(paragraph))</p>\n" }
      out += "      </sourceDesc>\n"
    }
    out += "    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n"
    for concept in concepts {
      out += "      <conceptEntry id=\"\(escaped(concept.id))\">\n"
      if let subject = concept.subjectField {
        out += "        <descrip type=\"subjectField\">\(escaped(subject))</descrip>\n"
      }
      if let definition = concept.definition {
        out += "        <descrip type=\"definition\">\(escaped(definition))</descrip>\n"
      }
      if let note = concept.note { out += "        <note>\(escaped(note))</note>\n" }
      for language in concept.terms.keys.sorted() {
        out += "        <langSec xml:lang=\"\(escaped(language))\">\n"
        for term in concept.terms[language] ?? [] {
          out += "          <termSec>\n            <term>\(escaped(term.text))</term>\n"
          if let pos = term.partOfSpeech {
            out += "            <termNote type=\"partOfSpeech\">\(escaped(pos))</termNote>\n"
          }
          if let type = term.type {
            out += "            <termNote type=\"termType\">\(type.rawValue)</termNote>\n"
          }
          out += "            <termNote type=\"administrativeStatus\">\(term.status.tbxValue)</termNote>\n"
          if let context = term.context {
            out += "            <descrip type=\"context\">\(escaped(context))</descrip>\n"
          }
          for (flag, name) in [
            (term.firstMention, "first-mention"), (term.caseSensitive, "case-sensitive"),
            (term.accentSensitive, "accent-sensitive"),
          ] where flag {
            out += "            <note>\(name)</note>\n"
          }
          if let note = term.note {
            for line in note.split(separator: "\n") {
              out += "            <note>\(escaped(String(line)))</note>\n"
            }
          }
          out += "          </termSec>\n"
        }
        out += "        </langSec>\n"
      }
      out += "      </conceptEntry>\n"
    }
    out += "    </body>\n  </text>\n</tbx>\n"
    return out
  }

  /// The glossary in `format`.
  public func serialized(as format: GlossaryFormat) throws -> String {
    switch format {
    case .tbx: tbx()
    case .json: try json()
    case .csv: GlossaryCSV.write(self, separator: ",")
    case .tsv: GlossaryCSV.write(self, separator: "\t")
    }
  }
}

/// `text` with XML's special characters escaped.
func escaped(_ text: String) -> String {
  var out = ""
  out.reserveCapacity(text.utf8.count)
  for character in text {
    switch character {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    default: out.append(character)
    }
  }
  return out
}
