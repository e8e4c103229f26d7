import EntenteTerms
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
    ])
  func errors(text: String, line: Int, column: Int, message: String) {
    #expect {
      try GlossaryCSV.read(text, separator: ",", file: "bad.csv")
    } throws: { error in
      guard let error = error as? GlossaryError else { return false }
      return error.line == line && error.column == column && error.message.contains(message)
    }
  }
}
