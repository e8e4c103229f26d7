import EntenteTerms
import EntenteText
import Foundation
import Testing

@Suite("Findings as JSON, SARIF and text")
struct FindingFormatTests {
  /// A TMX whose second unit (tuid u2) renders Putin with its deprecated French form.
  static let tmx = """
    <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
      adminlang="en" srclang="en" datatype="plaintext"/>
      <body><tu tuid="u1"><tuv xml:lang="en"><seg>No target.</seg></tuv></tu>
        <tu tuid="u2"><tuv xml:lang="en"><seg>Vladimir Putin spoke.</seg></tuv>
        <tuv xml:lang="fr"><seg>Vladimir Putin a parlé.</seg></tuv></tu></body>
    </tmx>
    """

  func tmxFinding() throws -> (path: String, finding: Finding) {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("entente-\(UUID()).tmx")
    try Self.tmx.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    let file = try BilingualFile.read(contentsOfFile: url.path)
    #expect(file.path == url.path && file.units.map(\.ordinal) == [2])
    let findings = try BilingualChecker(
      glossary: BilingualFileTests.glossary, sourceLanguage: "en", targetLanguage: "fr"
    ).check(file)
    #expect(findings.map(\.rule) == ["term-deprecated"])
    return (url.path, try #require(findings.first))
  }

  @Test("A unit's finding: unit id and ordinal, side and file as fields, not in the message")
  func fields() throws {
    let (path, finding) = try tmxFinding()
    // The first unit has no target, so it is skipped but still counted.
    #expect(finding.unit == UnitReference(id: "u2", ordinal: 2))
    #expect(finding.side == .target && finding.file == path)
    #expect(finding.message == "«Putin» is a deprecated rendering of c-putin")
    // Line 5 is `      <tuv xml:lang="fr"><seg>Vladimir Putin …`: «Putin» starts at column 38.
    #expect(finding.line == 5 && finding.column == 38)
    #expect(
      finding.textLine(file: "a.tmx")
        == "a.tmx:5:38: error: [term-deprecated] unit u2: «Putin» is a deprecated rendering of c-putin"
        + " (suggestion: «Vladimir Poutine»)")
  }

  @Test("findingsJSON decodes back to the same findings")
  func jsonRoundTrip() throws {
    let (path, finding) = try tmxFinding()
    let json = try findingsJSON([finding])
    let decoded = try JSONDecoder().decode([Finding].self, from: Data(json.utf8))
    #expect(decoded == [finding])
    #expect(decoded.first?.unit?.id == "u2" && decoded.first?.unit?.ordinal == 2)
    #expect(decoded.first?.side == .target && decoded.first?.file == path)
    #expect(json.contains("\"side\" : \"target\"") && json.contains("\"ordinal\" : 2"))
    // A plain text's finding has no file or unit: the keys are left out.
    var plain = finding
    plain.file = nil
    plain.unit = nil
    let plainJSON = try findingsJSON([plain])
    #expect(!plainJSON.contains("\"file\"") && !plainJSON.contains("\"unit\""))
  }

  @Test("The SARIF log decodes back: unit, side and file; the unit as a logical location")
  func sarifRoundTrip() throws {
    let (path, finding) = try tmxFinding()
    let text = try findingsSARIF([finding], file: "unused.txt")
    let log = try JSONDecoder().decode(SARIFLog.self, from: Data(text.utf8))
    #expect(log.version == "2.1.0" && log.schema == SARIFLog.schemaURI)
    let run = try #require(log.runs.first)
    #expect(run.tool.driver.version == ententeVersion && run.tool.driver.informationUri == nil)
    #expect(run.columnKind == "unicodeCodePoints")
    let result = try #require(run.results?.first)
    #expect(result.ruleId == "term-deprecated" && result.level == .error)
    #expect(result.properties?.unit == UnitReference(id: "u2", ordinal: 2))
    #expect(result.properties?.side == .target && result.properties?.suggestion == "Vladimir Poutine")
    let location = try #require(result.locations?.first)
    #expect(location.physicalLocation?.artifactLocation?.uri == path)
    #expect(location.logicalLocations?.map(\.name) == ["u2"])
    #expect(location.logicalLocations?.map(\.kind) == ["translationUnit"])
    let region = try #require(location.physicalLocation?.region)
    #expect(region.startLine == 5 && region.startColumn == 38 && region.snippet?.text == "Putin")
    // Byte offsets count in the units' targets, not in the file: left out.
    #expect(region.byteOffset == nil && region.byteLength == nil)
    #expect(run.artifacts?.map { $0.location?.uri } == [path])
    #expect(SARIFLog(findings: [finding], file: "unused.txt") == log)
  }

  @Test("SARIF URIs percent-encode what a URI path cannot hold")
  func uris() throws {
    let (_, unitFinding) = try tmxFinding()
    var finding = unitFinding
    finding.file = "dossier d'été/a%b:c.txt"
    let log = try JSONDecoder().decode(
      SARIFLog.self, from: Data(try findingsSARIF([finding], file: "x").utf8))
    let uri = log.runs.first?.results?.first?.locations?.first?.physicalLocation?.artifactLocation?.uri
    #expect(uri == "dossier%20d'%C3%A9t%C3%A9/a%25b%3Ac.txt")
    #expect(uri?.removingPercentEncoding == finding.file)
  }
}

@Suite("SARIF byte offsets count from the file's first byte")
struct SARIFOffsetTests {
  static let finding = try! JSONDecoder().decode(
    Finding.self,
    from: Data(
      #"{"file":"a.txt","side":"target","rule":"term-deprecated","severity":"error","message":"m","line":1,"column":4,"start":3,"end":8,"text":"SEOUL"}"#
        .utf8))

  @Test(
    "A UTF-8 byte-order mark is added; UTF-16 files get no offsets",
    arguments: [(TextEncoding.utf8, 3), (.utf8WithBOM, 6), (.utf16LittleEndian, nil)]
      as [(TextEncoding, Int?)])
  func offsets(encoding: TextEncoding, expected: Int?) throws {
    let log = SARIFLog(findings: [Self.finding], file: "a.txt", encoding: encoding)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(log)
    let json = String(decoding: data, as: UTF8.self)
    if let expected {
      #expect(json.contains("\"byteOffset\":\(expected)"), "\(json)")
    } else {
      #expect(!json.contains("byteOffset"))
    }
  }
}
