// The search band stops widening at a cell budget: on text that nothing places (one passage
// repeated), the band would otherwise cover the whole matrix, in time and memory n · m.
import Testing

@testable import EntenteAlign

@Suite("Band limit")
struct BandLimitTests {
  @Test("Short inputs may widen to the whole matrix; long ones stop at the cell budget or at 128")
  func widestBand() {
    // 1,000 rows: the budget allows more than the rows, so nothing changes for such inputs.
    #expect(BandSearch.widestBand(rows: 1_000, initialBand: 30) > 1_000)
    // 20,000 rows: the budget, not the whole matrix.
    let band = BandSearch.widestBand(rows: 20_000, initialBand: 30)
    #expect(band < 20_000)
    #expect(20_001 * (2 * band + 1) <= BandSearch.maximumCells + 20_001)
    // 100,000 rows and over: a fixed half-width, so memory grows linearly.
    #expect(BandSearch.widestBand(rows: 100_000, initialBand: 30) == BandSearch.maximumCappedBand)
    #expect(BandSearch.widestBand(rows: 1_000_000, initialBand: 30) == BandSearch.maximumCappedBand)
    #expect(BandSearch.widestBand(rows: 1_000_000, initialBand: 500) == 500)
  }

  @Test("One passage repeated aligns every sentence once, in order")
  func repeatedPassage() throws {
    let english = ["The minister spoke.", "He said nothing new.", "The crowd left early."]
    let french = ["Le ministre a parlé.", "Il n'a rien dit de nouveau.", "La foule est partie tôt."]
    let source = Array(repeating: english, count: 60).flatMap { $0 }
    let target = Array(repeating: french, count: 55).flatMap { $0 }
    let beads = try SentenceAligner(options: AlignmentOptions()).align(source: source, target: target)
    #expect(beads.flatMap(\.source) == Array(source.indices))
    #expect(beads.flatMap(\.target) == Array(target.indices))
  }
}
