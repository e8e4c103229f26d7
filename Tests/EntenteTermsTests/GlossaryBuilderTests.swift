import EntenteTerms
import Foundation
import Testing

/// Glossary building on the fixture articles (issue #5, first part).
@Suite("Building a glossary from the fixture articles")
struct GlossaryBuilderTests {
  /// Whether a proposed pair is right, by the rule written in Fixtures/articles/README.md: an
  /// English term and an allowed French term of one concept of the news glossary, or the same
  /// name kept as it is (and not a deprecated rendering). Keys ignore case and accents.
  static func isRight(_ pair: TermPair, glossary: Glossary) throws -> Bool {
    let source = try MatchingKeyOf(pair.source)
    let target = try MatchingKeyOf(pair.target)
    for concept in glossary.concepts {
      let english = try concept.terms(in: "en").map { try MatchingKeyOf($0.text) }
      let french = concept.terms(in: "fr")
      if try french.contains(where: { try !$0.status.isAllowed && MatchingKeyOf($0.text) == target }) {
        return false
      }
      if english.contains(source),
        try french.contains(where: { try $0.status.isAllowed && MatchingKeyOf($0.text) == target })
      {
        return true
      }
    }
    return source == target && pair.source.first?.isUppercase == true
  }

  /// Case and accents folded, apostrophes unified.
  static func MatchingKeyOf(_ text: String) throws -> String {
    text.lowercased().folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(
      of: "’", with: "'")
  }

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

  @Test("The top 20 pairs are at least 80 % right, and include the names and terms the articles share")
  func fixtures() throws {
    let root = FixtureTermsTests.root
    var english = ""
    var french = ""
    for article in ["000_05abb257ab565b45", "001_783406020c5c45de"] {
      let folder = root.appendingPathComponent("Fixtures/articles")
      english +=
        try String(contentsOf: folder.appendingPathComponent(article + ".en.txt"), encoding: .utf8) + "\n\n"
      french +=
        try String(contentsOf: folder.appendingPathComponent(article + ".txt"), encoding: .utf8) + "\n\n"
    }
    var builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    builder.alignmentOptions.learnsLexicon = true
    let pairs = try builder.build(source: english, target: french)
    let glossary = try TBXReader.read(
      contentsOfFile: root.appendingPathComponent("Glossaries/news-en-fr.tbx").path)
    let top = Array(pairs.prefix(20))
    let right = try top.filter { try Self.isRight($0, glossary: glossary) }
    #expect(Double(right.count) / Double(top.count) >= 0.8, "\(top.map { "\($0.source) → \($0.target)" })")
    let found = Set(pairs.prefix(30).map { "\($0.source) → \($0.target)" })
    for expected in [
      "KCNA → KCNA", "John Kirby → John Kirby", "artillery shells → obus d'artillerie",
      "North Korea → Corée du Nord",
      "White House → Maison Blanche", "Korean Central News Agency → Agence centrale de presse coréenne",
    ] {
      #expect(found.contains(expected), "\(expected)")
    }
  }
}
