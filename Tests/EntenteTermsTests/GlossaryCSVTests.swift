import EntenteTerms
import EntenteText
import Foundation
import Testing

@Suite("Glossaries as CSV and TSV")
struct GlossaryCSVTests {
  @Test("A header naming languages and fields; rows with the same id make one concept")
  func read() throws {
    let csv = #"""
      id,en,fr,fr:status,fr:flags,definition
      c-kcna,KCNA,KCNA,preferred,case-sensitive,"North Korea's agency, ""KCNA"""
      c-kcna,,Central News Agency de Corée du Nord,deprecated,,
      ,Seoul,Séoul,preferred,accent-sensitive|first-mention,
      """#
    let glossary = try GlossaryCSV.read(csv, separator: ",", file: "g.csv")
    #expect(glossary.concepts.map(\.id) == ["c-kcna", "c3"])
    #expect(glossary.concepts[0].definition == "North Korea's agency, \"KCNA\"")
    #expect(glossary.concepts[0].terms(in: "fr").map(\.status) == [.preferred, .deprecated])
    #expect(glossary.concepts[0].terms(in: "fr")[0].caseSensitive)
    let seoul = glossary.concepts[1].terms(in: "fr")[0]
    #expect(seoul.accentSensitive && seoul.firstMention && seoul.text == "Séoul")
  }

  @Test("CSV and TSV round trips lose nothing, line breaks and quotes in fields included")
  func roundTrip() throws {
    let glossary = Glossary(
      title: "Test, \"quoted\"", description: ["Version 1", "Two\nlines"],
      concepts: [
        Concept(
          id: "c-1", definition: "A \"quoted\", multi-line\ndefinition", subjectField: "news",
          terms: [
            "en": [Term("artillery shell", status: .preferred, type: .fullForm, partOfSpeech: "noun")],
            "fr": [
              Term("obus d'artillerie", status: .preferred, context: "des obus d'artillerie\ttirés"),
              Term("obus", status: .admitted, type: .shortForm, firstMention: false, note: "short"),
            ],
          ])
      ])
    for separator: Character in [",", "\t"] {
      let text = GlossaryCSV.write(glossary, separator: separator)
      #expect(try GlossaryCSV.read(text, separator: separator, file: "g") == glossary)
    }
  }

  @Test(
    "Malformed files: line and column",
    arguments: [
      ("en,fr\nweapon,\"arme\n", 2, 8, "never closed"),
      ("en,fr:statut\n", 1, 4, "unknown column"),
      ("en,fr,fr:status\nshell,obus,forbiddenish\n", 2, 12, "unknown status"),
      ("en,fr\nshell,obus,extra\n", 2, 12, "fields where the header has 2"),
      ("en,fr\n\"shell\"s,obus\n", 2, 8, "after a closing quote"),
      ("id,en,fr,fr\nc1,shell,obus,douille\n", 1, 10, "column 'fr' is given twice (first at 1:7)"),
      ("id,fr:status,en, fr:status\n", 1, 17, "column 'fr:status' is given twice"),
    ])
  func errors(text: String, line: Int, column: Int, message: String) {
    #expect {
      try GlossaryCSV.read(text, separator: ",", file: "bad.csv")
    } throws: { error in
      guard let error = error as? GlossaryError else { return false }
      return error.line == line && error.column == column && error.message.contains(message)
    }
  }

  @Test(
    "Files that are not text or not a glossary: the error carries the text module's error or the JSON problem"
  )
  func fileErrors() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "entente-glossary-errors-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent("latin1.csv").path
    try Data([0x65, 0x6E, 0x2C, 0x66, 0x72, 0x0A, 0x63, 0x61, 0x66, 0xE9, 0x2C, 0x63, 0x0A]).write(
      to: URL(fileURLWithPath: csv))
    let error = TextError.invalidUTF8(file: csv, line: 2, column: 4, byte: 0xE9)
    #expect(throws: GlossaryError.text(error)) { try Glossary.read(contentsOfFile: csv) }
    #expect(GlossaryError.text(error).description == "\(csv):2:4: error: \(error.reason)")
    let json = folder.appendingPathComponent("g.json").path
    try Data("{\"concepts\": 3}".utf8).write(to: URL(fileURLWithPath: json))
    #expect {
      try Glossary.read(contentsOfFile: json)
    } throws: { error in
      guard case .invalidJSON(json, 1, 1, .missingKey(let key, [])) = error as? GlossaryError else {
        return false
      }
      return (error as? GlossaryError)?.description.hasPrefix(
        "\(json):1:1: error: not an Entente glossary in JSON: no \"\(key)\"") == true
    }
    try Data("not json".utf8).write(to: URL(fileURLWithPath: json))
    #expect(
      throws: GlossaryError.invalidJSON(
        file: json, line: 1, column: 1,
        problem: .syntax("a value expected (an object, array, string, number, true, false or null)"))
    ) {
      try Glossary.read(contentsOfFile: json)
    }
  }
}
