// Broken and large glossary and bilingual files (issue #14): nothing silently lost, every error
// at its place, large files read in linear time.
import EntenteText
import Foundation
import Testing
import _EntenteTestSupport

@testable import EntenteTerms

/// A fresh temporary folder, removed at the end of the test.
private final class Folder {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "entente-hostile-\(UUID().uuidString)")

  init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `name` and returns its path.
  func write(_ name: String, _ text: String) throws -> String {
    let path = url.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }
}

private let tmxHead = """
  <?xml version="1.0" encoding="UTF-8"?>
  <tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" o-tmf="x" datatype="plaintext" creationtool="t" creationtoolversion="1"/>
  <body>

  """

/// 1-based line and column (in Unicode scalars) of UTF-8 byte `offset` of `text`.
private func place(of offset: Int, in text: String) -> (line: Int, column: Int) {
  let prefix = String(decoding: Array(text.utf8)[..<offset], as: UTF8.self)
  let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
  return (lines.count, lines.last!.unicodeScalars.count + 1)
}

@Suite("Hostile glossary and bilingual files")
struct HostileGlossaryTests {
  @Test("TBX: CDATA sections and references are read as text, entities in attribute values too")
  func tbxText() throws {
    let tbx = """
      <?xml version="1.0"?>
      <!DOCTYPE tbx [<!ENTITY agency "Agence centrale"><!ENTITY french "fr">]>
      <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
      <conceptEntry id="c1"><langSec xml:lang="&french;">
      <termSec><term>&agency; de presse cor&#xE9;enne</term></termSec>
      <termSec><term><![CDATA[AT&T <Corée>]]></term><termNote type="termType">acronym</termNote></termSec>
      <termSec><term>R&amp;D</term><note>d&apos;après &lt;KCNA&gt;</note></termSec>
      </langSec></conceptEntry></body></text></tbx>
      """
    let glossary = try TBXReader.read(Data(tbx.utf8), file: "g.tbx")
    let terms = glossary.concepts[0].terms(in: "fr")
    #expect(terms.map(\.text) == ["Agence centrale de presse coréenne", "AT&T <Corée>", "R&D"])
    #expect(terms[1].type == .acronym)
    #expect(terms[2].note == "d'après <KCNA>")
  }

  @Test("TMX and XLIFF: CDATA and text after references are kept")
  func bilingualText() throws {
    let folder = try Folder()
    let tmx = try folder.write(
      "a.tmx",
      tmxHead + """
        <tu tuid="1"><tuv xml:lang="en"><seg>R&amp;D in <![CDATA[<b>Seoul</b>]]> today</seg></tuv>
        <tuv xml:lang="fr"><seg>R&amp;D à <![CDATA[<b>Séoul</b>]]> aujourd&apos;hui</seg></tuv></tu>
        </body></tmx>
        """)
    let file = try BilingualFile.read(contentsOfFile: tmx)
    #expect(file.units.map(\.source) == ["R&D in <b>Seoul</b> today"])
    #expect(file.units.map(\.target) == ["R&D à <b>Séoul</b> aujourd'hui"])

    let xliff = try folder.write(
      "a.xlf",
      """
      <xliff version="1.2"><file source-language="en" target-language="fr" datatype="plaintext" original="x"><body>
      <trans-unit id="u1"><source>Q&amp;A <![CDATA[now]]></source><target>Q&amp;R <![CDATA[maintenant]]> !</target></trans-unit>
      </body></file></xliff>
      """)
    #expect(try BilingualFile.read(contentsOfFile: xliff).units.map(\.target) == ["Q&R maintenant !"])
  }

  @Test(
    "A truncated or mismatched TMX or XLIFF is refused at the place, not read in part",
    arguments: [
      (
        "a.tmx",
        tmxHead
          + "<tu tuid=\"1\"><tuv xml:lang=\"en\"><seg>One.</seg></tuv><tuv xml:lang=\"fr\"><seg>Un.</seg></tuv></tu>\n<tu tuid=\"2\"><tuv xml:lang=\"en\"><seg>Two¦",
        "ends inside <seg>"
      ),
      (
        "a.tmx",
        tmxHead + "<tu tuid=\"1\"><tuv xml:lang=\"en\"><seg>One.¦</tuv></tu></body></tmx>",
        "</tuv> does not close the open element <seg>"
      ),
      (
        "a.xlf",
        "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\"><body>\n<trans-unit id=\"1\"><source>One.</source><target>Un.</target></trans-unit>\n<trans-unit id=\"2\"><source>Two.</source><target>Deux.</target>¦",
        "ends inside <trans-unit>"
      ),
    ])
  func truncated(name: String, marked: String, reason: String) throws {
    let folder = try Folder()
    let text = MarkedText(marked)
    let path = try folder.write(name, text.text)
    #expect {
      try BilingualFile.read(contentsOfFile: path)
    } throws: { error in
      guard case .malformedXML(path, let line, let column, let found?) = error as? GlossaryError else {
        return false
      }
      let expected = place(of: text.points[0], in: text.text)
      return line == expected.line && column == expected.column && found.contains(reason)
    }
  }

  @Test(
    "An entity bomb in a TBX is refused with a message that says so",
    arguments: [
      // 10^9 × "lol" in a term.
      (leaf: "lol", language: "fr", term: "&l9;"),
      // 10^10 references producing nothing, in an attribute value.
      (leaf: "", language: "&l10;", term: "x"),
    ])
  func entityBomb(leaf: String, language: String, term: String) throws {
    var declarations = "<!ENTITY l0 \"\(leaf)\">"
    for level in 1...10 {
      declarations += "<!ENTITY l\(level) \"\(String(repeating: "&l\(level - 1);", count: 10))\">"
    }
    let tbx =
      "<!DOCTYPE tbx [\(declarations)]><tbx><text><body><conceptEntry id=\"a\"><langSec xml:lang=\"\(language)\"><termSec><term>\(term)</term></termSec></langSec></conceptEntry></body></text></tbx>"
    #expect {
      try TBXReader.read(Data(tbx.utf8), file: "bomb.tbx")
    } throws: { error in
      (error as? GlossaryError)?.description.contains("an entity bomb") == true
    }
  }

  @Test("Two concepts with one id: refused at the second")
  func duplicateConcept() throws {
    let tbx = """
      <tbx><text><body>
      <conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>x</term></termSec></langSec></conceptEntry>
      <conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>y</term></termSec></langSec></conceptEntry>
      </body></text></tbx>
      """
    #expect(
      throws: GlossaryError.invalid(
        file: "d.tbx", line: 3, column: 1, message: "a second concept with id 'a'")
    ) {
      try TBXReader.read(Data(tbx.utf8), file: "d.tbx")
    }
  }

  @Test("A missing glossary says no such file")
  func missingFile() throws {
    for name in ["/no/such/g.tbx", "/no/such/g.json", "/no/such/g.tmx"] {
      #expect(throws: GlossaryError.unreadable(file: name, reason: "no such file")) {
        if name.hasSuffix(".tmx") {
          _ = try BilingualFile.read(contentsOfFile: name)
        } else {
          _ = try Glossary.read(contentsOfFile: name)
        }
      }
    }
    #expect(
      GlossaryError.unreadable(file: "g.tbx", reason: "no such file").description
        == "g.tbx:1:1: error: cannot read the file: no such file")
  }

  @Test(
    "JSON glossary errors: at the real line:column, with the key path",
    arguments: [
      (
        #"{"description": [], "concepts": [\#n  {"id": "a", "terms": {}},\#n  {"id": "b", "terms": {"fr": [{"text": "x", "status": ¦7, "caseSensitive": false, "accentSensitive": false, "firstMention": false}]}}\#n]}"#,
        "expected String at concepts[1].terms.fr[0].status"
      ),
      (
        #"{"description": [], "concepts": [\#n  {"id": "a", "terms": {}},\#n  ¦{"terms": {}}\#n]}"#,
        #"no "id" at concepts[1]"#
      ),
      (
        #"{"concepts": [\#n  {"id": "a",¦, "terms": {}}\#n]}"#,
        "not valid JSON: a key in double quotes expected"
      ),
      (#"{"concepts": [\#n  {"id": "a"\#n¦"#, "not valid JSON: the text ends inside an object"),
    ])
  func jsonErrors(marked: String, reason: String) throws {
    let text = MarkedText(marked)
    #expect {
      try Glossary.readJSON(Array(text.text.utf8), file: "g.json")
    } throws: { error in
      guard let error = error as? GlossaryError, case .invalidJSON = error else { return false }
      let expected = place(of: text.points[0], in: text.text)
      return error.line == expected.line && error.column == expected.column
        && error.description
          == "g.json:\(expected.line):\(expected.column): error: not an Entente glossary in JSON: \(reason)"
    }
  }

  @Test("A 50 MB TBX and a 50 MB TMX are read in seconds (no size limit of the parser, no scan per id)")
  func largeFiles() async throws {
    let folder = try Folder()
    let tbxPath = folder.url.appendingPathComponent("big.tbx").path
    let tmxPath = folder.url.appendingPathComponent("big.tmx").path
    // Generated and read off the cooperative pool: other tests' polling is not starved meanwhile.
    let (concepts, units) = try await runOffPool { try Self.writeLargeFiles(tbx: tbxPath, tmx: tmxPath) }
    var start = ContinuousClock.now
    let glossary = try await runOffPool { try Glossary.read(contentsOfFile: tbxPath) }
    let tbxTime = ContinuousClock.now - start
    #expect(glossary.concepts.count == concepts)
    #expect(
      glossary.concepts.last?.terms(in: "fr").first?.text == "Agence centrale de presse coréenne \(concepts)")
    start = ContinuousClock.now
    let file = try await runOffPool { try BilingualFile.read(contentsOfFile: tmxPath) }
    let tmxTime = ContinuousClock.now - start
    #expect(file.units.count == units)
    #expect(file.units.last?.target.hasSuffix("phrase \(units).") == true)
    // Seconds in a release build; the bounds leave room for a debug build on a loaded machine.
    #expect(tbxTime < .seconds(180), "50 MB TBX took \(tbxTime)")
    #expect(tmxTime < .seconds(180), "50 MB TMX took \(tmxTime)")
    print("50 MB TBX (\(concepts) concepts): \(tbxTime); 50 MB TMX (\(units) units): \(tmxTime)")
  }

  /// Writes a TBX and a TMX of at least 50 MB; returns their numbers of concepts and units.
  private static func writeLargeFiles(tbx tbxPath: String, tmx tmxPath: String) throws -> (Int, Int) {
    var tbx =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\"><text><body>\n"
    var concepts = 0
    while tbx.utf8.count < 50_000_000 {
      concepts += 1
      tbx += """
        <conceptEntry id="c\(concepts)"><descrip type="subjectField">news</descrip>
        <langSec xml:lang="en"><termSec><term>Korean Central News Agency \(concepts)</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
        <langSec xml:lang="fr"><termSec><term>Agence centrale de presse coréenne \(concepts)</term></termSec></langSec></conceptEntry>

        """
    }
    tbx += "</body></text></tbx>\n"
    try Data(tbx.utf8).write(to: URL(fileURLWithPath: tbxPath))
    var tmx = tmxHead
    var units = 0
    while tmx.utf8.count < 50_000_000 {
      units += 1
      tmx += """
        <tu tuid="\(units)"><tuv xml:lang="en"><seg>North Korea denied selling arms to Russia, sentence \(units).</seg></tuv><tuv xml:lang="fr"><seg>La Corée du Nord a démenti avoir vendu des armes à la Russie, phrase \(units).</seg></tuv></tu>

        """
    }
    tmx += "</body></tmx>\n"
    try Data(tmx.utf8).write(to: URL(fileURLWithPath: tmxPath))
    return (concepts, units)
  }
}
