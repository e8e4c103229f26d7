// The banded dynamic-programming search over bead costs, and the flat id lists (Ragged) it reads.
import EntenteText
import Foundation

/// Lists of ids stored end to end, so that the search reads them without reference counting.
struct Ragged: Sendable {
  private(set) var values: [Int32] = []
  private(set) var starts: [Int] = [0]

  init<Lists: Sequence>(_ lists: Lists) where Lists.Element == [Int32] {
    for list in lists {
      values += list
      starts.append(values.count)
    }
  }

  var count: Int { starts.count - 1 }
  /// The positions in `values` of list `k`.
  @inline(__always) func range(_ k: Int) -> Range<Int> { starts[k]..<starts[k + 1] }
  /// The positions in `values` of lists `ks`, which are consecutive.
  @inline(__always) func range(_ ks: Range<Int>) -> Range<Int> {
    starts[ks.lowerBound]..<starts[ks.upperBound]
  }

  /// Whether the sorted list `k` holds `value`.
  @inline(__always) func sortedList(_ k: Int, contains value: Int32) -> Bool {
    var low = starts[k]
    let end = starts[k + 1]
    var high = end
    while low < high {
      let mid = (low + high) / 2
      if values[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low < end && values[low] == value
  }

  /// Size of the multiset intersection of sorted list `k` and sorted list `l` of `other`.
  @inline(__always) func intersectionCount(_ k: Int, _ other: Ragged, _ l: Int) -> Int {
    var x = starts[k]
    let xEnd = starts[k + 1]
    var y = other.starts[l]
    let yEnd = other.starts[l + 1]
    var count = 0
    while x < xEnd && y < yEnd {
      let u = values[x]
      let v = other.values[y]
      if u == v {
        count += 1
        x += 1
        y += 1
      } else if u < v {
        x += 1
      } else {
        y += 1
      }
    }
    return count
  }

  /// Merges the sorted lists `ks` (consecutive) into `output`, whose count is their total,
  /// using `scratch` (at least as large) for the intermediate merges.
  func mergeSorted(
    _ ks: Range<Int>, into output: UnsafeMutableBufferPointer<Int32>,
    scratch: UnsafeMutableBufferPointer<Int32>
  ) {
    var filled = 0
    // Alternate between output and scratch so that the last merge lands in output.
    let odd = ks.count % 2 == 1
    var current = odd ? output : scratch
    var other = odd ? scratch : output
    for k in ks {
      var x = 0
      var y = starts[k]
      let yEnd = starts[k + 1]
      var z = 0
      while x < filled || y < yEnd {
        if y == yEnd || (x < filled && other[x] <= values[y]) {
          current[z] = other[x]
          x += 1
        } else {
          current[z] = values[y]
          y += 1
        }
        z += 1
      }
      filled = z
      swap(&current, &other)
    }
  }
}

/// Size of the multiset intersection of two sorted buffers.
@inline(__always) func sortedIntersectionCount(
  _ a: UnsafeBufferPointer<Int32>, _ b: UnsafeBufferPointer<Int32>
) -> Int {
  var i = 0
  var j = 0
  var count = 0
  while i < a.count && j < b.count {
    if a[i] == b[j] {
      count += 1
      i += 1
      j += 1
    } else if a[i] < b[j] {
      i += 1
    } else {
      j += 1
    }
  }
  return count
}

/// The banded dynamic-programming search.
struct BandSearch: Sendable {
  /// Told the fraction of `run` done, every 1,024 rows of the dynamic programme; nil: nothing.
  var progress: ProgressHandler? = nil
  let source: [AlignmentUnit]
  let target: [AlignmentUnit]
  let maximumBeadSize: Int
  let lexicon: [Int32: [Int32]]
  let ratio: Double
  let beadTypes: [(Int, Int, Double)]
  /// Prefix sums of lengths, word counts and ?/! counts, so a bead's totals cost O(1).
  let sourceLengths: [Double]
  let targetLengths: [Double]
  let sourceWords: [Int]
  let targetWords: [Int]
  let sourceMarks: [Int]
  let targetMarks: [Int]
  /// What each sentence costs in a run of sentences with no counterpart, computed once.
  let sourceGapCosts: [Double]
  let targetGapCosts: [Double]
  /// Prefix sums of sentences without final punctuation.
  let sourceUnterminated: [Int]
  let targetUnterminated: [Int]
  /// Prefix sums of paragraph ends.
  let sourceParagraphEnds: [Int]
  let targetParagraphEnds: [Int]
  /// Cognates of each sentence, tokens of each target sentence (sorted).
  let sourceCognates: Ragged
  let targetCognates: Ragged
  let targetTokens: Ragged
  /// The translations of each source word that has some (one list per word), and for each
  /// source sentence the range of its words' lists.
  let translations: Ragged
  let sourceTranslationStarts: [Int]
  /// Rates of shared words per word pair in true beads and in chance pairings, estimated from
  /// an earlier pass; nil before.
  var lexicalModel: LexicalModel?

  init(
    source: [AlignmentUnit], target: [AlignmentUnit], maximumBeadSize: Int, lexicon: [Int32: [Int32]],
    ratio: Double? = nil
  ) {
    self.source = source
    self.target = target
    self.maximumBeadSize = maximumBeadSize
    self.lexicon = lexicon
    let sourceTotal = source.reduce(0) { $0 + $1.length }
    let targetTotal = target.reduce(0) { $0 + $1.length }
    self.ratio = ratio ?? (sourceTotal > 0 && targetTotal > 0 ? targetTotal / sourceTotal : 1)
    // Bead types with their prior probabilities (Gale & Church's, with 2-2 and 1-3 added).
    // Sentences with no counterpart are not bead types: they are runs (see `gapCost`).
    var types: [(Int, Int, Double)] = [
      (1, 1, 0.89), (2, 1, 0.045), (1, 2, 0.045), (2, 2, 0.011),
    ]
    if maximumBeadSize >= 3 { types += [(3, 1, 0.003), (1, 3, 0.003)] }
    func prefix<T: AdditiveArithmetic>(_ values: [T]) -> [T] {
      var sums = [T.zero]
      sums.reserveCapacity(values.count + 1)
      for value in values { sums.append(sums.last! + value) }
      return sums
    }
    sourceCognates = Ragged(source.lazy.map(\.cognates))
    targetCognates = Ragged(target.lazy.map(\.cognates))
    targetTokens = Ragged(target.lazy.map(\.tokens))
    var lists: [[Int32]] = []
    var starts = [0]
    for unit in source {
      lists += unit.tokens.compactMap { lexicon[$0] }
      starts.append(lists.count)
    }
    translations = Ragged(lists)
    sourceTranslationStarts = starts
    sourceLengths = prefix(source.map(\.length))
    targetLengths = prefix(target.map(\.length))
    sourceWords = prefix(source.map(\.tokens.count))
    targetWords = prefix(target.map(\.tokens.count))
    sourceParagraphEnds = prefix(source.map { $0.endsParagraph ? 1 : 0 })
    targetParagraphEnds = prefix(target.map { $0.endsParagraph ? 1 : 0 })
    sourceMarks = prefix(source.map { $0.questions + $0.exclamations })
    targetMarks = prefix(target.map { $0.questions + $0.exclamations })
    sourceUnterminated = prefix(source.map { $0.isTerminated ? 0 : 1 })
    targetUnterminated = prefix(target.map { $0.isTerminated ? 0 : 1 })
    let ratio = self.ratio
    sourceGapCosts = source.map {
      Self.perSentenceGapCost($0, lengthCost: lengthCost($0.length, 0, ratio: ratio))
    }
    targetGapCosts = target.map {
      Self.perSentenceGapCost($0, lengthCost: lengthCost(0, $0.length, ratio: ratio))
    }
    beadTypes = types.filter { $0.0 <= maximumBeadSize && $0.1 <= maximumBeadSize }.map {
      ($0.0, $0.1, -log($0.2))
    }
  }

  /// Shared words of source sentence i and target sentence j: cognates, numbers and learnt pairs.
  func matches(_ i: Int, _ j: Int) -> Int {
    var count = sourceCognates.intersectionCount(i, targetCognates, j)
    for list in sourceTranslationStarts[i]..<sourceTranslationStarts[i + 1] {
      for k in translations.range(list) where targetTokens.sortedList(j, contains: translations.values[k]) {
        count += 1
        break
      }
    }
    return count
  }

  /// Shared words of a bead taken as two bags of words: a word repeated in several sentences
  /// of one side matches as often as it occurs on the other side, not once per sentence pair.
  /// Works in stack buffers: it runs for every multi-sentence bead the search considers.
  func beadMatches(_ i: Int, _ j: Int, _ a: Int, _ b: Int) -> Int {
    let sourceCount = sourceCognates.range((i - a)..<i).count
    let targetCount = targetCognates.range((j - b)..<j).count
    var count = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * (sourceCount + targetCount)) {
      buffer in
      let sourceBag = UnsafeMutableBufferPointer(rebasing: buffer[0..<sourceCount])
      let targetBag = UnsafeMutableBufferPointer(rebasing: buffer[sourceCount..<(sourceCount + targetCount)])
      let scratch = UnsafeMutableBufferPointer(rebasing: buffer[(sourceCount + targetCount)...])
      sourceCognates.mergeSorted((i - a)..<i, into: sourceBag, scratch: scratch)
      targetCognates.mergeSorted((j - b)..<j, into: targetBag, scratch: scratch)
      return sortedIntersectionCount(UnsafeBufferPointer(sourceBag), UnsafeBufferPointer(targetBag))
    }
    for list in sourceTranslationStarts[i - a]..<sourceTranslationStarts[i] {
      search: for k in translations.range(list) {
        for l in (j - b)..<j where targetTokens.sortedList(l, contains: translations.values[k]) {
          count += 1
          break search
        }
      }
    }
    return count
  }

  /// Cost of the bead of source sentences [i−a, i) and target sentences [j−b, j).
  /// With `exact` false, the shared words of a multi-sentence bead are summed over its sentence
  /// pairs, which can only overcount them (see `beadMatches`): the cost is then a lower bound of
  /// the exact one, cheap enough to rule most beads out before the exact count.
  func beadCost(
    _ i: Int, _ j: Int, _ a: Int, _ b: Int, prior: Double, exact: Bool = true, pairMatches: (Int, Int) -> Int
  ) -> Double {
    let sourceLength = sourceLengths[i] - sourceLengths[i - a]
    let targetLength = targetLengths[j] - targetLengths[j - b]
    let sourceWords = self.sourceWords[i] - self.sourceWords[i - a]
    let targetWords = self.targetWords[j] - self.targetWords[j - b]
    var cost = prior
    if a > 0 && b > 0 {
      cost += lengthCost(sourceLength, targetLength, ratio: ratio)
      var shared = 0
      if exact && lexicalModel != nil && (a > 1 || b > 1) {
        shared = beadMatches(i, j, a, b)
      } else {
        for k in (i - a)..<i {
          for l in (j - b)..<j { shared += pairMatches(k, l) }
        }
      }
      let questionsAgree =
        (sourceMarks[i] - sourceMarks[i - a] > 0) == (targetMarks[j] - targetMarks[j - b] > 0)
      if let model = lexicalModel {
        // Each source sentence is compared with every target sentence of the bead: the matches
        // expected by chance in the comparisons beyond one per word are removed.
        let trials = Double(sourceWords + targetWords) / 2
        let k = min(Double(shared), trials)
        cost -= LexicalModel.weight * (k * model.matchWeight + (trials - k) * model.missWeight)
      } else {
        let dice = sourceWords + targetWords > 0 ? 2 * Double(shared) / Double(sourceWords + targetWords) : 0
        cost += 6 * (0.25 - min(dice, 1)) * Double(a + b) / 2
      }
      if !questionsAgree { cost += 1.5 }
      // Final punctuation: last sentences that end alike, no headline or caption merged.
      if source[i - 1].isTerminated != target[j - 1].isTerminated { cost += Self.terminationDiffers }
      if a > 1 {
        cost += Self.mergedUnterminated * Double(sourceUnterminated[i] - sourceUnterminated[i - a])
      }
      if b > 1 {
        cost += Self.mergedUnterminated * Double(targetUnterminated[j] - targetUnterminated[j - b])
      }
      // Paragraphs: ends inside the bead (not at its last sentence), and an end on one side only.
      let sourceInside = sourceParagraphEnds[i - 1] - sourceParagraphEnds[i - a]
      let targetInside = targetParagraphEnds[j - 1] - targetParagraphEnds[j - b]
      let sourceEnds = source[i - 1].endsParagraph
      let targetEnds = target[j - 1].endsParagraph
      cost += 2 * Double(sourceInside + targetInside)
      if sourceEnds != targetEnds { cost += 1 }
    } else {
      // A sentence with no counterpart: charged like a bead of its own with nothing shared. Its
      // length cost is capped: the length model describes a sentence and its translation, and
      // says little about a sentence that has none (captions, notes, a dropped line), so it
      // must not make long omissions look impossible.
      cost += 1.5 * Double(a + b) + min(lengthCost(sourceLength, targetLength, ratio: ratio), 5)
    }
    return cost
  }

  /// What opening a run of sentences with no counterpart costs: a box, a caption block, a
  /// dropped paragraph is one event, whatever its length (an affine gap, as in sequence
  /// alignment), so a run costs less than gluing its sentences to their neighbours.
  static let gapOpen = 4.0

  /// What each sentence after a cut-off end costs (see `search`): a flat charge, less than a
  /// run's inside the text, since what follows the cut says nothing about the texts; more than
  /// most translated pairs cost per sentence, so that a cut is found only where the pairs
  /// beyond it look like chance. The cut itself costs `gapOpen`.
  static let cutOffSentenceCost = 1.5

  /// What each sentence of such a run costs: a fixed charge and a fifth of its length cost
  /// (capped: the length model says little about a sentence that has no translation). A line
  /// without final punctuation (a caption, a credit, "Publicité", a "read also" link) is
  /// charged less: page furniture is written so, the sentences of a text rarely are (3 % of the
  /// dev sets' sentences, against two thirds of the lines a page adds).
  static func perSentenceGapCost(_ unit: AlignmentUnit, lengthCost: Double) -> Double {
    (unit.isTerminated ? 1.5 : 0.25) + 0.2 * min(lengthCost, 5)
  }

  /// Two sentences end alike (both with final punctuation, or both without: two headlines)
  /// far more often than not; a bead whose last sentences differ costs this much more.
  static let terminationDiffers = 1.0

  /// A line without final punctuation inside a merged bead (on a side with two or more
  /// sentences): a headline or a caption is a unit of its own, and a true merged bead almost
  /// never holds one (under 5 % of the dev sets' merged beads), while a caption glued to its
  /// neighbour's bead always does.
  static let mergedUnterminated = 4.0

  /// What source sentence i costs in a run of omissions (see `perSentenceGapCost`).
  @inline(__always) func gapCost(sourceSentence i: Int) -> Double { sourceGapCosts[i] }

  /// What target sentence j costs in a run of additions (see `perSentenceGapCost`).
  @inline(__always) func gapCost(targetSentence j: Int) -> Double { targetGapCosts[j] }

  /// Runs the search, widening the band while the best path runs along its edge.
  ///
  /// The band stops widening when its cells would exceed `maximumCells`, or at a half-width of
  /// `maximumCappedBand` on inputs so long that the cell budget allows less: on text where
  /// nothing places the path (the same article repeated a thousand times), the band would
  /// otherwise cover the whole matrix and time and memory grow as n · m (a 3 MB input took
  /// 4 GB). The path is then the best one inside the widest band allowed.
  ///
  /// Whether the band must widen is known only when a search ends, and a wider search costs
  /// twice as much: each search is reported as half of the progress left (0–50 %, then
  /// 50–75 %…), and the run as done when its last search ends.
  /// - Complexity: O(n · band) time and memory, band ≤ max(maximumCells / n, maximumCappedBand).
  func run(initialBand: Int, centers: [Int]) -> [Bead] {
    let n = source.count
    let m = target.count
    let widest = Self.widestBand(rows: n, initialBand: initialBand)
    var band = max(initialBand, 10)
    var left = 1.0
    while true {
      let (beads, touchesEdge) = search(
        band: band, centers: centers, progress: progressPart(progress, from: 1 - left, to: 1 - left / 2))
      let wider = min(2 * band, widest)
      if !touchesEdge || band >= max(n, m) || wider <= band {
        progress?(1)
        return beads
      }
      band = wider
      left /= 2
    }
  }

  /// The widest half-width the band may reach over `rows` source sentences.
  static func widestBand(rows: Int, initialBand: Int) -> Int {
    max(maximumCells / (2 * (rows + 1)), maximumCappedBand, initialBand)
  }

  /// The most cells a band may cover (about 31 bytes each: three path states, their back
  /// pointers and the pair-match cache), about 520 MB.
  static let maximumCells = 1 << 24
  /// The half-width the band may always reach, whatever the input's length.
  static let maximumCappedBand = 128

  /// The band's centre line for a first pass: the target position whose share of the target's
  /// characters equals the share of the source's characters before source sentence i (a
  /// diagonal in characters, which follows the texts better than one in sentence counts).
  func lengthDiagonal() -> [Int] {
    let n = source.count
    let m = target.count
    let sourceTotal = max(sourceLengths[n], 1)
    let targetTotal = max(targetLengths[m], 1)
    var centers: [Int] = []
    centers.reserveCapacity(n + 1)
    var j = 0
    for i in 0...n {
      let share = sourceLengths[i] / sourceTotal * targetTotal
      while j < m && targetLengths[j + 1] <= share { j += 1 }
      centers.append(i == n ? m : j)
    }
    return centers
  }

  /// The band's centre line along an earlier alignment: for source sentence i, the target
  /// position where the bead holding it starts.
  static func centers(of beads: [Bead], rows n: Int) -> [Int] {
    var centers = [Int](repeating: 0, count: n + 1)
    var i = 0
    var j = 0
    for bead in beads {
      for k in 0..<bead.source.count where i + k <= n {
        centers[i + k] = j + (k * bead.target.count) / max(bead.source.count, 1)
      }
      i += bead.source.count
      j += bead.target.count
    }
    if n >= 0 { centers[n] = j }
    return centers
  }

  /// One banded search around `centers` (one target position per source position 0...n);
  /// returns the beads and whether the path came near the band's edge.
  /// - Parameter progress: Told the fraction of the rows done, every 1,024 rows.
  func search(band: Int, centers: [Int], progress: ProgressHandler?) -> ([Bead], Bool) {
    let n = source.count
    let m = target.count
    let width = 2 * band + 1
    // Each row's range reaches back to the previous row's centre and on to the next one's, so
    // that a centre line that jumps (a run of additions) still leaves a connected band.
    let lows = centers.indices.map { max(0, min(centers[$0], centers[max(0, $0 - 1)]) - band) }
    let highs = centers.indices.map { min(m, max(centers[$0], centers[min(n, $0 + 1)]) + band) }
    func center(_ i: Int) -> Int { centers[i] }
    func low(_ i: Int) -> Int { lows[i] }
    func high(_ i: Int) -> Int { highs[i] }
    // Pair matches of source i (0..<n) and target j within the band, computed once.
    // Every pair of the band is needed (1-1 beads end at every cell), so they are all counted
    // first, on all cores.
    var pairCache = [Int32](repeating: -1, count: n * width)
    pairCache.withUnsafeMutableBufferPointer { cache in
      let cache = SendableBuffer(cache)
      let chunks = min(n, 4 * ProcessInfo.processInfo.activeProcessorCount)
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        for i in (chunk * n / chunks)..<((chunk + 1) * n / chunks) {
          let first = centers[i] - band
          for j in max(0, first)..<min(m, first + width) {
            cache.buffer[i * width + j - first] = Int32(matches(i, j))
          }
        }
      }
    }
    func pairMatches(_ i: Int, _ j: Int) -> Int {
      let offset = j - (center(i) - band)
      guard offset >= 0 && offset < width else { return matches(i, j) }
      let index = i * width + offset
      if pairCache[index] < 0 { pairCache[index] = Int32(matches(i, j)) }
      return Int(pairCache[index])
    }
    // Three states per cell (Gotoh's affine gaps): the best path to (i, j) ending with a bead
    // (`matched`), with a run of target sentences that have no source (`added`), or with a run
    // of source sentences that have no target (`omitted`). Rows are indexed j - low(i).
    var matched = [[Double]]()
    var added = [[Double]]()
    var omitted = [[Double]]()
    // Back pointers: the bead type for `matched`; for a run, the state it continues (0: a
    // bead, 1: an addition run, 2: an omission run) — its own state means it was extended.
    var matchedBack = [[UInt8]]()
    var addedBack = [[UInt8]]()
    var omittedBack = [[UInt8]]()
    matched.reserveCapacity(n + 1)
    added.reserveCapacity(n + 1)
    omitted.reserveCapacity(n + 1)
    matchedBack.reserveCapacity(n + 1)
    addedBack.reserveCapacity(n + 1)
    omittedBack.reserveCapacity(n + 1)
    let open = Self.gapOpen
    /// The best state at a cell of an earlier row (or the current row, given as arrays).
    @inline(__always) func best(_ m: Double, _ a: Double, _ o: Double) -> (Double, UInt8) {
      if m <= a && m <= o { return (m, 0) }
      return a <= o ? (a, 1) : (o, 2)
    }
    for i in 0...n {
      if let progress, i % 1_024 == 0 { progress(Double(i) / Double(max(n, 1))) }
      let lo = low(i)
      let hi = high(i)
      let count = max(0, hi - lo + 1)
      var rowM = [Double](repeating: .infinity, count: count)
      var rowA = [Double](repeating: .infinity, count: count)
      var rowO = [Double](repeating: .infinity, count: count)
      var backM = [UInt8](repeating: 255, count: count)
      var backA = [UInt8](repeating: 255, count: count)
      var backO = [UInt8](repeating: 255, count: count)
      if i == 0 && lo == 0 { rowM[0] = 0 }
      if hi >= lo {
        let gapSource = i > 0 ? gapCost(sourceSentence: i - 1) : 0
        for j in lo...hi where !(i == 0 && j == 0) {
          // A bead ending here.
          var bestCost = Double.infinity
          var bestType: UInt8 = 255
          for (t, (a, b, prior)) in beadTypes.enumerated() {
            let pi = i - a
            let pj = j - b
            guard pi >= 0, pj >= 0 else { continue }
            let plo = low(pi)
            guard pj >= plo && pj <= high(pi) else { continue }
            let k = pj - plo
            let previous = min(matched[pi][k], added[pi][k], omitted[pi][k])
            guard previous.isFinite else { continue }
            var total = previous + beadCost(i, j, a, b, prior: prior, exact: false, pairMatches: pairMatches)
            if total < bestCost && lexicalModel != nil && (a > 1 || b > 1) {
              total = previous + beadCost(i, j, a, b, prior: prior, pairMatches: pairMatches)
            }
            if total < bestCost {
              bestCost = total
              bestType = UInt8(t)
            }
          }
          rowM[j - lo] = bestCost
          backM[j - lo] = bestType
          // Target sentence j - 1 added: from (i, j - 1) in this row.
          if j > lo {
            let k = j - 1 - lo
            let gap = gapCost(targetSentence: j - 1)
            let opening = min(rowM[k], rowO[k]) + open
            let extending = rowA[k]
            if extending <= opening {
              rowA[j - lo] = extending + gap
              backA[j - lo] = 1
            } else if opening.isFinite {
              rowA[j - lo] = opening + gap
              backA[j - lo] = rowM[k] <= rowO[k] ? 0 : 2
            }
          }
          // Source sentence i - 1 omitted: from (i - 1, j).
          if i > 0 {
            let plo = low(i - 1)
            if j >= plo && j <= high(i - 1) {
              let k = j - plo
              let opening = min(matched[i - 1][k], added[i - 1][k]) + open
              let extending = omitted[i - 1][k]
              if extending <= opening {
                rowO[j - lo] = extending + gapSource
                backO[j - lo] = 2
              } else if opening.isFinite {
                rowO[j - lo] = opening + gapSource
                backO[j - lo] = matched[i - 1][k] <= added[i - 1][k] ? 0 : 1
              }
            }
          }
        }
      }
      matched.append(rowM)
      added.append(rowA)
      omitted.append(rowO)
      matchedBack.append(backM)
      addedBack.append(backA)
      omittedBack.append(backO)
    }
    // Trace back from (n, m) in the best state there, or from where a cut-off end starts.
    var beads: [Bead] = []
    var i = n
    var j = m
    var touchesEdge = false
    let margin = max(2, band / 8)
    var state: UInt8 = 255
    do {
      let lo = low(n)
      guard m >= lo, m - lo < matched[n].count else { return ([], true) }
      var (cost, bestState) = best(matched[n][m - lo], added[n][m - lo], omitted[n][m - lo])
      // A cut-off end (a copy cut short, a block after the text): from some cell on, every
      // sentence of both sides is left unaligned, for one opening charge and a flat charge per
      // sentence. Only once the lexical model is known: the first pass's costs are not
      // log-likelihoods, and a flat charge means nothing beside them.
      if lexicalModel != nil {
        var cut: (Int, Int)?
        for row in 0...n where high(row) >= low(row) {
          let rowLow = low(row)
          for column in rowLow...high(row) where row < n || column < m {
            let k = column - rowLow
            let total =
              min(matched[row][k], added[row][k], omitted[row][k]) + open
              + Self.cutOffSentenceCost * Double(n - row + m - column)
            if total < cost {
              cost = total
              cut = (row, column)
            }
          }
        }
        if let (row, column) = cut {
          let confidence = exp(-Self.cutOffSentenceCost / 2)
          for t in (column..<m).reversed() {
            beads.append(Bead(source: [], target: [t], cost: Self.cutOffSentenceCost, confidence: confidence))
          }
          for s in (row..<n).reversed() {
            beads.append(Bead(source: [s], target: [], cost: Self.cutOffSentenceCost, confidence: confidence))
          }
          (i, j) = (row, column)
          let k = column - low(row)
          bestState = best(matched[row][k], added[row][k], omitted[row][k]).1
        }
      }
      guard cost.isFinite else { return ([], true) }
      state = bestState
    }
    while i > 0 || j > 0 {
      let lo = low(i)
      // No path inside the band (it cannot happen with a connected band, but a wider band is
      // the answer if it does).
      guard j >= lo, j - lo < matched[i].count else { return ([], true) }
      if (j - lo < margin && lo > 0) || (high(i) - j < margin && high(i) < m) { touchesEdge = true }
      let k = j - lo
      switch state {
      case 0:
        guard matchedBack[i][k] != 255 else { return ([], true) }
        let (a, b, prior) = beadTypes[Int(matchedBack[i][k])]
        let cost = beadCost(i, j, a, b, prior: prior, pairMatches: pairMatches)
        let confidence = Self.confidence(cost: cost, sentences: max(a, b))
        beads.append(
          Bead(source: Array((i - a)..<i), target: Array((j - b)..<j), cost: cost, confidence: confidence))
        i -= a
        j -= b
        let plo = low(i)
        state = i == 0 && j == 0 ? 0 : best(matched[i][j - plo], added[i][j - plo], omitted[i][j - plo]).1
      case 1:
        guard addedBack[i][k] != 255 else { return ([], true) }
        let next = addedBack[i][k]
        let cost = gapCost(targetSentence: j - 1) + (next == 1 ? 0 : open)
        beads.append(Bead(source: [], target: [j - 1], cost: cost, confidence: exp(-max(0, cost) / 2)))
        j -= 1
        state = next
      default:
        guard omittedBack[i][k] != 255 else { return ([], true) }
        let next = omittedBack[i][k]
        let cost = gapCost(sourceSentence: i - 1) + (next == 2 ? 0 : open)
        beads.append(Bead(source: [i - 1], target: [], cost: cost, confidence: exp(-max(0, cost) / 2)))
        i -= 1
        state = next
      }
    }
    return (beads.reversed(), touchesEdge)
  }
}
