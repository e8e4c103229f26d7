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
