import EntenteTerms
import Foundation
import Testing

/// The shipped news glossary on the fixture articles (issue #4's targets for the deprecated
/// renderings).
@Suite("The news glossary on the fixture articles")
struct FixtureTermsTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func matches(_ article: String) throws -> [TermMatch] {
    let glossary = try TBXReader.read(
      contentsOfFile: root.appendingPathComponent("Glossaries/news-en-fr.tbx").path)
    let text = try String(
      contentsOf: root.appendingPathComponent("Fixtures/articles/\(article).txt"), encoding: .utf8)
    return try TermMatcher(glossary: glossary, language: "fr").matches(in: text)
  }

  @Test("The shipped glossary goes through TBX, CSV, TSV and JSON without loss")
  func roundTrips() throws {
    let glossary = try TBXReader.read(
      contentsOfFile: Self.root.appendingPathComponent("Glossaries/news-en-fr.tbx").path)
    #expect(glossary.concepts.count >= 40)
    for style in TBXStyle.allCases {
      #expect(
        try TBXReader.read(Data(glossary.tbx(style: style).utf8), file: "a.tbx") == glossary, "\(style)")
    }
    #expect(
      try GlossaryCSV.read(GlossaryCSV.write(glossary, separator: ","), separator: ",", file: "a.csv")
        == glossary)
    #expect(
      try GlossaryCSV.read(GlossaryCSV.write(glossary, separator: "\t"), separator: "\t", file: "a.tsv")
        == glossary)
    #expect(try JSONDecoder().decode(Glossary.self, from: Data(glossary.json().utf8)) == glossary)
  }

  @Test("Seed 001: «Central News Agency de Corée du Nord» is a deprecated rendering of KCNA")
  func seed001() throws {
    let deprecated = try Self.matches("001_783406020c5c45de").filter { !$0.term.status.isAllowed }
    #expect(
      deprecated.contains { $0.conceptID == "c-kcna" && $0.text == "Central News Agency de Corée du Nord" })
  }

  @Test("Seed 000: «l'Agence centrale de presse coréenne (KCNA)» and «John Kirby» are allowed renderings")
  func seed000() throws {
    let matches = try Self.matches("000_05abb257ab565b45")
    let kcna = matches.filter { $0.conceptID == "c-kcna" }
    #expect(kcna.contains { $0.text == "Agence centrale de presse coréenne" })
    #expect(kcna.allSatisfy { $0.term.status.isAllowed })
    #expect(matches.contains { $0.text == "John Kirby" && $0.term.status.isAllowed })
    #expect(
      matches.filter { !$0.term.status.isAllowed }.isEmpty, "\(matches.filter { !$0.term.status.isAllowed })")
  }
}

/// The planted-error text (Fixtures/checks): every planted error found, nothing else.
@Suite("Planted terminology errors")
struct PlantedErrorsTests {
  @Test(
    "31 planted errors over every rule and 3 variant spellings are all found, and the tricky correct renderings give nothing"
  )
  func planted() throws {
    let root = FixtureTermsTests.root
    let glossary = try TBXReader.read(
      contentsOfFile: root.appendingPathComponent("Glossaries/news-en-fr.tbx").path)
    let source = try String(
      contentsOf: root.appendingPathComponent("Fixtures/checks/planted.en.txt"), encoding: .utf8)
    let target = try String(
      contentsOf: root.appendingPathComponent("Fixtures/checks/planted.fr.txt"), encoding: .utf8)
    let expected = try String(
      contentsOf: root.appendingPathComponent("Fixtures/checks/planted.expected.tsv"), encoding: .utf8
    ).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    var checker = BilingualChecker(glossary: glossary, sourceLanguage: "en", targetLanguage: "fr")
    checker.checksTypography = true
    checker.alignmentOptions.learnsLexicon = true
    let findings = try checker.check(source: source, target: target)
    let found = findings.map { finding in
      let words =
        ["term-missing", "number-mismatch", "typography-fr"].contains(finding.rule) ? "" : finding.text
      return "\(finding.line)\t\(finding.column)\t\(finding.rule)\t\(words)"
    }
    #expect(expected.count == 34)
    let missed = expected.filter { !found.contains($0) }
    let extra = found.filter { !expected.contains($0) }
    #expect(missed.isEmpty, "missed: \(missed)")
    #expect(extra.isEmpty, "false positives: \(extra)")
  }
}
