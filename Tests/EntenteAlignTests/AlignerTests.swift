import EntenteAlign
import Testing

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
