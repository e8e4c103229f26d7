// Cognates for the glossary builder: words and terms whose letters mostly agree across languages.
import EntenteAlign

extension GlossaryBuilder {
  /// Cognate words: a longest common subsequence covering 70 % of the longer (arms, armes;
  /// pursuits, poursuites), or 60 % with the same first four letters (artillery, artillerie);
  /// not declassified, déclaration.
  static func wordCognate(_ a: String, _ b: String) -> Bool {
    guard a.count >= 3, b.count >= 3 else { return false }
    let common = longestCommonSubsequenceLength(Array(a), Array(b))
    let longer = max(a.count, b.count)
    return 10 * common >= 7 * longer || (a.prefix(4) == b.prefix(4) && 10 * common >= 6 * longer)
  }

  /// Cognates: every word pair (in order) shares its first four letters, or the strings' longest
  /// common subsequence covers 70 % of the longer.
  static func cognate(_ a: String, _ b: String) -> Bool {
    let x = a.split(separator: " ")
    let y = b.split(separator: " ")
    if x.count == y.count
      && zip(x, y).allSatisfy({ $0.prefix(4) == $1.prefix(4) && min($0.count, $1.count) >= 4 })
    {
      return true
    }
    let p = Array(a)
    let q = Array(b)
    guard max(p.count, q.count) >= 4 else { return false }
    return 10 * longestCommonSubsequenceLength(p, q) >= 7 * max(p.count, q.count)
  }
}
