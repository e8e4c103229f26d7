// Long synchronous test work off Swift concurrency's cooperative pool, so that other tests'
// polling (the CLI tests wait for their processes with Task.sleep) is not starved meanwhile.
import Dispatch

/// Runs `body` on a Dispatch thread of its own and returns its result.
public func runOffPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withCheckedThrowingContinuation { continuation in
    DispatchQueue.global().async {
      continuation.resume(with: Result { try body() })
    }
  }
}
