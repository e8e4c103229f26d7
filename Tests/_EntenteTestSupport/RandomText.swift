// Deterministic random texts for property tests.

/// SplitMix64: a small, fast, deterministic generator (Steele, Lea and Flood 2014).
public struct SplitMix: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// `count` texts, each made of 0 to `maximumPieces` pieces drawn from `pieces`, always the same
/// for the same seed.
public func randomTexts(from pieces: [String], count: Int, maximumPieces: Int, seed: UInt64) -> [String] {
  var generator = SplitMix(seed: seed)
  return (0..<count).map { _ in
    let length = Int.random(in: 0...maximumPieces, using: &generator)
    return (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
  }
}
