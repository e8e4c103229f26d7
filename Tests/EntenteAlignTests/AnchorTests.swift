// Anchors: sentence pairs sharing a word found once (or as often) on each side, kept as their longest chain.
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

@Suite("Anchors from words found as often on each side")
struct EqualCountAnchorTests {
  /// The anchors between sentence lists, as source and target index pairs.
  func anchorPairs(_ source: [String], _ target: [String]) throws -> [[Int]] {
    let (sourceDocument, targetDocument) = try SentenceAligner.documents(source, target, nil, nil)
    let tokens = Interner()
    let cognates = Interner()
    return anchors(
      source: makeUnits(sourceDocument, tokens: tokens, cognates: cognates),
      target: makeUnits(targetDocument, tokens: tokens, cognates: cognates)
    ).map { [$0.source, $0.target] }
  }

  @Test("A name found in three sentences of each side pairs them in order, k-th with k-th")
  func threeTimes() throws {
    let source = [
      "Farragut called the crew.", "The sea was quiet.", "Farragut waited all night.", "Nothing moved.",
      "At dawn Farragut gave up.",
    ]
    let target = [
      "Le commandant appela l'équipage.", "Farragut parla longtemps.", "La mer était tranquille.",
      "Farragut attendit toute la nuit.", "Rien ne bougea.", "À l'aube, Farragut abandonna.",
    ]
    #expect(try anchorPairs(source, target) == [[0, 1], [2, 3], [4, 5]])
  }

  @Test("A name found more often on one side gives no anchor")
  func unequalCounts() throws {
    let source = ["Farragut called the crew.", "The sea was quiet.", "Farragut waited."]
    let target = [
      "Farragut appela l'équipage.", "La mer était tranquille.", "Farragut attendit.", "Farragut dormit.",
    ]
    #expect(try anchorPairs(source, target).isEmpty)
  }
}
