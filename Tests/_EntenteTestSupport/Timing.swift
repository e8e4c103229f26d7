// Timing for the tests that check that work grows linearly with the input (n and 4n).

/// Seconds taken by `body`.
public func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = ContinuousClock.now
  try body()
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

/// The fastest of `rounds` timings of `small` and of `large`, taken in turns (small, large,
/// small, large…). Other tests running beside slow down a single run, not the best of several,
/// while work that grows faster than the input stays in the best one.
public func bestTimes(
  rounds: Int = 3, small: () throws -> Void, large: () throws -> Void
) rethrows -> (small: Double, large: Double) {
  var best = (small: Double.infinity, large: Double.infinity)
  for _ in 0..<rounds {
    best.small = min(best.small, try seconds(small))
    best.large = min(best.large, try seconds(large))
  }
  return best
}
