// Small utilities of the aligner: string interning, a parallel map, a buffer threads share.
import Foundation

/// Interns strings to small integers.
final class Interner {
  private var ids: [String: Int32] = [:]
  private(set) var strings: [String] = []

  /// The id of `string` if it was interned.
  func existing(_ string: String) -> Int32? { ids[string] }

  func id(_ string: String) -> Int32 {
    if let id = ids[string] { return id }
    let id = Int32(strings.count)
    ids[string] = id
    strings.append(string)
    return id
  }
}

/// A buffer that threads fill in disjoint parts.
struct SendableBuffer<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
  init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

/// Which items of two aligned units count as co-occurring (word or term pairs for association):
/// every item with every item while the units are sentence-sized, and in longer units (a whole
/// page as one unit, a hostile input) only the items at about the same relative position, so
/// that a unit pair of n items gives O(n) pairs, not n².
package enum CoOccurrence {
  /// Up to this many items on each side of a unit pair, every one pairs with every one on the
  /// other side. Sentences have far fewer (at most 40 candidate terms per sentence pair in the
  /// five TransRead novels and the fixture articles).
  package static let allPairsLimit = 256
  /// In a longer unit pair, an item pairs with this many items on each side of its place.
  package static let window = 16

  /// Calls `body` with the index pairs (into `sourceCount` and `targetCount` items in text
  /// order) counted as co-occurring: all of them up to `allPairsLimit` items per side; beyond,
  /// each item of the longer side with the items of the other side within `window` places of
  /// its relative position.
  /// - Complexity: O(s · t) up to the limit, O(max(s, t) · w) beyond, for w = `window`.
  package static func forEachPair(_ sourceCount: Int, _ targetCount: Int, _ body: (Int, Int) -> Void) {
    guard max(sourceCount, targetCount) > allPairsLimit else {
      for a in 0..<sourceCount { for b in 0..<targetCount { body(a, b) } }
      return
    }
    guard sourceCount > 0, targetCount > 0 else { return }
    let longer = max(sourceCount, targetCount)
    let shorter = min(sourceCount, targetCount)
    for k in 0..<longer {
      // The place of item k on the shorter side, by relative position.
      let centre = (2 * k + 1) * shorter / (2 * longer)
      for l in max(0, centre - window)..<min(shorter, centre + window + 1) {
        if sourceCount >= targetCount { body(k, l) } else { body(l, k) }
      }
    }
  }
}
