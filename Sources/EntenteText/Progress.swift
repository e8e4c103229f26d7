// Progress of long work, as the library reports it: a fraction done, to a handler the caller
// gives (the command-line tool draws it on stderr when that is a terminal).
import Foundation

/// Receives the fraction of a piece of work done, in [0, 1]. Called from any thread, often
/// (every few thousand rows or items): a handler should be cheap and throttle what it shows.
public typealias ProgressHandler = @Sendable (_ fraction: Double) -> Void

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
