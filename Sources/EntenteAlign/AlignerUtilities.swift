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

/// `transform` applied to every element, in chunks on all cores; the first error is thrown.
func parallelMap<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> U) throws -> [U]
{
  let chunks = min(items.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
  guard chunks > 1 else { return try items.map(transform) }
  let results = ResultSlots<[U], any Error>(count: chunks)
  DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
    let part = items[(chunk * items.count / chunks)..<((chunk + 1) * items.count / chunks)]
    results.set(chunk, Result { try part.map(transform) })
  }
  return try results.values.flatMap { try $0.get() }
}

/// A buffer that threads fill in disjoint parts.
struct SendableBuffer<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
  init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
