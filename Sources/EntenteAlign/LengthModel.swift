// Gale–Church length model in log space: the cost of a bead's lengths, stable for long sentences.
import Foundation

/// Gale–Church's length cost of aligning `sourceLength` with `targetLength` characters: the
/// negative log of the two-sided tail probability of δ = (l₂ − c·l₁) / √(l₁·s²), with c = 1 and
/// s² = 6.8, computed in log space so that long sentences never underflow to probability 0
/// (the NLTK implementation's flaw).
func lengthCost(_ sourceLength: Double, _ targetLength: Double, ratio: Double) -> Double {
  let mean = (sourceLength + targetLength / ratio) / 2
  guard mean > 0 else { return 0 }
  let delta = abs(targetLength - sourceLength * ratio) / (6.8 * mean).squareRoot()
  // Tabulated every 1/64 up to 16, linear in between; the exact formula beyond.
  let position = delta * 64
  if position < Double(tailTable.count - 1) {
    let k = Int(position)
    let fraction = position - Double(k)
    return tailTable[k] + (tailTable[k + 1] - tailTable[k]) * fraction
  }
  return -logTwoSidedTail(delta)
}

/// −log(2·(1 − Φ(x))) at x = k/64 for k in 0...1024.
let tailTable: [Double] = (0...1024).map { -logTwoSidedTail(Double($0) / 64) }

/// log(2·(1 − Φ(x))) = log(erfc(x/√2)) for x ≥ 0, stable for large x.
func logTwoSidedTail(_ x: Double) -> Double {
  let z = x / 2.0.squareRoot()
  if z < 5 { return log(max(erfc(z), .leastNormalMagnitude)) }
  // Asymptotic expansion: erfc(z) ≈ exp(−z²) / (z√π) · (1 − 1/(2z²) + 3/(4z⁴)).
  let z2 = z * z
  return -z2 - log(z * Double.pi.squareRoot()) + log(1 - 1 / (2 * z2) + 3 / (4 * z2 * z2))
}
