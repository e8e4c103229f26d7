// Progress of long work, as the library reports it: a fraction done, to a handler the caller
// gives (the command-line tool draws it on stderr when that is a terminal).
import Foundation

/// Receives the fraction of a piece of work done, in [0, 1]. Called from any thread, often
/// (every few thousand rows or items): a handler should be cheap and throttle what it shows.
public typealias ProgressHandler = @Sendable (_ fraction: Double) -> Void

/// The handler that reports a part of a piece of work: the part's own fraction f is told to
/// `handler` as `start + f · (end − start)`; nil when `handler` is nil, so that work reported
/// to nobody pays nothing.
/// - Parameters:
///   - handler: The handler of the whole piece of work.
///   - start: The fraction of the whole done when the part starts.
///   - end: The fraction of the whole done when the part ends.
package func progressPart(_ handler: ProgressHandler?, from start: Double, to end: Double) -> ProgressHandler?
{
  guard let handler else { return nil }
  return { fraction in handler(start + min(1, max(0, fraction)) * (end - start)) }
}

/// Consecutive stages of a piece of work, each given a share of its progress in proportion to
/// its weight (its expected time): stage k's fraction is reported as a part of the whole.
package struct ProgressStages: Sendable {
  private let handler: ProgressHandler?
  /// The fraction of the whole done when each stage starts, and 1 at the end.
  private let bounds: [Double]

  /// Stages of the given weights, reported to `handler` as parts of the whole.
  /// - Parameters:
  ///   - weights: The expected time of each stage, in any unit (not all zero).
  ///   - handler: The handler of the whole piece of work.
  package init(weights: [Double], handler: ProgressHandler?) {
    self.handler = handler
    let total = max(weights.reduce(0, +), .leastNonzeroMagnitude)
    var sum = 0.0
    var bounds = [0.0]
    for weight in weights {
      sum += weight
      bounds.append(min(1, sum / total))
    }
    self.bounds = bounds
  }

  /// The handler of stage `k` (nil when the whole has none).
  package func stage(_ k: Int) -> ProgressHandler? {
    progressPart(handler, from: bounds[k], to: bounds[k + 1])
  }

  /// Reports stage `k` as finished.
  package func finish(_ k: Int) {
    handler?(bounds[k + 1])
  }
}

/// Counts items done from several threads and reports the fraction every `step` items.
package final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let total: Int
  private let step: Int
  private let handler: ProgressHandler?

  package init(total: Int, step: Int = 64, handler: ProgressHandler?) {
    self.total = max(total, 1)
    self.step = max(step, 1)
    self.handler = handler
  }

  /// One more item done.
  package func advance() {
    guard let handler else { return }
    let count = lock.withLock {
      done += 1
      return done
    }
    if count % step == 0 || count == total { handler(Double(count) / Double(total)) }
  }
}
