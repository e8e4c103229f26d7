// Sentence alignment: Gale–Church length model in log space, plus lexical evidence (cognates,
// numbers, sentence punctuation) and a translation lexicon learnt from the confident beads of the
// input itself, searched by dynamic programming in a band around the diagonal.
import EntenteText
import Foundation

/// A bead: consecutive source sentences aligned with consecutive target sentences.
public struct Bead: Sendable, Hashable, Codable {
  /// 0-based indices of the source sentences (consecutive; empty for an addition).
  public var source: [Int]
  /// 0-based indices of the target sentences (consecutive; empty for an omission).
  public var target: [Int]
  /// The bead's cost in the model (lower is better; a negative log-probability).
  public var cost: Double
  /// A heuristic confidence in [0, 1] derived from the cost per sentence.
  public var confidence: Double

  public init(source: [Int], target: [Int], cost: Double, confidence: Double) {
    self.source = source
    self.target = target
    self.cost = cost
    self.confidence = confidence
  }
}

/// Input the aligner cannot work with.
public enum AlignmentError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The two sides hold different numbers of anchor lines (1-based line numbers given).
  case anchorsDiffer(anchor: String, sourceLines: [Int], targetLines: [Int])

  public var description: String {
    switch self {
    case .anchorsDiffer(let anchor, let sourceLines, let targetLines):
      "the source has \(sourceLines.count) '\(anchor)' anchor lines (lines \(sourceLines.map(String.init).joined(separator: ", "))) "
        + "but the target has \(targetLines.count) (lines \(targetLines.map(String.init).joined(separator: ", "))); "
        + "both texts must share every anchor"
    }
  }
}

/// Options of the sentence aligner.
public struct AlignmentOptions: Sendable, Hashable {
  /// The largest number of sentences on one side of a bead (2 allows 1-2, 2-1, 2-2; 3 adds 1-3
  /// and 3-1).
  public var maximumBeadSize = 3
  /// Half-width of the first search band around the diagonal, in sentences; it doubles while
  /// the best path runs along its edge.
  public var initialBand = 30
  /// Learn a translation lexicon from the confident beads of a first pass and align again.
  public var learnsLexicon = true
  /// A bilingual dictionary (FreeDict, hunalign, later glossaries); empty by default.
  public var lexicon = BilingualLexicon()

  public init() {}
}

/// The aligner's view of one sentence.
struct AlignmentUnit {
  /// Length in characters (Unicode scalars), the Gale–Church unit.
  var length: Double
  /// Token ids (matching keys of the words, interned), sorted.
  var tokens: [Int32]
  /// Cognate ids: the first four characters of tokens of four or more letters, and whole
  /// tokens holding a digit (numbers without separators: 1,000.5 and 1 000,5 agree), sorted.
  var cognates: [Int32]
  /// Counts of ? ! and quotation marks: sentence punctuation that translations keep.
  var questions: Int
  var exclamations: Int
  /// The sentence ends a paragraph (and a later one follows); false when paragraphs are unknown.
  var endsParagraph = false
}

/// Interns strings to small integers.
final class Interner {
  private var ids: [String: Int32] = [:]
  private(set) var strings: [String] = []

  /// The id of `string` if it was interned.
  func existing(_ string: String) -> Int32? { ids[string] }

  func id(_ string: String) -> Int32 {
    if let id = ids[string] { return id }
    let id = Int32(strings.count)
    ids[string] = id
    strings.append(string)
    return id
  }
}

/// Makes alignment units from sentence texts.
func makeUnits(_ sentences: [String], tokens: Interner, cognates: Interner) throws -> [AlignmentUnit] {
  // Matching keys (ICU) on all cores; interning after, in order.
  let keys = try parallelMap(sentences) { try MatchingKey($0).key }
  return zip(sentences, keys).map { sentence, key in
    var words: [String] = []
    var current: [UInt8] = []
    func flush() {
      if !current.isEmpty {
        words.append(String(decoding: current, as: UTF8.self))
        current.removeAll(keepingCapacity: true)
      }
    }
    var lastWasDigit = false
    for byte in key.utf8 {
      let isDigit = byte >= 0x30 && byte <= 0x39
      let isLetter = byte >= 0x61 && byte <= 0x7A || byte >= 0x80
      if isDigit || isLetter {
        current.append(byte)
        lastWasDigit = isDigit
      } else if lastWasDigit && (byte == 0x2C || byte == 0x2E || byte == 0x20) && !current.isEmpty {
        // Separators inside numbers (1,000.5 / 1 000,5) are dropped, so numbers agree.
        continue
      } else {
        flush()
        lastWasDigit = false
      }
    }
    flush()
    var tokenIDs: [Int32] = []
    var cognateIDs: [Int32] = []
    for word in words {
      tokenIDs.append(tokens.id(word))
      if word.contains(where: \.isNumber) {
        cognateIDs.append(cognates.id("#" + word.filter(\.isNumber)))
      } else if word.count >= 4 {
        cognateIDs.append(cognates.id(String(word.prefix(4))))
      }
    }
    let scalars = sentence.unicodeScalars
    return AlignmentUnit(
      length: Double(scalars.count), tokens: tokenIDs.sorted(), cognates: cognateIDs.sorted(),
      questions: scalars.filter { $0 == "?" || $0 == "¿" }.count,
      exclamations: scalars.filter { $0 == "!" }.count)
  }
}

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

/// The sentence aligner.
///
/// Each bead is scored by three kinds of evidence, as a negative log-probability:
/// - **length** (Gale & Church 1993), computed in log space, with the length ratio of the two
///   texts estimated from the texts themselves;
/// - **bead type** prior (1-1 most likely; 2-1, 1-2, then 0-1, 1-0, 2-2, 3-1, 1-3);
/// - **lexical similarity**: the Dice coefficient of the words the two sides share as cognates
///   (the same first four letters on matching keys), numbers (separators dropped), and, after a
///   first pass, the translation pairs learnt from that pass's confident 1-1 beads (Dice
///   association over co-occurrence, in the spirit of Moore 2002); plus agreement of `?` and `!`.
///
/// Search: dynamic programming over a band of half-width `initialBand` around the diagonal
/// (source i ↔ target i·m/n). If the best path comes within an eighth of the band's edge, the
/// band doubles and the search runs again, until the path stays inside or the band covers
/// everything: time and memory are O((n + m) · band).
public struct SentenceAligner: Sendable {
  public var options: AlignmentOptions

  public init(options: AlignmentOptions = AlignmentOptions()) {
    self.options = options
  }

  /// Aligns `source` with `target`, which both hold `anchor` lines (".EOA" in Bleualign's input)
  /// between their chapters or articles: each part is aligned with the part of the same rank,
  /// and the anchor lines are aligned with each other. Indices are those of the whole inputs.
  /// - Throws: `AlignmentError.anchorsDiffer` when the two sides hold different numbers of
  ///   anchors.
  public func align(source: [String], target: [String], anchor: String) throws -> [Bead] {
    let sourceAnchors = source.indices.filter { source[$0] == anchor }
    let targetAnchors = target.indices.filter { target[$0] == anchor }
    guard sourceAnchors.count == targetAnchors.count else {
      throw AlignmentError.anchorsDiffer(
        anchor: anchor, sourceLines: sourceAnchors.map { $0 + 1 }, targetLines: targetAnchors.map { $0 + 1 })
    }
    if sourceAnchors.isEmpty { return try align(source: source, target: target) }
    var beads: [Bead] = []
    var sourceStart = 0
    var targetStart = 0
    for (sourceAnchor, targetAnchor) in zip(sourceAnchors + [source.count], targetAnchors + [target.count]) {
      let part = try align(
        source: Array(source[sourceStart..<sourceAnchor]), target: Array(target[targetStart..<targetAnchor]))
      for bead in part {
        beads.append(
          Bead(
            source: bead.source.map { $0 + sourceStart }, target: bead.target.map { $0 + targetStart },
            cost: bead.cost, confidence: bead.confidence))
      }
      if sourceAnchor < source.count {
        beads.append(Bead(source: [sourceAnchor], target: [targetAnchor], cost: 0, confidence: 1))
      }
      sourceStart = sourceAnchor + 1
      targetStart = targetAnchor + 1
    }
    return beads
  }

  /// Aligns `source` with `target` sentences.
  /// - Complexity: O((n + m) · band · bead types).
  public func align(source: [String], target: [String]) throws -> [Bead] {
    try align(source: source, target: target, sourceParagraphs: nil, targetParagraphs: nil)
  }

  /// Aligns sentences whose paragraphs are known (the paragraph index of each sentence, as
  /// `SentenceSegmenter` gives it): a bead that crosses a paragraph end on one side only, or ends
  /// a paragraph on one side only, costs more, so paragraph breaks line up when they can.
  public func align(
    source: [String], target: [String], sourceParagraphs: [Int]?, targetParagraphs: [Int]?
  ) throws -> [Bead] {
    try alignment(
      source: source, target: target, sourceParagraphs: sourceParagraphs, targetParagraphs: targetParagraphs
    ).beads
  }

  /// The beads, with the word translations learnt from the confident beads along the way.
  public struct Alignment: Sendable {
    public var beads: [Bead]
    /// Word translations learnt by the last pass, on matching keys (source word → target
    /// words, best first). Empty when `learnsLexicon` is off or the text is short (under 20
    /// source sentences).
    public var learntTranslations: [String: [String]]
  }

  /// Like `align(source:target:sourceParagraphs:targetParagraphs:)`, keeping what was learnt.
  public func alignment(
    source: [String], target: [String], sourceParagraphs: [Int]? = nil, targetParagraphs: [Int]? = nil
  ) throws -> Alignment {
    let tokens = Interner()
    let cognates = Interner()
    var sourceUnits = try makeUnits(source, tokens: tokens, cognates: cognates)
    var targetUnits = try makeUnits(target, tokens: tokens, cognates: cognates)
    if let sourceParagraphs, let targetParagraphs, sourceParagraphs.count == source.count,
      targetParagraphs.count == target.count
    {
      for k in sourceUnits.indices.dropLast() where sourceParagraphs[k] != sourceParagraphs[k + 1] {
        sourceUnits[k].endsParagraph = true
      }
      for k in targetUnits.indices.dropLast() where targetParagraphs[k] != targetParagraphs[k + 1] {
        targetUnits[k].endsParagraph = true
      }
    }
    if source.isEmpty || target.isEmpty {
      return Alignment(
        beads: source.indices.map { Bead(source: [$0], target: [], cost: 0, confidence: 0) }
          + target.indices.map { Bead(source: [], target: [$0], cost: 0, confidence: 0) },
        learntTranslations: [:])
    }
    // Word frequencies are counted once; the dictionary and every round of learning use them.
    let frequencies = WordFrequencies(source: sourceUnits, target: targetUnits)
    let dictionary = dictionaryOnTexts(options.lexicon, frequencies: frequencies, tokens: tokens)
    var search = BandSearch(
      source: sourceUnits, target: targetUnits, maximumBeadSize: options.maximumBeadSize, lexicon: dictionary)
    var beads = search.run(initialBand: options.initialBand, centers: search.lengthDiagonal())
    var learnt: [Int32: [Int32]] = [:]
    if options.learnsLexicon && source.count >= 20 {
      // Two rounds: the lexicon learnt from the first path gives a better path, whose confident
      // beads give a better lexicon.
      for _ in 0..<2 {
        learnt = learnLexicon(
          beads: beads, source: sourceUnits, target: targetUnits, frequencies: frequencies)
        var lexicon = learnt
        lexicon.merge(dictionary) { learnt, known in Array(Set(learnt + known)) }
        search = BandSearch(
          source: sourceUnits, target: targetUnits, maximumBeadSize: options.maximumBeadSize, lexicon: lexicon
        )
        search.lexicalModel = LexicalModel(beads: beads, search: search)
        // Later passes search around the previous path, in a narrower band.
        beads = search.run(
          initialBand: max(10, options.initialBand / 2),
          centers: BandSearch.centers(of: beads, rows: source.count))
      }
    }
    return Alignment(beads: beads, learntTranslations: Self.words(learnt, tokens))
  }

  /// Word translations learnt from sentence pairs already aligned one to one (a translation
  /// memory), as the aligner learns them from its confident beads: on matching keys, Dice
  /// association of at least two co-occurrences, frequent words left out.
  public static func learntTranslations(source: [String], target: [String]) throws -> [String: [String]] {
    precondition(source.count == target.count, "one target per source sentence")
    let tokens = Interner()
    let cognates = Interner()
    let sourceUnits = try makeUnits(source, tokens: tokens, cognates: cognates)
    let targetUnits = try makeUnits(target, tokens: tokens, cognates: cognates)
    let frequencies = WordFrequencies(source: sourceUnits, target: targetUnits)
    let beads = source.indices.map { Bead(source: [$0], target: [$0], cost: 0, confidence: 1) }
    let learnt = SentenceAligner().learnLexicon(
      beads: beads, source: sourceUnits, target: targetUnits, frequencies: frequencies)
    return SentenceAligner.words(learnt, tokens)
  }

  /// Learnt pairs of token ids as words.
  private static func words(_ learnt: [Int32: [Int32]], _ tokens: Interner) -> [String: [String]] {
    var result: [String: [String]] = [:]
    for (word, translations) in learnt {
      result[tokens.strings[Int(word)]] = translations.map { tokens.strings[Int($0)] }
    }
    return result
  }

  /// Translation pairs from the confident 1-1 beads: Dice association of co-occurring tokens,
  /// at least two co-occurrences, frequent tokens (in over 5 % of sentences) left out.
  func learnLexicon(
    beads: [Bead], source: [AlignmentUnit], target: [AlignmentUnit], frequencies: WordFrequencies
  ) -> [Int32: [Int32]] {
    let confident = beads.filter { $0.source.count == 1 && $0.target.count == 1 && $0.confidence >= 0.3 }
    var pairCounts: [Int64: Int] = [:]
    var sourceCounts: [Int32: Int] = [:]
    var targetCounts: [Int32: Int] = [:]
    for bead in confident {
      let s = Set(source[bead.source[0]].tokens).filter { frequencies.isRareInSource($0) }
      let t = Set(target[bead.target[0]].tokens).filter { frequencies.occursRarelyInTarget($0) }
      for a in s { sourceCounts[a, default: 0] += 1 }
      for b in t { targetCounts[b, default: 0] += 1 }
      for a in s { for b in t { pairCounts[Int64(a) << 32 | Int64(b), default: 0] += 1 } }
    }
    var candidates: [Int32: [(Int32, Double)]] = [:]
    for (pair, count) in pairCounts where count >= 2 {
      let a = Int32(pair >> 32)
      let b = Int32(truncatingIfNeeded: pair)
      let dice = 2 * Double(count) / Double(sourceCounts[a, default: 0] + targetCounts[b, default: 0])
      if dice >= 0.5 { candidates[a, default: []].append((b, dice)) }
    }
    return candidates.mapValues { $0.sorted { $0.1 > $1.1 }.prefix(3).map(\.0) }
  }
}

/// How many sentences of each side hold each token, and which tokens are rare enough to be
/// evidence: words in over 5 % of the sentences of a side (at least 3) match everywhere and tell
/// nothing about where a sentence belongs, so neither dictionary nor learnt pairs use them.
struct WordFrequencies {
  private var source: [Int32: Int] = [:]
  private var target: [Int32: Int] = [:]
  private let sourceLimit: Int
  private let targetLimit: Int

  init(
    source sourceUnits: [AlignmentUnit], target targetUnits: [AlignmentUnit], limitsFrequentWords: Bool = true
  ) {
    for unit in sourceUnits { for token in Set(unit.tokens) { source[token, default: 0] += 1 } }
    for unit in targetUnits { for token in Set(unit.tokens) { target[token, default: 0] += 1 } }
    sourceLimit = limitsFrequentWords ? max(3, sourceUnits.count / 20) : .max
    targetLimit = limitsFrequentWords ? max(3, targetUnits.count / 20) : .max
  }

  /// Tokens of the source that occur and are not frequent.
  var rareSourceTokens: [Int32] { source.filter { $0.value <= sourceLimit }.map(\.key) }
  func isRareInSource(_ token: Int32) -> Bool { source[token, default: 0] <= sourceLimit }
  /// The token occurs in the target and is not frequent there.
  func occursRarelyInTarget(_ token: Int32) -> Bool {
    let count = target[token, default: 0]
    return count > 0 && count <= targetLimit
  }
}

/// The pairs of `lexicon` whose words occur in the texts, on token ids, frequent words left out
/// (see `WordFrequencies`).
func dictionaryOnTexts(
  _ lexicon: BilingualLexicon, frequencies: WordFrequencies, tokens: Interner
) -> [Int32: [Int32]] {
  var dictionary: [Int32: [Int32]] = [:]
  guard !lexicon.isEmpty else { return dictionary }
  for token in frequencies.rareSourceTokens {
    guard let translations = lexicon.translations[tokens.strings[Int(token)]] else { continue }
    let ids = translations.compactMap { tokens.existing($0) }.filter { frequencies.occursRarelyInTarget($0) }
    if !ids.isEmpty { dictionary[token] = ids }
  }
  return dictionary
}

/// The lexical similarity the aligner uses, between any source and any target sentence: the
/// Dice coefficient of the words they share as cognates, numbers and dictionary pairs.
public struct LexicalScorer: Sendable {
  private let search: BandSearch

  /// Prepares the sentences of both sides (matching keys, cognates, dictionary pairs).
  /// - Parameter filtersFrequentWords: leave out of the dictionary pairs the words found in
  ///   over 5 % of the sentences of a side (right for documents; wrong when the target texts
  ///   overlap, as candidate spans of one passage do).
  public init(
    source: [String], target: [String], lexicon: BilingualLexicon = BilingualLexicon(),
    filtersFrequentWords: Bool = true
  ) throws {
    let tokens = Interner()
    let cognates = Interner()
    let sourceUnits = try makeUnits(source, tokens: tokens, cognates: cognates)
    let targetUnits = try makeUnits(target, tokens: tokens, cognates: cognates)
    let frequencies = WordFrequencies(
      source: sourceUnits, target: targetUnits, limitsFrequentWords: filtersFrequentWords)
    search = BandSearch(
      source: sourceUnits, target: targetUnits, maximumBeadSize: 1,
      lexicon: dictionaryOnTexts(lexicon, frequencies: frequencies, tokens: tokens))
  }

  /// Similarity of source sentence `i` and target sentence `j`, in [0, 1].
  public func similarity(_ i: Int, _ j: Int) -> Double {
    let words = search.source[i].tokens.count + search.target[j].tokens.count
    return words == 0 ? 0 : min(1, 2 * Double(search.matches(i, j)) / Double(words))
  }
}

/// The lexical evidence of the later passes, as a log-likelihood ratio. A bead of `w₁` source
/// and `w₂` target words makes (w₁ + w₂)/2 trials; each trial finds a shared word (cognate,
/// number, dictionary or learnt pair) with probability `matchRate` when the bead is a
/// translation and `chanceRate` when its sentences are unrelated. A bead of k shared words
/// scores k·log(p/q) + (trials − k)·log((1 − p)/(1 − q)): each shared word is strong evidence,
/// and a long sentence pair sharing nothing is strong evidence against, whatever its lengths.
/// Both rates are measured on the text itself (see `init`), so the model adapts to the
/// language pair and to the lexicon (German–French shares fewer cognates than English–French).
/// Multi-sentence beads count shared words bag against bag (`BandSearch.beadMatches`), so a
/// name repeated in neighbouring sentences does not count once per sentence pair.
struct LexicalModel: Sendable {
  /// The ratio is scaled down because words are not independent trials (a name is often both a
  /// cognate and a learnt pair, and words come in phrases); one half is a round value, and
  /// anything from 0.4 to 0.7 gives the same strict F1 within 0.01 on the dev sets.
  static let weight = 0.5
  var matchRate: Double
  var chanceRate: Double
  var matchWeight: Double { log(matchRate / chanceRate) }
  var missWeight: Double { log((1 - matchRate) / (1 - chanceRate)) }

  /// Estimates both rates from the confident 1-1 beads of a path: the true rate from the beads,
  /// the chance rate from each bead's source sentence paired with the target sentence a few
  /// beads further on.
  init?(beads: [Bead], search: BandSearch) {
    let confident = beads.filter { $0.source.count == 1 && $0.target.count == 1 && $0.confidence >= 0.3 }
    guard confident.count >= 10 else { return nil }
    var matched = 0.0
    var trials = 0.0
    var chanceMatched = 0.0
    var chanceTrials = 0.0
    for (index, bead) in confident.enumerated() {
      let i = bead.source[0]
      let j = bead.target[0]
      let words = Double(search.source[i].tokens.count + search.target[j].tokens.count) / 2
      matched += Double(search.matches(i, j))
      trials += words
      for offset in [3, 7] {
        let other = confident[(index + offset) % confident.count].target[0]
        chanceMatched += Double(search.matches(i, other))
        chanceTrials += Double(search.source[i].tokens.count + search.target[other].tokens.count) / 2
      }
    }
    guard trials > 0, chanceTrials > 0 else { return nil }
    matchRate = min(0.9, max(0.01, matched / trials))
    chanceRate = min(matchRate / 2, max(0.001, chanceMatched / chanceTrials))
  }
}

/// `transform` applied to every element, in chunks on all cores; the first error is thrown.
func parallelMap<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) throws -> U) throws -> [U]
{
  let chunks = min(items.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
  guard chunks > 1 else { return try items.map(transform) }
  let results = ResultSlots<[U], any Error>(count: chunks)
  DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
    let part = items[(chunk * items.count / chunks)..<((chunk + 1) * items.count / chunks)]
    results.set(chunk, Result { try part.map(transform) })
  }
  return try results.values.flatMap { try $0.get() }
}

/// A buffer that threads fill in disjoint parts.
struct SendableBuffer<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
  init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}

/// The banded dynamic-programming search.
struct BandSearch: Sendable {
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

  init(source: [AlignmentUnit], target: [AlignmentUnit], maximumBeadSize: Int, lexicon: [Int32: [Int32]]) {
    self.source = source
    self.target = target
    self.maximumBeadSize = maximumBeadSize
    self.lexicon = lexicon
    let sourceTotal = source.reduce(0) { $0 + $1.length }
    let targetTotal = target.reduce(0) { $0 + $1.length }
    ratio = sourceTotal > 0 && targetTotal > 0 ? targetTotal / sourceTotal : 1
    // Bead types with their prior probabilities (Gale & Church's, with 2-2 and 1-3 added).
    var types: [(Int, Int, Double)] = [
      (1, 1, 0.89), (1, 0, 0.005), (0, 1, 0.005), (2, 1, 0.045), (1, 2, 0.045), (2, 2, 0.011),
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

  /// Runs the search, widening the band while the best path runs along its edge.
  func run(initialBand: Int, centers: [Int]) -> [Bead] {
    let n = source.count
    let m = target.count
    var band = max(initialBand, 10)
    while true {
      let (beads, touchesEdge) = search(band: band, centers: centers)
      if !touchesEdge || band >= max(n, m) { return beads }
      band *= 2
    }
  }

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
  func search(band: Int, centers: [Int]) -> ([Bead], Bool) {
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
    // cost[i][j - low(i)] for i in 0...n.
    var costs = [[Double]]()
    var back = [[UInt8]]()
    costs.reserveCapacity(n + 1)
    back.reserveCapacity(n + 1)
    for i in 0...n {
      let lo = low(i)
      let hi = high(i)
      var row = [Double](repeating: .infinity, count: max(0, hi - lo + 1))
      var rowBack = [UInt8](repeating: 255, count: row.count)
      if i == 0 && lo == 0 { row[0] = 0 }
      if hi >= lo {
        for j in lo...hi where !(i == 0 && j == 0) {
          var best = Double.infinity
          var bestType: UInt8 = 255
          for (t, (a, b, prior)) in beadTypes.enumerated() {
            let pi = i - a
            let pj = j - b
            guard pi >= 0, pj >= 0 else { continue }
            let plo = low(pi)
            let phi = high(pi)
            guard pj >= plo && pj <= phi else { continue }
            let previous = pi == i ? row[pj - lo] : costs[pi][pj - plo]
            guard previous.isFinite else { continue }
            var total = previous + beadCost(i, j, a, b, prior: prior, exact: false, pairMatches: pairMatches)
            if total < best && lexicalModel != nil && (a > 1 || b > 1) {
              total = previous + beadCost(i, j, a, b, prior: prior, pairMatches: pairMatches)
            }
            if total < best {
              best = total
              bestType = UInt8(t)
            }
          }
          row[j - lo] = best
          rowBack[j - lo] = bestType
        }
      }
      costs.append(row)
      back.append(rowBack)
    }
    // Trace back from (n, m).
    var beads: [Bead] = []
    var i = n
    var j = m
    var touchesEdge = false
    let margin = max(2, band / 8)
    while i > 0 || j > 0 {
      let lo = low(i)
      // No path inside the band (it cannot happen with a connected band, but a wider band is
      // the answer if it does).
      guard j >= lo, j - lo < back[i].count, back[i][j - lo] != 255 else { return ([], true) }
      if (j - lo < margin && lo > 0) || (high(i) - j < margin && high(i) < m) { touchesEdge = true }
      let (a, b, prior) = beadTypes[Int(back[i][j - lo])]
      let cost = beadCost(i, j, a, b, prior: prior, pairMatches: pairMatches)
      let sentences = Double(max(a, b))
      let confidence = exp(-max(0, cost) / (2 * sentences))
      beads.append(
        Bead(source: Array((i - a)..<i), target: Array((j - b)..<j), cost: cost, confidence: confidence))
      i -= a
      j -= b
    }
    return (beads.reversed(), touchesEdge)
  }
}
