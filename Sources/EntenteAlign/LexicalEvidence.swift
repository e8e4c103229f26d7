// Lexical evidence for alignment: word frequencies, dictionary pairs on the texts, the translation
// lexicon learnt from confident beads, the public LexicalScorer and the later passes' LexicalModel.
import EntenteText
import Foundation

extension SentenceAligner {

  /// Translation pairs from the confident 1-1 beads: Dice association of co-occurring tokens,
  /// at least two co-occurrences, frequent tokens (in over 5 % of sentences) left out.
  /// - Complexity: O(b · w²) for b beads of w words; O(w) beyond 256 distinct rare words a
  ///   side (`CoOccurrence`).
  func learnLexicon(
    beads: [Bead], source: [AlignmentUnit], target: [AlignmentUnit], frequencies: WordFrequencies
  ) -> [Int32: [Int32]] {
    let confident = beads.filter { $0.source.count == 1 && $0.target.count == 1 && $0.confidence >= 0.3 }
    var pairCounts: [Int64: Int] = [:]
    var sourceCounts: [Int32: Int] = [:]
    var targetCounts: [Int32: Int] = [:]
    for bead in confident {
      let s = distinct(source[bead.source[0]].tokens) { frequencies.isRareInSource($0) }
      let t = distinct(target[bead.target[0]].tokens) { frequencies.occursRarelyInTarget($0) }
      for a in s { sourceCounts[a, default: 0] += 1 }
      for b in t { targetCounts[b, default: 0] += 1 }
      // Every pair in sentences; in a sentence of hundreds of words, the pairs near in place.
      CoOccurrence.forEachPair(s.count, t.count) { i, j in
        pairCounts[Int64(s[i]) << 32 | Int64(t[j]), default: 0] += 1
      }
    }
    var candidates: [Int32: [(Int32, Double)]] = [:]
    for (pair, count) in pairCounts where count >= 2 {
      let a = Int32(pair >> 32)
      let b = Int32(truncatingIfNeeded: pair)
      let dice = 2 * Double(count) / Double(sourceCounts[a, default: 0] + targetCounts[b, default: 0])
      if dice >= 0.5 { candidates[a, default: []].append((b, dice)) }
    }
    // Ties broken by id (the order words were first seen), so the result never depends on the
    // order a dictionary is iterated in.
    return candidates.mapValues { $0.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.prefix(3).map(\.0) }
  }
}

/// The tokens of `tokens` that satisfy `isIncluded`, without repeats, in their order.
private func distinct(_ tokens: [Int32], where isIncluded: (Int32) -> Bool) -> [Int32] {
  var seen = Set<Int32>()
  return tokens.filter { isIncluded($0) && seen.insert($0).inserted }
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
    if limitsFrequentWords {
      for unit in sourceUnits { for token in Set(unit.tokens) { source[token, default: 0] += 1 } }
      for unit in targetUnits { for token in Set(unit.tokens) { target[token, default: 0] += 1 } }
    } else {
      // Without a limit only presence counts (every token that occurs is rare enough): one
      // look-up per token, no set per unit (the quote aligner's thousands of candidate spans).
      for unit in sourceUnits { for token in unit.tokens where source[token] == nil { source[token] = 1 } }
      for unit in targetUnits { for token in unit.tokens where target[token] == nil { target[token] = 1 } }
    }
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
  /// - Throws: `AlignmentError.text` (`TextError.icu`) if ICU fails while analysing the words.
  /// - Complexity: O(n + m) in the sentences' words, plus the dictionary look-ups.
  public init(
    source: [String], target: [String], lexicon: BilingualLexicon = BilingualLexicon(),
    filtersFrequentWords: Bool = true
  ) throws(AlignmentError) {
    let sourceDocument: Document
    let targetDocument: Document
    do {
      sourceDocument = try Document(sentences: source, language: "en")
      targetDocument = try Document(sentences: target, language: "fr")
    } catch {
      throw .text(error)
    }
    func pieces(_ document: Document) -> [(ArraySlice<AnalysedWord>, String, Range<Int>)] {
      document.sentences.indices.map {
        (document.words(ofSentence: $0), document.text, document.sentences[$0].range)
      }
    }
    self.init(
      source: pieces(sourceDocument), target: pieces(targetDocument), lexicon: lexicon,
      filtersFrequentWords: filtersFrequentWords)
  }

  /// Prepares spans of texts already analysed: each is its words, the text they are in, and
  /// the span's byte range in it.
  init(
    source: [(words: ArraySlice<AnalysedWord>, text: String, range: Range<Int>)],
    target: [(words: ArraySlice<AnalysedWord>, text: String, range: Range<Int>)],
    lexicon: BilingualLexicon, filtersFrequentWords: Bool
  ) {
    self =
      Self.scorers(
        source: source, target: target, lexicons: [lexicon], filtersFrequentWords: filtersFrequentWords)[0]
  }

  private init(search: BandSearch) { self.search = search }

  /// One scorer per lexicon over the same spans, which are analysed once (the quote aligner
  /// scores its candidate spans with and without loose cognates).
  /// - Complexity: O(n + m) in the spans' words, plus the dictionary look-ups of each lexicon.
  static func scorers(
    source: [(words: ArraySlice<AnalysedWord>, text: String, range: Range<Int>)],
    target: [(words: ArraySlice<AnalysedWord>, text: String, range: Range<Int>)],
    lexicons: [BilingualLexicon], filtersFrequentWords: Bool
  ) -> [LexicalScorer] {
    let tokens = Interner()
    let cognates = Interner()
    func units(_ spans: [(words: ArraySlice<AnalysedWord>, text: String, range: Range<Int>)])
      -> [AlignmentUnit]
    {
      spans.map {
        makeUnit(
          words: $0.words, text: $0.text, sentence: $0.text.slice(utf8: $0.range), tokens: tokens,
          cognates: cognates)
      }
    }
    return scorers(
      source: units(source), target: units(target), tokens: tokens, lexicons: lexicons,
      filtersFrequentWords: filtersFrequentWords)
  }

  /// One scorer per lexicon over units already made, whose token ids `tokens` interned.
  /// - Complexity: O(n + m) in the units' tokens, plus the dictionary look-ups of each lexicon.
  static func scorers(
    source sourceUnits: [AlignmentUnit], target targetUnits: [AlignmentUnit], tokens: Interner,
    lexicons: [BilingualLexicon], filtersFrequentWords: Bool
  ) -> [LexicalScorer] {
    let frequencies = WordFrequencies(
      source: sourceUnits, target: targetUnits, limitsFrequentWords: filtersFrequentWords)
    return lexicons.map { lexicon in
      LexicalScorer(
        search: BandSearch(
          source: sourceUnits, target: targetUnits, maximumBeadSize: 1,
          lexicon: dictionaryOnTexts(lexicon, frequencies: frequencies, tokens: tokens)))
    }
  }

  /// Similarity of source sentence `i` and target sentence `j`, in [0, 1].
  /// - Complexity: O(w) in the two sentences' words.
  /// The number of words source sentence `i` and target sentence `j` share.
  func sharedWords(_ i: Int, _ j: Int) -> Int { search.matches(i, j) }

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

  /// Rates typical of a text without a dictionary, for texts too short to measure them on (under
  /// 20 sentences): the five TransRead novels and Text+Berg gave 0.17–0.34 and 0.008–0.017.
  static let typical = LexicalModel(matchRate: 0.2, chanceRate: 0.015)

  init(matchRate: Double, chanceRate: Double) {
    self.matchRate = matchRate
    self.chanceRate = chanceRate
  }

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
