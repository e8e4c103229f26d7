// Sentence alignment: Gale–Church length model in log space, plus lexical evidence (cognates,
// numbers, sentence punctuation) and a translation lexicon learnt from the confident beads of the
// input itself, searched by dynamic programming in a band around the diagonal.
// This file: beads, options and the public SentenceAligner entry points.
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
}
