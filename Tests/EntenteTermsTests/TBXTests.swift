import EntenteTerms
import Foundation
import Testing

@Suite("Reading TBX")
struct TBXTests {
  static let dca = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <tbxHeader><fileDesc><titleStmt><title>Test</title></titleStmt>
        <publicationStmt><p>Version 1.0</p></publicationStmt></fileDesc></tbxHeader>
      <text><body>
        <conceptEntry id="c-kcna">
          <descrip type="definition">North Korea's state news agency.</descrip>
          <langSec xml:lang="en">
            <termSec><term>KCNA</term><termNote type="termType">acronym</termNote>
              <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote><note>case-sensitive</note></termSec>
          </langSec>
          <langSec xml:lang="fr">
            <termSec><term>Agence centrale de presse coréenne</term>
              <termNote type="termType">fullForm</termNote><note>first-mention</note></termSec>
            <termSec><term>Central News Agency de Corée du Nord</term>
              <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
              <note>Half-translated.</note></termSec>
          </langSec>
        </conceptEntry>
      </body></text>
    </tbx>
    """

  @Test("TBX v3, DCA style: concepts, statuses, types and Entente's notes")
  func dcaStyle() throws {
    let glossary = try TBXReader.read(Data(Self.dca.utf8), file: "test.tbx")
    #expect(glossary.title == "Test" && glossary.description == ["Version 1.0"])
    let concept = try #require(glossary.concepts.first)
    #expect(concept.id == "c-kcna" && concept.definition == "North Korea's state news agency.")
    let english = concept.terms(in: "en")
    #expect(english.map(\.text) == ["KCNA"])
    #expect(english[0].status == .preferred && english[0].type == .acronym && english[0].caseSensitive)
    let french = concept.terms(in: "fr-FR")
    #expect(french.map(\.status) == [.admitted, .deprecated])
    #expect(french[0].firstMention && !french[1].firstMention && french[1].note == "Half-translated.")
    #expect(try glossary.lookup("agence centrale de presse coreenne").map(\.id) == ["c-kcna"])
    #expect(try glossary.lookup("KCNA (agency)").isEmpty)
  }

  @Test("TBX v3, DCT style, and the TBX v2 layout read the same")
  func dctAndV2() throws {
    let dct = """
      <tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
           xmlns:basic="http://www.tbxinfo.net/ns/basic">
        <text><body><conceptEntry id="c1"><langSec xml:lang="fr">
          <termSec><term>Séoul</term><basic:administrativeStatus>preferredTerm-admn-sts</basic:administrativeStatus>
            <basic:partOfSpeech>properNoun</basic:partOfSpeech></termSec>
          <termSec><term>Seoul</term><basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec>
        </langSec></conceptEntry></body></text></tbx>
      """
    let v2 = """
      <martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>v2</p></sourceDesc></fileDesc></martifHeader>
        <text><body><termEntry id="c1"><langSet xml:lang="fr">
          <tig><term>Séoul</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <termNote type="partOfSpeech">properNoun</termNote></tig>
          <ntig><termGrp><term>Seoul</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
        </langSet></termEntry></body></text></martif>
      """
    let a = try TBXReader.read(Data(dct.utf8), file: "dct.tbx")
    let b = try TBXReader.read(Data(v2.utf8), file: "v2.tbx")
    #expect(a.concepts == b.concepts)
    #expect(a.concepts[0].terms(in: "fr").map(\.status) == [.preferred, .deprecated])
    #expect(a.concepts[0].terms(in: "fr")[0].partOfSpeech == "properNoun")
  }

  @Test(
    "Bad files: an error with file, line and column",
    arguments: [
      (
        "<tbx><text><body><conceptEntry id=\"a\">\n<langSec xml:lang=\"fr\"><termSec><term>x</term></langSec>",
        2
      ),
      ("<tbx><text><body>\n<conceptEntry><langSec xml:lang=\"fr\"/></conceptEntry></body></text></tbx>", 2),
      (
        "<tbx><text><body><conceptEntry id=\"a\"><langSec xml:lang=\"fr\">\n<termSec><term>x</term>\n<termNote type=\"administrativeStatus\">maybe</termNote></termSec></langSec></conceptEntry></body></text></tbx>",
        3
      ),
      ("<html><body/></html>", 1),
      ("", 1),
    ])
  func errors(text: String, line: Int) {
    #expect {
      try TBXReader.read(Data(text.utf8), file: "bad.tbx")
    } throws: { error in
      guard let error = error as? GlossaryError else { return false }
      return error.file == "bad.tbx" && error.line == line && error.column >= 1
        && error.description.hasPrefix("bad.tbx:\(line):")
    }
  }

  @Test("TBX and JSON round trips lose nothing")
  func roundTrips() throws {
    var glossary = try TBXReader.read(Data(Self.dca.utf8), file: "test.tbx")
    glossary.description.append("Made for a test & <escaped> \"text\".")
    glossary.concepts[0].subjectField = "news"
    glossary.concepts[0].terms["fr"]![0].context = "l'Agence centrale de presse coréenne (KCNA) a dit"
    glossary.concepts[0].terms["fr"]![1].note = "Half-translated.\nSeen in 001."
    let viaTBX = try TBXReader.read(Data(glossary.tbx().utf8), file: "out.tbx")
    #expect(viaTBX == glossary)
    let viaJSON = try JSONDecoder().decode(Glossary.self, from: Data(glossary.json().utf8))
    #expect(viaJSON == glossary)
  }

  @Test("External entities are not loaded")
  func externalEntities() throws {
    let secret = FileManager.default.temporaryDirectory.appendingPathComponent("entente-secret-\(UUID()).txt")
    try "SECRET".write(to: secret, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: secret) }
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE tbx [<!ENTITY leak SYSTEM "\(secret.absoluteString)">]>
      <tbx><text><body><conceptEntry id="a"><langSec xml:lang="fr"><termSec><term>x&leak;</term></termSec></langSec></conceptEntry></body></text></tbx>
      """
    let glossary = try? TBXReader.read(Data(text.utf8), file: "xxe.tbx")
    #expect(
      glossary.map {
        !$0.concepts.flatMap { $0.terms.values.joined() }.contains { $0.text.contains("SECRET") }
      } ?? true)
  }
}
