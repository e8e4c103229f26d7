// Work on all cores, shared by the modules of the package (not public API).
import Foundation

/// Results that concurrent tasks store by index, read once all of them are done.
package final class ResultSlots<Success: Sendable, Failure: Error>: @unchecked Sendable {
  private var slots: [Result<Success, Failure>?]
  private let lock = NSLock()

  package init(count: Int) { slots = Array(repeating: nil, count: count) }

  package func set(_ index: Int, _ result: Result<Success, Failure>) {
    lock.withLock { slots[index] = result }
  }

  /// The stored results, in index order (empty slots left out).
  package var values: [Result<Success, Failure>] { lock.withLock { slots.compactMap { $0 } } }
}

/// `transform` applied to every element, in chunks on all cores; the first error is thrown.
/// - Complexity: O(n) calls of `transform`, spread over the cores.
package func parallelMap<T: Sendable, U: Sendable>(
  _ items: [T], _ transform: @Sendable (T) throws -> U
) throws -> [U] {
  let chunks = min(items.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
  guard chunks > 1 else { return try items.map(transform) }
  let results = ResultSlots<[U], any Error>(count: chunks)
  DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
    let part = items[(chunk * items.count / chunks)..<((chunk + 1) * items.count / chunks)]
    results.set(chunk, Result { try part.map(transform) })
  }
  return try results.values.flatMap { try $0.get() }
}

/// `transform` applied to consecutive chunks of `items` on all cores (one call per chunk, so
/// each chunk may own a resource that is not thread-safe, such as an ICU iterator); results are
/// concatenated in order. The first error is thrown.
package func parallelChunkMap<T: Sendable, U: Sendable>(
  _ items: [T], minimumChunk: Int = 64, _ transform: @Sendable (ArraySlice<T>) throws -> [U]
) throws -> [U] {
  let chunks = max(
    1, min(items.count / max(minimumChunk, 1), 2 * ProcessInfo.processInfo.activeProcessorCount))
  guard chunks > 1 else { return try transform(items[...]) }
  let results = ResultSlots<[U], any Error>(count: chunks)
  DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
    let part = items[(chunk * items.count / chunks)..<((chunk + 1) * items.count / chunks)]
    results.set(chunk, Result { try transform(part) })
  }
  return try results.values.flatMap { try $0.get() }
}
