// High-precision anchors: sentence pairs that share a word found in as many sentences on each
// side (once each, or k times each: the k-th with the k-th). They tell
// where the parallel part of two texts lies before any alignment, and how long a translation
// runs, whatever one side adds or lacks.

import EntenteText

/// A source sentence and a target sentence sharing a cognate or number that occurs in no other
/// sentence of either side.
struct Anchor: Hashable {
  var source: Int
  var target: Int
}

/// The anchors of two texts that agree with each other: pairs sharing a cognate id (a number, or
/// the first four letters of a word) found in exactly one sentence of each side, reduced to the
/// longest chain increasing on both sides (crossing pairs are chance). When these are few (under
/// one per 100 source sentences, or under 3), as in a long text where every word recurs, ids
/// found in as many sentences on each side pair too, the k-th sentence of one side with the k-th
/// of the other (a name found three times on each side gives three pairs): less sure, since one
/// occurrence added on one side and one dropped on the other shift the pairs, which is why they
/// only stand in for missing singletons.
/// - Complexity: O(w + a log a) for w words and a candidate pairs.
func anchors(source: [AlignmentUnit], target: [AlignmentUnit]) -> [Anchor] {
  /// The sentences holding each cognate id, in order, each sentence once.
  func occurrences(_ units: [AlignmentUnit]) -> [Int32: [Int]] {
    var sentences: [Int32: [Int]] = [:]
    for (k, unit) in units.enumerated() {
      var previous: Int32?
      for id in unit.cognates where id != previous {
        previous = id
        sentences[id, default: []].append(k)
      }
    }
    return sentences
  }
  let sourceSentences = occurrences(source)
  let targetSentences = occurrences(target)
  func chain(maximumCount: Int) -> [Anchor] {
    var pairs = Set<Anchor>()
    for (id, sources) in sourceSentences where sources.count <= maximumCount {
      guard let targets = targetSentences[id], targets.count == sources.count else { continue }
      for (i, j) in zip(sources, targets) { pairs.insert(Anchor(source: i, target: j)) }
    }
    return longestIncreasingChain(Array(pairs))
  }
  let singletons = chain(maximumCount: 1)
  return singletons.count >= max(3, source.count / 100) ? singletons : chain(maximumCount: .max)
}

/// The longest subsequence of `pairs` strictly increasing in both indices.
/// - Complexity: O(a log a).
func longestIncreasingChain(_ pairs: [Anchor]) -> [Anchor] {
  guard !pairs.isEmpty else { return [] }
  // Sorted by source, and by target downwards within one source, a chain strictly increasing
  // in target takes at most one pair per source: patience sorting on the target alone.
  let pairs = pairs.sorted { ($0.source, -$0.target) < ($1.source, -$1.target) }
  var tails: [Int] = []  // index into pairs of the smallest tail of each length
  var previous = [Int](repeating: -1, count: pairs.count)
  for (k, pair) in pairs.enumerated() {
    var low = 0
    var high = tails.count
    while low < high {
      let mid = (low + high) / 2
      if pairs[tails[mid]].target < pair.target { low = mid + 1 } else { high = mid }
    }
    if low > 0 { previous[k] = tails[low - 1] }
    if low == tails.count { tails.append(k) } else { tails[low] = k }
  }
  var chain: [Anchor] = []
  var k = tails.last ?? -1
  while k >= 0 {
    chain.append(pairs[k])
    k = previous[k]
  }
  return chain.reversed()
}

extension BandSearch {
  /// The length ratio measured on anchored sentence pairs (the median of target over source
  /// length), or nil with fewer than three anchors.
  static func anchoredRatio(_ anchors: [Anchor], source: [AlignmentUnit], target: [AlignmentUnit]) -> Double?
  {
    let ratios = anchors.compactMap { anchor -> Double? in
      let s = source[anchor.source].length
      let t = target[anchor.target].length
      return s > 0 && t > 0 ? t / s : nil
    }.sorted()
    guard ratios.count >= 3 else { return nil }
    return ratios[ratios.count / 2]
  }

  /// The band's centre line through the anchors: each anchor's target for its source, and in
  /// between (and before the first, after the last) the characters' diagonal between the
  /// neighbouring anchors. Falls back to `lengthDiagonal` without anchors.
  func anchoredDiagonal(_ anchors: [Anchor]) -> [Int] {
    guard !anchors.isEmpty else { return lengthDiagonal() }
    let n = source.count
    let m = target.count
    // Knots: (source position, target position) in sentences, from (0, 0) to (n, m).
    var knots: [(Int, Int)] = [(0, 0)]
    for anchor in anchors where anchor.source > knots.last!.0 && anchor.target >= knots.last!.1 {
      knots.append((anchor.source, anchor.target))
    }
    if knots.last!.0 < n { knots.append((n, m)) } else { knots[knots.count - 1] = (n, m) }
    var centers = [Int](repeating: 0, count: n + 1)
    for (from, to) in zip(knots, knots.dropFirst()) {
      let sourceSpan = max(sourceLengths[to.0] - sourceLengths[from.0], 1)
      let targetSpan = targetLengths[to.1] - targetLengths[from.1]
      var j = from.1
      for i in from.0...to.0 {
        let share =
          targetLengths[from.1] + (sourceLengths[i] - sourceLengths[from.0]) / sourceSpan * targetSpan
        while j < to.1 && targetLengths[j + 1] <= share { j += 1 }
        centers[i] = j
      }
    }
    centers[n] = m
    return centers
  }
}

extension SentenceAligner {
  /// How many anchors two documents share (sentence pairs sharing a cognate or number found in
  /// as many sentences on each side, k-th with k-th, in a consistent order): a parallel core has several, two unrelated texts
  /// next to none.
  /// - Complexity: O(w + a log a) for w words and a candidate pairs.
  public static func anchorCount(_ source: Document, _ target: Document) -> Int {
    let tokens = Interner()
    let cognates = Interner()
    return anchors(
      source: makeUnits(source, tokens: tokens, cognates: cognates),
      target: makeUnits(target, tokens: tokens, cognates: cognates)
    ).count
  }
}
