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
  /// UTF-8 byte range of the source sentences in the source text (nil for an addition, or when
  /// the bead was made without the documents).
  public var sourceRange: Range<Int>?
  /// UTF-8 byte range of the target sentences in the target text (nil for an omission, or when
  /// the bead was made without the documents).
  public var targetRange: Range<Int>?

  public init(
    source: [Int], target: [Int], cost: Double, confidence: Double, sourceRange: Range<Int>? = nil,
    targetRange: Range<Int>? = nil
  ) {
    self.source = source
    self.target = target
    self.cost = cost
    self.confidence = confidence
    self.sourceRange = sourceRange
    self.targetRange = targetRange
  }
}

/// What went wrong in the alignment module, and where: input the aligner cannot work with, an
/// alignment file that does not fit the texts, a dictionary that cannot be used.
///
/// Cases carry the file and the position as fields (1-based line and column, or a byte
/// offset); `description` renders them as `file:line:column: error: reason`.
public enum AlignmentError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The two sides hold different numbers of anchor lines (1-based line numbers given).
  case anchorsDiffer(anchor: String, sourceLines: [Int], targetLines: [Int])
  /// An alignment file (JSON lines) that does not fit the texts, at 1-based `line` and `column`.
  case alignmentFile(file: String, line: Int, column: Int, reason: String)
  /// The text module failed while reading the texts (ICU: `TextError.icu`).
  case text(TextError)
  /// A dictionary file that cannot be read: `cause` is the text module's error (which names the
  /// line and column of a bad byte), nil when the file is missing or not readable.
  case unreadableDictionary(file: String, cause: TextError?)
  /// A line of a dictd index that is not headword, offset and length (base64), tab-separated.
  case malformedIndex(file: String, line: Int, text: String)
  /// An index entry that points past the end of `dictionary`.
  case entryOutOfRange(file: String, line: Int, dictionary: String)
  /// A compressed dictionary that zlib cannot inflate at byte `offset` of the file.
  case corruptDictionary(file: String, offset: Int, zlibStatus: Int)
  /// A line of a hunalign dictionary without ` @ `.
  case malformedHunalignLine(file: String, line: Int, text: String)

  public var description: String {
    switch self {
    case .alignmentFile(let file, let line, let column, let reason):
      "\(file):\(line):\(column): error: \(reason)"
    case .text(let error): "\(error)"
    case .anchorsDiffer(let anchor, let sourceLines, let targetLines):
      "the source has \(sourceLines.count) '\(anchor)' anchor lines (lines \(sourceLines.map(String.init).joined(separator: ", "))) "
        + "but the target has \(targetLines.count) (lines \(targetLines.map(String.init).joined(separator: ", "))); "
        + "both texts must share every anchor"
    case .unreadableDictionary(let file, nil):
      "\(file): error: cannot read the dictionary: no such file or not readable"
    case .unreadableDictionary(let file, let cause?):
      "\(cause.file ?? file)\(cause.line.map { ":\($0)" } ?? "")\(cause.column.map { ":\($0)" } ?? ""): error: "
        + "cannot read the dictionary: \(cause.reason)"
    case .malformedIndex(let file, let line, let text):
      "\(file):\(line):1: error: malformed dictd index line '\(text)' (expected headword, offset and length in base64, separated by tabs)"
    case .entryOutOfRange(let file, let line, let dictionary):
      "\(file):\(line):1: error: the entry lies beyond the end of \(dictionary) (index and dictionary do not match)"
    case .corruptDictionary(let file, let offset, let status):
      "\(file): error: corrupt compressed dictionary at byte \(offset) (zlib status \(status))"
    case .malformedHunalignLine(let file, let line, let text):
      "\(file):\(line):1: error: malformed hunalign dictionary line '\(text)' (expected 'target @ source')"
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
///   languages measured on the parallel part of the texts (anchored pairs in the first pass,
///   the previous pass's confident 1-1 beads after);
/// - **bead type** prior (1-1 most likely; 2-1, 1-2, then 2-2, 3-1, 1-3);
/// - **lexical similarity**: the Dice coefficient (first pass) or a log-likelihood ratio (later
///   passes) of the words the two sides share as cognates (the same first four letters on
///   matching keys), numbers (separators dropped), dictionary pairs and the translation pairs
///   learnt from the previous pass's confident 1-1 beads; plus agreement of `?` and `!`.
///
/// Sentences with no counterpart come in runs (additions, omissions), charged as one event: an
/// opening charge and a small charge per sentence (an affine gap; three states per cell); a
/// line without final punctuation (a caption, a credit) is cheaper to leave unaligned and costly
/// to merge; a cut-off end (everything after some point of both sides) is one event too. After
/// the search, unaligned sentences that share words with a neighbouring bead's other side join
/// it, and unaligned blocks of both sides that translate each other become one bead: beads
/// beyond 3-1 (`GapBlocks.swift`).
///
/// Search: dynamic programming over a band of half-width `initialBand` around a centre line
/// through the anchors (sentence pairs sharing a cognate or number found once on each side, or
/// where those are few, as often on each side, k-th with k-th; without anchors, the diagonal in
/// characters), then around the previous pass's path. If the
/// best path comes within an eighth of the band's edge, the band doubles and the search runs
/// again, until the path stays inside or the band covers everything: time and memory are
/// O((n + m) · band).
public struct SentenceAligner: Sendable {
  /// The options in force.
  public var options: AlignmentOptions
  /// Told the fraction of `align` done, from time to time (the sentences' units, then the rows
  /// of each pass of the search); nil: nothing, at no cost.
  public var progress: ProgressHandler? = nil

  /// An aligner with `options`.
  public init(options: AlignmentOptions = AlignmentOptions()) {
    self.options = options
  }

  /// Aligns two documents.
  ///
  /// When the documents know their paragraphs (text read with `DocumentLayout.text` or
  /// `.lines`), a bead that crosses a paragraph end on one side only, or ends a paragraph on one
  /// side only, costs more, so paragraph breaks line up when they can. With an `anchor` (".EOA"
  /// in Bleualign's input), sentences equal to it split both documents into parts: each part is
  /// aligned with the part of the same rank, and the anchors with each other.
  /// - Parameters:
  ///   - source: the source document.
  ///   - target: its translation.
  ///   - anchor: the text of anchor sentences both sides share, if any.
  /// - Returns: the beads, covering every sentence of both sides once, with their byte ranges.
  /// - Throws: `AlignmentError.anchorsDiffer` when the two sides hold different numbers of
  ///   anchors.
  /// - Complexity: O((n + m) · band · bead types); the band widens while the path runs along its
  ///   edge.
  public func align(_ source: Document, _ target: Document, anchor: String? = nil) throws(AlignmentError)
    -> Alignment
  {
    let tokens = Interner()
    let cognates = Interner()
    // Progress: the units first, then the search, each part of it in proportion to its sentences.
    let sentences = Double(max(1, source.count + target.count))
    let sourceUnits = makeUnits(source, tokens: tokens, cognates: cognates)
    progress?(Self.unitsShare * Double(source.count) / sentences)
    let targetUnits = makeUnits(target, tokens: tokens, cognates: cognates)
    progress?(Self.unitsShare)
    let searchProgress = progressPart(progress, from: Self.unitsShare, to: 1)
    var beads: [Bead] = []
    if let anchor {
      let sourceAnchors = source.sentenceTexts.indices.filter { source.sentenceTexts[$0] == anchor }
      let targetAnchors = target.sentenceTexts.indices.filter { target.sentenceTexts[$0] == anchor }
      guard sourceAnchors.count == targetAnchors.count else {
        throw .anchorsDiffer(
          anchor: anchor, sourceLines: sourceAnchors.map { $0 + 1 }, targetLines: targetAnchors.map { $0 + 1 }
        )
      }
      var sourceStart = 0
      var targetStart = 0
      for (sourceAnchor, targetAnchor) in zip(
        sourceAnchors + [source.count], targetAnchors + [target.count])
      {
        let part = self.beads(
          Array(sourceUnits[sourceStart..<sourceAnchor]), Array(targetUnits[targetStart..<targetAnchor]),
          tokens: tokens,
          progress: progressPart(
            searchProgress, from: Double(sourceStart + targetStart) / sentences,
            to: Double(sourceAnchor + targetAnchor) / sentences))
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
    } else {
      beads = self.beads(sourceUnits, targetUnits, tokens: tokens, progress: searchProgress)
    }
    progress?(1)
    // Costs and confidences to four decimals, as the JSON lines keep them: an alignment read
    // back from its file is then the same value, and gives the same results.
    let rounded = beads.map { bead in
      var bead = bead
      bead.cost = (bead.cost * 10_000).rounded() / 10_000
      bead.confidence = (bead.confidence * 10_000).rounded() / 10_000
      return bead
    }
    return Alignment(beads: rounded, source: source, target: target)
  }

  /// Aligns `source` with `target` sentences (strings, without paragraphs), which both hold
  /// `anchor` lines between their parts.
  /// - Throws: `AlignmentError.anchorsDiffer` when the two sides hold different numbers of
  ///   anchors; `AlignmentError.text` if ICU fails.
  /// - Complexity: O((n + m) · band · bead types).
  public func align(source: [String], target: [String], anchor: String) throws(AlignmentError) -> [Bead] {
    let (sourceDocument, targetDocument) = try Self.documents(source, target, nil, nil)
    return try align(sourceDocument, targetDocument, anchor: anchor).beads
  }

  /// Aligns `source` with `target` sentences (strings, without paragraphs).
  /// - Throws: `AlignmentError.text` if ICU fails.
  /// - Complexity: O((n + m) · band · bead types).
  public func align(source: [String], target: [String]) throws(AlignmentError) -> [Bead] {
    try align(source: source, target: target, sourceParagraphs: nil, targetParagraphs: nil)
  }

  /// Aligns sentences whose paragraphs are known (the paragraph index of each sentence, as
  /// `SentenceSegmenter` gives it).
  /// - Throws: `AlignmentError.text` if ICU fails.
  /// - Complexity: O((n + m) · band · bead types).
  public func align(
    source: [String], target: [String], sourceParagraphs: [Int]?, targetParagraphs: [Int]?
  ) throws(AlignmentError) -> [Bead] {
    let (sourceDocument, targetDocument) = try Self.documents(
      source, target, sourceParagraphs, targetParagraphs)
    return try align(sourceDocument, targetDocument).beads
  }

  /// Documents of sentence strings (English and French analysis; keys do not depend on it).
  static func documents(
    _ source: [String], _ target: [String], _ sourceParagraphs: [Int]?, _ targetParagraphs: [Int]?
  ) throws(AlignmentError) -> (Document, Document) {
    do {
      return (
        try Document(sentences: source, language: "en", paragraphs: sourceParagraphs),
        try Document(sentences: target, language: "fr", paragraphs: targetParagraphs)
      )
    } catch {
      throw .text(error)
    }
  }

  /// The share of `align`'s progress given to making the sentences' units (on 100,000-sentence
  /// novels, about a tenth of the time).
  static let unitsShare = 0.1

  /// The beads between two lists of units: a first pass on length and cognates, then two passes
  /// with the translations learnt from the previous pass's confident beads.
  /// - Parameter progress: Told the fraction done: each pass of the search weighs six times as
  ///   much as the learning before it (as measured on 100,000-sentence novels).
  func beads(
    _ sourceUnits: [AlignmentUnit], _ targetUnits: [AlignmentUnit], tokens: Interner,
    progress: ProgressHandler?
  ) -> [Bead] {
    if sourceUnits.isEmpty || targetUnits.isEmpty {
      return sourceUnits.indices.map { Bead(source: [$0], target: [], cost: 0, confidence: 0) }
        + targetUnits.indices.map { Bead(source: [], target: [$0], cost: 0, confidence: 0) }
    }
    // Word frequencies are counted once; the dictionary and every round of learning use them.
    let frequencies = WordFrequencies(source: sourceUnits, target: targetUnits)
    let dictionary = dictionaryOnTexts(options.lexicon, frequencies: frequencies, tokens: tokens)
    // Anchors place the first band and give the length ratio of the parallel part.
    let anchored = anchors(source: sourceUnits, target: targetUnits)
    var search = BandSearch(
      source: sourceUnits, target: targetUnits, maximumBeadSize: options.maximumBeadSize, lexicon: dictionary,
      ratio: BandSearch.anchoredRatio(anchored, source: sourceUnits, target: targetUnits))
    let learns = options.learnsLexicon && sourceUnits.count >= 20
    // Stages: pass, learning, pass, learning, pass.
    let stages = ProgressStages(weights: learns ? [6, 1, 6, 1, 6] : [1], handler: progress)
    search.progress = stages.stage(0)
    var beads = search.run(initialBand: options.initialBand, centers: search.anchoredDiagonal(anchored))
    if learns {
      // Two rounds: the lexicon learnt from the first path gives a better path, whose confident
      // beads give a better lexicon.
      for round in 0..<2 {
        var lexicon = learnLexicon(
          beads: beads, source: sourceUnits, target: targetUnits, frequencies: frequencies)
        lexicon.merge(dictionary) { learnt, known in Array(Set(learnt + known)) }
        search = BandSearch(
          source: sourceUnits, target: targetUnits, maximumBeadSize: options.maximumBeadSize,
          lexicon: lexicon,
          ratio: Self.parallelRatio(beads, sourceUnits, targetUnits) ?? search.ratio)
        search.lexicalModel = LexicalModel(beads: beads, search: search)
        stages.finish(1 + 2 * round)
        search.progress = stages.stage(2 + 2 * round)
        // Later passes search around the previous path, in a narrower band.
        beads = search.run(
          initialBand: max(10, options.initialBand / 2),
          centers: BandSearch.centers(of: beads, rows: sourceUnits.count))
      }
    }
    progress?(1)
    // What the bead sizes of the search cannot say: a passage rendered by far fewer sentences.
    return search.attachingUnalignedNeighbours(
      search.mergingTranslatedGapBlocks(search.detachingUnlinkedParagraphs(beads)))
  }

  /// The length ratio of the two languages measured on the parallel part of the texts: the
  /// confident one-to-one beads of an earlier pass (nil when there are fewer than ten), so that
  /// what one side adds (boxes, captions) or lacks (a cut-off end) does not skew it.
  static func parallelRatio(_ beads: [Bead], _ source: [AlignmentUnit], _ target: [AlignmentUnit]) -> Double?
  {
    var sourceLength = 0.0
    var targetLength = 0.0
    var count = 0
    for bead in beads where bead.source.count == 1 && bead.target.count == 1 && bead.confidence >= 0.3 {
      sourceLength += source[bead.source[0]].length
      targetLength += target[bead.target[0]].length
      count += 1
    }
    return count >= 10 && sourceLength > 0 && targetLength > 0 ? targetLength / sourceLength : nil
  }

  /// Word translations learnt from the confident one-to-one beads of `alignment` (the
  /// aligner's, or a reviser's), as the aligner learns them between its passes: on matching
  /// keys, Dice association of at least two co-occurrences, frequent words left out. Empty for
  /// an alignment of under 20 source sentences.
  /// - Complexity: O(b · w²) for b confident beads of w words.
  public static func learntTranslations(_ alignment: Alignment, source: Document, target: Document)
    -> [String: [String]]
  {
    guard source.count >= 20 else { return [:] }
    return learnt(from: alignment.beads, source, target)
  }

  /// Word translations learnt from sentence pairs already aligned one to one (a translation
  /// memory), as the aligner learns them from its confident beads.
  /// - Throws: `AlignmentError.text` if ICU fails.
  public static func learntTranslations(source: [String], target: [String]) throws(AlignmentError)
    -> [String: [String]]
  {
    precondition(source.count == target.count, "one target per source sentence")
    let (sourceDocument, targetDocument) = try documents(source, target, nil, nil)
    let beads = source.indices.map { Bead(source: [$0], target: [$0], cost: 0, confidence: 1) }
    return learnt(from: beads, sourceDocument, targetDocument)
  }

  /// The translations learnt from the confident 1-1 beads of `beads` between two documents.
  private static func learnt(from beads: [Bead], _ source: Document, _ target: Document) -> [String: [String]]
  {
    let tokens = Interner()
    let cognates = Interner()
    let sourceUnits = makeUnits(source, tokens: tokens, cognates: cognates)
    let targetUnits = makeUnits(target, tokens: tokens, cognates: cognates)
    let frequencies = WordFrequencies(source: sourceUnits, target: targetUnits)
    let learnt = SentenceAligner().learnLexicon(
      beads: beads, source: sourceUnits, target: targetUnits, frequencies: frequencies)
    return words(learnt, tokens)
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
