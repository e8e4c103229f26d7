// Glossaries as CSV or TSV: a header row naming languages and fields, one row per term slot.
import EntenteText
import Foundation

/// Reads and writes glossaries as CSV (RFC 4180) or TSV.
///
/// The header row names the columns:
/// - `id`: the concept (rows with the same id add terms to one concept; without an `id`
///   column each row is a concept, numbered);
/// - `definition`, `subjectField`, `note`: the concept's (on any of its rows); rows with the
///   id `#title` or `#description` carry the glossary's title and description in `note`;
/// - a language code (`en`, `fr`, `fr-CA`): a term of that language;
/// - `LANG:status`, `LANG:type`, `LANG:partOfSpeech`, `LANG:note`, `LANG:context`, `LANG:flags`:
///   that language's term on the row (`flags`: `first-mention`, `case-sensitive`,
///   `accent-sensitive`, separated by spaces or `|`).
///
/// Fields may be quoted (`"…"`, `""` for a quote, line breaks allowed inside) in both CSV and
/// TSV. Errors name the file, line and column. The reader is written here because the CSV
/// package at hand (CSV.swift) reports no positions and accepts an unterminated quote.
public enum GlossaryCSV {
  /// Reads CSV (`separator` ",") or TSV ("\t").
  /// - Throws: `GlossaryError.invalid` naming the line and column of a missing header, an
  ///   unknown or duplicated column, status, type or flag, a row with too many fields, a term's fields without
  ///   the term, or a quote never closed or followed by text.
  /// - Complexity: O(n) in the length of the text.
  public static func read(_ text: String, separator: Character, file: String) throws(GlossaryError)
    -> Glossary
  {
    let rows = try records(text, separator: separator, file: file)
    guard let header = rows.first, !header.fields.isEmpty else {
      throw GlossaryError.invalid(
        file: file, line: 1, column: 1, message: "the file is empty (a header row is needed)")
    }
    enum Column {
      case id, definition, subjectField, note
      case term(String)
      case field(String, String)
    }
    var columns: [Column] = []
    var seen: [String: (line: Int, column: Int)] = [:]
    for (k, name) in header.fields.map(\.text).enumerated() {
      let name = name.trimmingCharacters(in: .whitespaces)
      let (line, column) = header.fields[k].position
      if let first = seen[name] {
        throw GlossaryError.invalid(
          file: file, line: line, column: column,
          message:
            "column '\(name)' is given twice (first at \(first.line):\(first.column)); one would overwrite the other"
        )
      }
      seen[name] = (line, column)
      switch name {
      case "id": columns.append(.id)
      case "definition": columns.append(.definition)
      case "subjectField": columns.append(.subjectField)
      case "note": columns.append(.note)
      default:
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 1, isLanguageCode(parts[0]) {
          columns.append(.term(parts[0]))
        } else if parts.count == 2, isLanguageCode(parts[0]),
          ["status", "type", "partOfSpeech", "note", "context", "flags"].contains(parts[1])
        {
          columns.append(.field(parts[0], parts[1]))
        } else {
          throw GlossaryError.invalid(
            file: file, line: line, column: column,
            message:
              "unknown column '\(name)' (expected id, definition, subjectField, note, a language code, or LANG:status|type|partOfSpeech|note|context|flags)"
          )
        }
      }
    }
    var glossary = Glossary()
    var index: [String: Int] = [:]
    for (number, row) in rows.dropFirst().enumerated() {
      if row.fields.allSatisfy({ $0.text.isEmpty }) { continue }
      guard row.fields.count <= columns.count else {
        let (line, column) = row.fields[columns.count].position
        throw GlossaryError.invalid(
          file: file, line: line, column: column,
          message: "\(row.fields.count) fields where the header has \(columns.count)")
      }
      var id = "c\(number + 1)"
      var note: String?
      for (k, column) in columns.enumerated() where k < row.fields.count {
        if case .id = column, !row.fields[k].text.isEmpty { id = row.fields[k].text }
        if case .note = column { note = row.fields[k].text }
      }
      // The glossary's own title and description ride on rows `#title` and `#description`.
      if id == "#title" || id == "#description" {
        if id == "#title" { glossary.title = note } else if let note { glossary.description.append(note) }
        continue
      }
      if index[id] == nil {
        index[id] = glossary.concepts.count
        glossary.concepts.append(Concept(id: id))
      }
      let c = index[id]!
      var terms: [String: Term] = [:]
      for (k, column) in columns.enumerated() where k < row.fields.count {
        let value = row.fields[k].text
        guard !value.isEmpty else { continue }
        let (line, col) = row.fields[k].position
        switch column {
        case .id: break
        case .definition: glossary.concepts[c].definition = value
        case .subjectField: glossary.concepts[c].subjectField = value
        case .note: glossary.concepts[c].note = value
        case .term(let language): terms[language, default: Term("")].text = value
        case .field(let language, let name):
          var term = terms[language, default: Term("")]
          switch name {
          case "status":
            guard let status = TermStatus(tbx: value) else {
              throw GlossaryError.invalid(
                file: file, line: line, column: col, message: "unknown status '\(value)'")
            }
            term.status = status
          case "type":
            guard let type = TermType(rawValue: value) else {
              throw GlossaryError.invalid(
                file: file, line: line, column: col, message: "unknown term type '\(value)'")
            }
            term.type = type
          case "partOfSpeech": term.partOfSpeech = value
          case "note": term.note = value
          case "context": term.context = value
          default:
            for flag in value.split(whereSeparator: { $0 == " " || $0 == "|" }) {
              switch flag {
              case "first-mention": term.firstMention = true
              case "case-sensitive": term.caseSensitive = true
              case "accent-sensitive": term.accentSensitive = true
              default:
                throw GlossaryError.invalid(
                  file: file, line: line, column: col, message: "unknown flag '\(flag)'")
              }
            }
          }
          terms[language] = term
        }
      }
      for (language, term) in terms.sorted(by: { $0.key < $1.key }) {
        guard !term.text.isEmpty else {
          throw GlossaryError.invalid(
            file: file, line: row.line, column: 1,
            message: "fields for a \(language) term but no \(language) term")
        }
        glossary.concepts[c].terms[language, default: []].append(term)
      }
    }
    return glossary
  }

  /// The glossary as CSV or TSV: one row per term slot (the k-th term of each language of a
  /// concept share row k), concept fields on the concept's first row.
  public static func write(_ glossary: Glossary, separator: Character) -> String {
    let languages = Set(glossary.concepts.flatMap(\.terms.keys)).sorted()
    var header = ["id", "definition", "subjectField", "note"]
    for language in languages {
      header +=
        [language]
        + ["status", "type", "partOfSpeech", "note", "context", "flags"].map { "\(language):\($0)" }
    }
    var lines = [header.map { quoted($0, separator) }.joined(separator: String(separator))]
    let blank = Array(repeating: "", count: header.count - 4)
    for (id, text) in (glossary.title.map { [("#title", $0)] } ?? [])
      + glossary.description.map({ ("#description", $0) })
    {
      lines.append(
        ([id, "", "", text] + blank).map { quoted($0, separator) }.joined(separator: String(separator)))
    }
    for concept in glossary.concepts {
      let rows = max(1, concept.terms.values.map(\.count).max() ?? 0)
      for k in 0..<rows {
        var fields = [concept.id]
        fields +=
          k == 0 ? [concept.definition ?? "", concept.subjectField ?? "", concept.note ?? ""] : ["", "", ""]
        for language in languages {
          let terms = concept.terms[language] ?? []
          guard k < terms.count else {
            fields += Array(repeating: "", count: 7)
            continue
          }
          let term = terms[k]
          let flags = [
            (term.firstMention, "first-mention"), (term.caseSensitive, "case-sensitive"),
            (term.accentSensitive, "accent-sensitive"),
          ].filter(\.0).map(\.1).joined(separator: " ")
          fields += [
            term.text, term.status.rawValue, term.type?.rawValue ?? "", term.partOfSpeech ?? "",
            term.note ?? "",
            term.context ?? "", flags,
          ]
        }
        lines.append(fields.map { quoted($0, separator) }.joined(separator: String(separator)))
      }
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  static func quoted(_ field: String, _ separator: Character) -> String {
    guard field.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return field
    }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func isLanguageCode(_ text: String) -> Bool {
    // Column names are lowercase; a language column is a well-formed tag of a known language.
    guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isLowercase else {
      return false
    }
    return LanguageTag.parsed(text)?.isKnownLanguage == true
  }

  struct Field {
    var text: String
    var position: (Int, Int)
  }

  struct Record {
    var fields: [Field]
    var line: Int
  }

  /// RFC 4180 records with the line and column (in characters) of each field.
  static func records(_ text: String, separator: Character, file: String) throws(GlossaryError) -> [Record] {
    var records: [Record] = []
    var fields: [Field] = []
    var field = ""
    var line = 1
    var column = 1
    var fieldStart = (1, 1)
    var recordLine = 1
    var inQuotes = false
    var quoteStart = (1, 1)
    var wasQuoted = false
    var iterator = text.makeIterator()
    var pending: Character? = nil
    func next() -> Character? {
      if let c = pending {
        pending = nil
        return c
      }
      return iterator.next()
    }
    func endField() {
      fields.append(Field(text: field, position: fieldStart))
      field = ""
      wasQuoted = false
    }
    while let c = next() {
      if inQuotes {
        if c == "\"" {
          if let following = next() {
            if following == "\"" {
              field.append("\"")
              column += 2
              continue
            }
            pending = following
          }
          inQuotes = false
          column += 1
          continue
        }
        field.append(c)
        if c == "\n" || c == "\r\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
        continue
      }
      switch c {
      case "\"" where field.isEmpty && !wasQuoted:
        inQuotes = true
        wasQuoted = true
        quoteStart = (line, column)
        column += 1
      case separator:
        endField()
        column += 1
        fieldStart = (line, column)
      case "\n", "\r\n", "\r":
        endField()
        records.append(Record(fields: fields, line: recordLine))
        fields = []
        line += 1
        column = 1
        fieldStart = (line, column)
        recordLine = line
      default:
        if wasQuoted {
          throw GlossaryError.invalid(
            file: file, line: line, column: column,
            message: "text after a closing quote (write \"\" for a quote)")
        }
        field.append(c)
        column += 1
      }
    }
    if inQuotes {
      throw GlossaryError.invalid(
        file: file, line: quoteStart.0, column: quoteStart.1, message: "a quote is never closed")
    }
    if !field.isEmpty || !fields.isEmpty || wasQuoted {
      endField()
      records.append(Record(fields: fields, line: recordLine))
    }
    return records
  }
}
