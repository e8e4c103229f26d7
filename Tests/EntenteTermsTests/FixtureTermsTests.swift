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
    "31 planted errors over every rule and the Maison-Blanche variant are all found, and the tricky correct renderings give nothing"
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
    #expect(expected.count == 32)
    let missed = expected.filter { !found.contains($0) }
    let extra = found.filter { !expected.contains($0) }
    #expect(missed.isEmpty, "missed: \(missed)")
    #expect(extra.isEmpty, "false positives: \(extra)")
  }
}

/// The variant fixture (Fixtures/checks/variants.*, issue #16): variant spellings, case of names,
/// inserted words and adjective forms, with look-alikes that must give nothing.
@Suite("Planted variants, case errors and forms around terms")
struct PlantedVariantsTests {
  static func fixture(_ name: String) throws -> String {
    try String(
      contentsOf: FixtureTermsTests.root.appendingPathComponent("Fixtures/checks/\(name)"), encoding: .utf8)
  }

  static func rows(_ findings: [Finding]) -> [String] {
    findings.map { finding in
      let words =
        ["term-missing", "number-mismatch", "typography-fr"].contains(finding.rule) ? "" : finding.text
      return "\(finding.line)\t\(finding.column)\t\(finding.rule)\t\(words)"
    }
  }

  static let glossary = Result {
    try TBXReader.read(
      contentsOfFile: FixtureTermsTests.root.appendingPathComponent("Glossaries/news-en-fr.tbx").path)
  }

  @Test("With the source: the 22 planted findings exactly, nothing on the look-alikes")
  func bilingual() throws {
    let expected = try Self.fixture("variants.expected.tsv").split(separator: "\n")
      .filter { !$0.hasPrefix("#") }.map(String.init)
    var checker = BilingualChecker(
      glossary: try Self.glossary.get(), sourceLanguage: "en", targetLanguage: "fr")
    checker.checksTypography = true
    checker.alignmentOptions.learnsLexicon = true
    let found = Self.rows(
      try checker.check(source: Self.fixture("variants.en.txt"), target: Self.fixture("variants.fr.txt")))
    #expect(expected.count == 22)
    #expect(found == expected)
  }

  @Test("Target alone: the same findings but term-missing, and the one known false positive (a common noun)")
  func targetAlone() throws {
    var checker = try TargetChecker(glossary: Self.glossary.get(), targetLanguage: "fr")
    checker.checksTypography = true
    let found = Self.rows(try checker.check(Self.fixture("variants.fr.txt")))
    let expected = try Self.fixture("variants.expected.tsv").split(separator: "\n")
      .filter { !$0.hasPrefix("#") && !$0.contains("term-missing") }.map(String.init)
    // «la maison blanche au bout de sa rue»: only the source's lowercase shows it is no name.
    let commonNoun = "78\t27\tterm-case\tmaison blanche"
    var alone = expected
    alone.insert(commonNoun, at: try #require(alone.firstIndex { $0.hasPrefix("80\t") }))
    #expect(found == alone)
  }
}
