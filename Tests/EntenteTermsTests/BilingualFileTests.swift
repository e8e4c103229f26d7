import EntenteTerms
import Foundation
import Testing

@Suite("Bilingual files: TMX and XLIFF")
struct BilingualFileTests {
  static let glossary = Glossary(concepts: [
    Concept(
      id: "c-putin",
      terms: [
        "en": [Term("Vladimir Putin", status: .preferred)],
        "fr": [Term("Vladimir Poutine", status: .preferred), Term("Putin", status: .deprecated)],
      ])
  ])

  func write(_ text: String, _ name: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("entente-\(UUID())-\(name)")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static let xliff12 = """
    <?xml version="1.0" encoding="UTF-8"?>
    <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
      <file source-language="en" target-language="fr" datatype="plaintext" original="a.txt"><body>
        <trans-unit id="u1"><source>Vladimir Putin <ph id="1">&lt;b/&gt;</ph>spoke.</source>
          <target>Vladimir Putin a parlé.</target></trans-unit>
        <trans-unit id="u2"><source>No target here.</source></trans-unit>
      </body></file>
    </xliff>
    """

  @Test("XLIFF 1.2: units, languages from the file, native codes dropped, findings at file positions")
  func xliff12() throws {
    let path = try write(Self.xliff12, "a.xlf")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try BilingualFile.read(contentsOfFile: path)
    #expect(file.sourceLanguage == "en" && file.targetLanguage == "fr")
    #expect(file.units.map(\.id) == ["u1"])
    #expect(file.units[0].source == "Vladimir Putin spoke.")
    let findings = try BilingualChecker(glossary: Self.glossary, sourceLanguage: "en", targetLanguage: "fr")
      .check(file)
    #expect(findings.map(\.rule) == ["term-deprecated"])
    // Line 5 is `      <target>Vladimir Putin …`: «Putin» starts at column 24.
    #expect(findings.first?.line == 5 && findings.first?.column == 24)
    // The unit is a field of the finding (the text line shows it), not part of the message.
    #expect(findings.first?.unit == UnitReference(id: "u1", ordinal: 1) && findings.first?.file == path)
    #expect(findings.first?.message.hasPrefix("unit ") == false)
    #expect(findings.first?.textLine(file: "a.xlf").contains("[term-deprecated] unit u1: «Putin»") == true)
  }

  @Test("XLIFF 2.0 and TMX 1.4b give the same units")
  func xliff2AndTMX() throws {
    let xliff2 = """
      <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
        <file id="f1"><unit id="u1"><segment><source>Vladimir Putin <pc id="1">spoke</pc>.</source>
          <target>Vladimir Putin a <pc id="1">parlé</pc>.</target></segment></unit></file>
      </xliff>
      """
    let tmx = """
      <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
        adminlang="en" srclang="en" datatype="plaintext"/>
        <body><tu tuid="u1"><tuv xml:lang="en"><seg>Vladimir Putin spoke.</seg></tuv>
          <tuv xml:lang="fr"><seg>Vladimir Putin a <bpt i="1">&lt;b&gt;</bpt>parlé<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu></body>
      </tmx>
      """
    let a = try write(xliff2, "b.xlf")
    let b = try write(tmx, "c.tmx")
    defer {
      try? FileManager.default.removeItem(atPath: a)
      try? FileManager.default.removeItem(atPath: b)
    }
    let x = try BilingualFile.read(contentsOfFile: a)
    let t = try BilingualFile.read(contentsOfFile: b)
    #expect(x.units.map(\.target) == ["Vladimir Putin a parlé."])
    #expect(t.units.map(\.target) == x.units.map(\.target) && t.units.map(\.source) == x.units.map(\.source))
    #expect(t.sourceLanguage == "en" && t.targetLanguage == "fr")
  }

  @Test("Malformed or monolingual files are errors with a position")
  func errors() throws {
    let bad = try write("<xliff version=\"1.2\"><file source-language=\"en\">\n<body>", "d.xlf")
    let same = try write(
      "<xliff version=\"1.2\"><file source-language=\"fr\" target-language=\"fr-CA\"><body/></file></xliff>",
      "e.xlf")
    defer {
      try? FileManager.default.removeItem(atPath: bad)
      try? FileManager.default.removeItem(atPath: same)
    }
    #expect(throws: GlossaryError.self) { try BilingualFile.read(contentsOfFile: bad) }
    #expect {
      try BilingualFile.read(contentsOfFile: same)
    } throws: { ($0 as? GlossaryError)?.message.contains("both") == true }
  }
}
