// Pairs of the shape real translated articles have: the French page adds a paragraph, a box and
// page lines the English lacks; the translator drops paragraphs; the stored English is cut short.
import EntenteAlign
import EntenteText
import Foundation
import Testing
import _EntenteTestSupport

@Suite("Real-shape article pairs (Fixtures/real)")
struct RealShapeTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/real")
  static let pairs = ["001-body", "001-dropped", "001-short"]

  static func documents(_ pair: String) throws -> (Document, Document) {
    let english = try String(contentsOf: folder.appendingPathComponent(pair + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: folder.appendingPathComponent(pair + ".txt"), encoding: .utf8)
    return (
      try Document(name: pair + ".en.txt", text: english, language: "en"),
      try Document(name: pair + ".txt", text: french, language: "fr")
    )
  }

  static func gold(_ pair: String) throws -> [([Int], [Int])] {
    try goldBeads(at: folder.appendingPathComponent(pair + ".gold.enfr"))
  }

  @Test("Every bead of the gold is found, additions and omissions left unaligned", arguments: pairs)
  func alignment(pair: String) throws {
    let (source, target) = try Self.documents(pair)
    let expected = try Self.gold(pair)
    #expect(expected.contains { $0.0.isEmpty || $0.1.isEmpty }, "the gold has additions or omissions")
    // Running text (paragraphs known), and one sentence per line (no paragraphs).
    let lines = (
      try Document(sentences: source.sentenceTexts, language: "en"),
      try Document(sentences: target.sentenceTexts, language: "fr")
    )
    for (s, t) in [(source, target), lines] {
      let beads = try SentenceAligner().align(s, t).beads
      #expect(beads.map(\.source) == expected.map(\.0), "\(pair), knows paragraphs: \(s.knowsParagraphs)")
      #expect(beads.map(\.target) == expected.map(\.1), "\(pair), knows paragraphs: \(s.knowsParagraphs)")
      for bead in beads {
        #expect(bead.kind == (bead.source.isEmpty ? .addition : bead.target.isEmpty ? .omission : .match))
      }
    }
  }

  struct GoldQuote: Decodable {
    var source: String
    var target: String?
  }

  @Test(
    "Every quote is decided right: found where the gold says, or not rendered when left out", arguments: pairs
  )
  func quotes(pair: String) throws {
    let (source, target) = try Self.documents(pair)
    let gold = try JSONDecoder().decode(
      [GoldQuote].self, from: Data(contentsOf: Self.folder.appendingPathComponent(pair + ".quotes.json")))
    let alignment = try SentenceAligner().align(source, target)
    let result = try QuoteAligner().align(source: source, target: target, alignment: alignment)
    #expect(result.matches.map(\.source.text) == gold.map(\.source))
    for (match, expected) in zip(result.matches, gold) {
      if let expectedTarget = expected.target, let found = match.target?.text {
        #expect(
          expectedTarget.contains(found) && Double(found.count) / Double(expectedTarget.count) > 0.6,
          "\(expected.source) → \(found), expected \(expectedTarget)")
      } else {
        #expect(
          match.target?.text == expected.target, "\(expected.source) → \(match.target?.text ?? "nothing")")
      }
    }
  }
}
