// Anchors: sentence pairs sharing a word found once on each side, kept as their longest chain.
import Testing

@testable import EntenteAlign

@Suite("Anchor chains")
struct AnchorChainUnitTests {
  func chain(_ pairs: [(Int, Int)]) -> [[Int]] {
    longestIncreasingChain(pairs.map { Anchor(source: $0.0, target: $0.1) }).map { [$0.source, $0.target] }
  }

  @Test("Two pairs of one source sentence: the one that continues the chain is kept")
  func sameSource() {
    #expect(chain([(0, 0), (1, 1), (1, 5), (2, 2), (3, 3)]) == [[0, 0], [1, 1], [2, 2], [3, 3]])
    #expect(chain([(0, 3), (1, 1), (1, 2), (2, 2)]).count == 2)
  }

  @Test("Crossing pairs are dropped; the chain increases on both sides")
  func crossing() {
    let result = chain([(0, 0), (1, 9), (2, 2), (3, 3), (4, 1), (5, 5)])
    #expect(result == [[0, 0], [2, 2], [3, 3], [5, 5]])
    #expect(chain([]).isEmpty)
  }
}
