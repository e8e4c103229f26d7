import EntenteAlign
import EntenteText
import Foundation
import Testing
import _EntenteTestSupport

@Suite("Sentence alignment")
struct AlignerTests {
  @Test("Gale–Church in log space: a very long pair still gets a finite cost")
  func longSentences() throws {
    let source = [String(repeating: "word ", count: 2000), "Short one."]
    let target = [String(repeating: "mot ", count: 900), "Une courte."]
    let beads = try SentenceAligner().align(source: source, target: target)
    #expect(beads.map(\.source) == [[0], [1]] && beads.map(\.target) == [[0], [1]])
    #expect(beads.allSatisfy { $0.cost.isFinite })
  }
}

@Suite("Alignment of the fixture articles with their English sources")
struct FixtureAlignmentTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/articles")

  /// Beads of a gold file in Vecalign's format.
  static func gold(_ name: String) throws -> [([Int], [Int])] {
    try goldBeads(at: folder.appendingPathComponent(name))
  }

  @Test(
    "Every bead of the hand-made gold is found",
    arguments: ["000_05abb257ab565b45", "001_783406020c5c45de"])
  func matchesGold(article: String) throws {
    let english = try String(
      contentsOf: Self.folder.appendingPathComponent(article + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: Self.folder.appendingPathComponent(article + ".txt"), encoding: .utf8)
    let sourceSentences = try SentenceSegmenter(language: "en").sentences(in: english)
    let targetSentences = try SentenceSegmenter(language: "fr").sentences(in: french)
    let source = sourceSentences.map { english.slice(utf8: $0.range) }
    let target = targetSentences.map { french.slice(utf8: $0.range) }
    let expected = try Self.gold(article + ".gold.enfr")
    // Without paragraphs, and with them (as `entente align` does in text mode).
    let aligner = SentenceAligner()
    for beads in [
      try aligner.align(source: source, target: target),
      try aligner.align(
        source: source, target: target, sourceParagraphs: sourceSentences.map(\.paragraph),
        targetParagraphs: targetSentences.map(\.paragraph)),
    ] {
      #expect(beads.map(\.source) == expected.map(\.0))
      #expect(beads.map(\.target) == expected.map(\.1))
    }
  }
}

@Suite("Anchors")
struct AnchorTests {
  @Test(".EOA lines split both texts into parts aligned with each other")
  func anchors() throws {
    let source = ["One.", "Two.", ".EOA", "Three.", "Four."]
    let target = ["Un.", ".EOA", "Trois.", "Quatre."]
    let beads = try SentenceAligner().align(source: source, target: target, anchor: ".EOA")
    #expect(beads.contains { $0.source == [2] && $0.target == [1] })
    #expect(beads.filter { $0.source.contains(3) }.allSatisfy { $0.target.allSatisfy { $0 >= 2 } })
    #expect(beads.flatMap(\.source) == [0, 1, 2, 3, 4] && beads.flatMap(\.target) == [0, 1, 2, 3])
  }

  @Test("Different numbers of anchors are an error naming their lines")
  func mismatch() {
    #expect(throws: AlignmentError.anchorsDiffer(anchor: ".EOA", sourceLines: [2], targetLines: [])) {
      try SentenceAligner().align(source: ["A.", ".EOA", "B."], target: ["A.", "B."], anchor: ".EOA")
    }
  }
}

@Suite("Input and result checks")
struct AlignmentCheckTests {
  @Test("A long run of tiny additions, where the centre line jumps, still gives a complete alignment")
  func jumpingCentreLine() throws {
    let source = (0..<300).map { "Sentence \($0) mentions Zorblax \(1000 + $0) and the harbour of Kerlann." }
    // 400 very short target sentences in one place: the band's centre line (the diagonal in
    // characters) jumps over them between two source sentences.
    let target = Array(source[..<150]) + Array(repeating: "Oh.", count: 400) + Array(source[150...])
    let beads = try SentenceAligner().align(source: source, target: target)
    #expect(beads.flatMap(\.source) == Array(0..<300))
    #expect(beads.flatMap(\.target) == Array(0..<700))
    // Each source sentence is in a bead with its copy (a tiny neighbour may join the bead).
    for bead in beads where !bead.source.isEmpty {
      #expect(
        bead.source.count == 1
          && bead.target.contains(bead.source[0] < 150 ? bead.source[0] : bead.source[0] + 400))
    }
    #expect(beads.filter { $0.source.isEmpty }.count >= 395)
  }

  @Test("Low-confidence runs cover omissions and additions")
  func lowConfidence() {
    let beads = [
      Bead(source: [0], target: [0], cost: 1, confidence: 0.9),
      Bead(source: [1], target: [], cost: 5, confidence: 0.05),
      Bead(source: [2], target: [1], cost: 6, confidence: 0.1),
      Bead(source: [3], target: [2], cost: 1, confidence: 0.8),
      Bead(source: [], target: [3], cost: 5, confidence: 0.5),
    ]
    let runs = lowConfidenceRuns(in: beads, threshold: 0.15, minimumLength: 1)
    #expect(runs.map(\.beads) == [1..<3, 4..<5])
    // By default, single low beads are not reported, omissions and additions always are.
    #expect(lowConfidenceRuns(in: beads).map(\.beads) == [1..<2, 4..<5])
    #expect(runs.map(\.source) == [1..<3, 4..<4])
    #expect(runs.map(\.target) == [1..<2, 3..<4])
  }

  @Test("The language of a text, from its function words")
  func languages() {
    #expect(
      guessedLanguage(of: ["The cat and the dog were in the garden.", "It was late, and he was tired."])
        == "en")
    #expect(
      guessedLanguage(of: ["Le chat et le chien étaient dans le jardin.", "Il était tard et il pleuvait."])
        == "fr")
    #expect(
      guessedLanguage(of: ["Der Hund und die Katze sind nicht im Garten.", "Es ist spät und er ist müde."])
        == "de")
    #expect(guessedLanguage(of: ["12 34 56"]) == nil)
  }
}
