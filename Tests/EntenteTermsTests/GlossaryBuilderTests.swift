import Foundation
import Testing

@testable import EntenteTerms

/// Glossary building on the fixture articles (issue #5, first part).
@Suite("Building a glossary from the fixture articles")
struct GlossaryBuilderTests {
  @Test("Acronym definitions: Schwartz–Hearst, and the article-led phrase when the letters differ")
  func expansions() {
    #expect(
      GlossaryBuilder.acronymExpansions(in: "The Korean Central News Agency (KCNA) said so.", language: "en")
        == ["KCNA": "Korean Central News Agency"])
    #expect(
      GlossaryBuilder.acronymExpansions(
        in:
          "selon l'Agence centrale de presse coréenne (KCNA), la République populaire démocratique de Corée (RPDC) dit non.",
        language: "fr") == [
          "KCNA": "Agence centrale de presse coréenne", "RPDC": "République populaire démocratique de Corée",
        ])
    #expect(GlossaryBuilder.acronymExpansions(in: "It happened (UN) yesterday.", language: "en").isEmpty)
  }

  @Test(
    "The top 20 pairs of the fixture articles are at least 80 % right, and the key pairs are near the top")
  func fixtures() throws {
    let root = FixtureTermsTests.root
    // The two articles as a corpus of two document pairs, no dictionary.
    var builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    for article in ["000_05abb257ab565b45", "001_783406020c5c45de"] {
      let folder = root.appendingPathComponent("Fixtures/articles")
      try builder.addDocument(
        source: String(contentsOf: folder.appendingPathComponent(article + ".en.txt"), encoding: .utf8),
        target: String(contentsOf: folder.appendingPathComponent(article + ".txt"), encoding: .utf8),
        sourceName: article + ".en.txt", targetName: article + ".txt")
    }
    let pairs = builder.pairs()
    // Judged by hand (Fixtures/articles/README.md says how); a pair nobody judged counts as wrong.
    let judgements = try TermPairJudgements(
      contentsOfFile: root.appendingPathComponent("Fixtures/articles/glossary-judgements.tsv").path)
    let tally = judgements.tally(Array(pairs.prefix(20)))
    #expect(tally.precision >= 0.8, "\(pairs.prefix(20).map { "\($0.source) → \($0.target)" })")
    let rank = Dictionary(
      pairs.enumerated().map { ("\($0.element.source) → \($0.element.target)", $0.offset + 1) },
      uniquingKeysWith: min)
    for (expected, within) in [
      ("KCNA → KCNA", 30), ("John Kirby → John Kirby", 30), ("artillery shells → obus d'artillerie", 30),
      ("North Korea → Corée du Nord", 30), ("White House → Maison Blanche", 30),
      ("Vladimir Putin → Vladimir Poutine", 30),
      ("Korean Central News Agency → Agence centrale de presse coréenne", 30), ("DPRK → RPDC", 40),
      ("State Department → département d’État", 40),
    ] {
      #expect(
        (rank[expected] ?? .max) <= within, "\(expected): \(rank[expected].map(String.init) ?? "absent")")
    }
    // Examples say where they are.
    let kirby = try #require(pairs.first { $0.source == "John Kirby" })
    #expect(kirby.exampleSourceLocation?.contains(".en.txt:") == true)
    #expect(kirby.exampleSource.contains("Kirby") && kirby.exampleTarget.contains("Kirby"))
  }

  @Test("Acronyms pair through expansions that translate, even when they never share a segment")
  func acronymsThroughExpansions() throws {
    var builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    try builder.add(segments: [
      AlignedSegment(
        source: "The talks were held at the United Nations (UN) in May.",
        target: "Les pourparlers ont eu lieu en mai.", sourceLocation: "s1", targetLocation: "t1"),
      AlignedSegment(
        source: "Nobody came.", target: "L'Organisation des Nations unies (ONU) a réagi.",
        sourceLocation: "s2",
        targetLocation: "t2"),
    ])
    let pairs = builder.pairs()
    let un = try #require(pairs.first { $0.source == "UN" })
    #expect(un.target == "ONU")
    #expect(un.reasons.first?.contains("United Nations ↔ Organisation des Nations unies") == true)
    #expect(pairs.contains { $0.source == "United Nations" && $0.target == "Organisation des Nations unies" })
    // --min-count holds for these pairs too.
    builder.minimumCount = 2
    #expect(!builder.pairs().contains { $0.source == "UN" || $0.source == "United Nations" })
  }

  @Test("Acronym letters reordered, one of four or more perhaps changed; Roman numerals are not acronyms")
  func acronymLetters() throws {
    #expect(GlossaryBuilder.reordered("nato", "otan"))
    #expect(GlossaryBuilder.reordered("dprk", "rpdc"))
    #expect(!GlossaryBuilder.reordered("un", "onu"))
    #expect(GlossaryBuilder.reordered("eu", "ue"))
    #expect(!GlossaryBuilder.reordered("abcd", "wxyz"))
    let tokenizer = try TermTokenizer(language: "en")
    let builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    let candidates = try builder.candidates(
      in: "Pope Pius II met the NATO envoy.", language: "en", tokenizer: tokenizer)
    #expect(candidates.contains { $0.kind == "acronym" && $0.key == "nato" })
    #expect(!candidates.contains { $0.key.contains("ii") })
  }

  @Test(
    "Candidates: names with titles, possessives, hyphens and particles; French d'État; no numbers, dates or verb edges"
  )
  func candidateShapes() throws {
    let builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    let en = try TermTokenizer(language: "en")
    let fr = try TermTokenizer(language: "fr")
    func keys(_ text: String, _ language: String) throws -> Set<String> {
      Set(
        try builder.candidates(in: text, language: language, tokenizer: language == "en" ? en : fr).map(\.key)
      )
    }
    let english = try keys(
      "Then Mrs. Reed read Kim Jong Un’s letter to the Bank of England, three weeks after they stopped making reckless remarks.",
      "en")
    #expect(english.isSuperset(of: ["mrs reed", "kim jong un", "bank of england", "reckless remarks"]))
    #expect(english.isDisjoint(with: ["three weeks", "making reckless", "making reckless remarks"]))
    let french = try keys(
      "Le porte-parole adjoint du département d’État a parlé aux États-Unis et au ministère de la Défense mercredi.",
      "fr")
    #expect(french.isSuperset(of: ["departement etat", "etats-unis", "porte-parole adjoint"]))
    #expect(!french.contains("mercredi"))
    let institution = try keys("Selon le Conseil de sécurité nationale, rien.", "fr")
    #expect(institution.contains("conseil de securite nationale"))
  }

  @Test(
    "A run never seen outside a longer name is left out; word translations choose among overlapping targets")
  func nestedAndTranslatedWords() throws {
    var builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    try builder.add(segments: [
      AlignedSegment(
        source: "The General Bureau of Equipment spoke.",
        target: "Le Bureau général de l'Equipement a parlé.",
        sourceLocation: "1", targetLocation: "1"),
      AlignedSegment(
        source: "The General Bureau of Equipment denied it.",
        target: "Le Bureau général de l'Equipement a nié.",
        sourceLocation: "2", targetLocation: "2"),
    ])
    let pairs = builder.pairs()
    #expect(!pairs.contains { $0.source == "General Bureau" })
    // A one-word name is counted where it stands alone, and is not a part left out.
    #expect(
      GlossaryBuilder.nested(
        ["name:putin": 2, "name:vladimir putin": 2, "name:jong un": 1, "name:kim jong un": 1],
        surfaces: ["name:kim jong un": "Kim Jong Un", "name:vladimir putin": "Vladimir Putin"]) == [
          "name:jong un"
        ])
    let bureau = try #require(pairs.first { $0.source == "General Bureau of Equipment" })
    #expect(bureau.target == "Bureau général de l'Equipement")
    #expect(bureau.reasons.contains { $0.hasPrefix("translated words") || $0 == "cognate" })
  }
}
