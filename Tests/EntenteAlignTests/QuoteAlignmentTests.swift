import EntenteAlign
import Foundation
import Testing

@Suite("Quote alignment on the fixture articles")
struct QuoteAlignmentTests {
  struct GoldQuote: Decodable {
    var source: String
    var target: String?
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/articles")

  @Test(
    "Each English quote is found where the hand-made gold says (no dictionary)",
    arguments: ["000_05abb257ab565b45", "001_783406020c5c45de"])
  func matchesGold(article: String) throws {
    let english = try String(
      contentsOf: Self.folder.appendingPathComponent(article + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: Self.folder.appendingPathComponent(article + ".txt"), encoding: .utf8)
    let gold = try JSONDecoder().decode(
      [GoldQuote].self, from: Data(contentsOf: Self.folder.appendingPathComponent(article + ".quotes.json")))
    let result = try QuoteAligner().align(
      source: english, target: french, sourceLanguage: "en", targetLanguage: "fr")
    #expect(result.matches.map(\.source.text) == gold.map(\.source))
    for (match, expected) in zip(result.matches, gold) {
      // The ranges point at the words shown.
      #expect(english.slice(utf8: match.source.range) == match.source.text)
      if let target = match.target {
        #expect(french.slice(utf8: target.range) == target.text)
        // A rendering is a whole quote or words outside quotes, never a span across a mark.
        #expect(!target.text.contains { "«»“”\"„".contains($0) }, "\(target.text)")
      }
      let found = match.target?.text
      let agrees =
        found.map { found in
          expected.target.map {
            $0.contains(found) && Double(found.count) / Double($0.count) > 0.6 || found == $0
          }
            ?? false
        } ?? (expected.target == nil)
      #expect(agrees, "\(expected.source) → \(found ?? "nothing"), expected \(expected.target ?? "nothing")")
    }
  }

  @Test("A bare list of quotes is looked for in the whole target; a made-up quote is not rendered")
  func bareList() throws {
    let french = try String(
      contentsOf: Self.folder.appendingPathComponent("001_783406020c5c45de.txt"), encoding: .utf8)
    let result = try QuoteAligner().align(
      sourceQuotes: [
        "partial mobilization", "divide and destroy Russia", "The weather in Lisbon is lovely today",
      ],
      target: french, targetLanguage: "fr")
    #expect(result.matches[0].target?.text == "mobilisation partielle")
    #expect(result.matches[1].target?.text == "diviser et détruire la Russie")
    #expect(result.matches[2].target == nil || result.matches[2].score < 0.2)
  }
}

@Suite("Quote evidence")
struct QuoteEvidenceTests {
  @Test("A loose cognate alone is no evidence: “fake” is not rendered by «faire»")
  func looseCognateAlone() throws {
    let result = try QuoteAligner().align(
      sourceQuotes: ["fake"], target: "Il a dit qu'il fallait faire attention aux rumeurs.",
      targetLanguage: "fr")
    #expect(result.matches[0].target == nil)
  }

  @Test("Two loose cognates together still are: “a rumor of arms” finds «une rumeur d'armes»")
  func twoLooseCognates() throws {
    let result = try QuoteAligner().align(
      sourceQuotes: ["a rumor of arms"], target: "Il a parlé d'une rumeur d'armes venue du nord.",
      targetLanguage: "fr")
    #expect(result.matches[0].target?.text.contains("rumeur") == true)
  }
}
