// Proposing term pairs from a text and its translation: candidates on both sides (acronyms,
// names, multi-word terms), paired by association over aligned sentences.
import EntenteAlign
import EntenteText
import Foundation

/// Extracts candidate terms and pairs them across aligned text: document pairs (aligned here)
/// or segments already aligned (a translation memory), one or many.
///
/// Candidates (per segment, on ICU word tokens with French elision cut off): acronyms (2 to 6
/// capitals, not Roman numerals); names (capitalised runs with particles, titles, hyphens,
/// possessives cut off, a French lowercase title before, French institution names with a
/// capitalised head, and the endings of long names); multi-word terms (two or three lowercase
/// content words, French joined by de/de la/du/des/d'), with no stopword, frequent verb or
/// verb-like ending at an edge, no number or date word. Left out: one-word names seen only at
/// sentence starts, parts never seen outside a longer candidate, lowercase words left as they are.
///
/// Pairing (`pairs()`): Dice over the segments, times 1 − 1/(count + 1), plus bonuses for
/// identical strings, cognates, acronym letters reordered, the same kind, and the share of words
/// with a counterpart (cognate, dictionary, learnt translation, association); acronyms also pair
/// through expansions that translate each other. The README gives the weights.
public struct GlossaryBuilder {
  public var sourceLanguage: String
  public var targetLanguage: String
  public var alignmentOptions = AlignmentOptions()
  /// Pairs seen in fewer aligned sentence pairs are left out.
  public var minimumCount = 1
  /// Told the fraction of each `add` done, from time to time (the learnt translations, then
  /// every 256 segments counted); nil: nothing, at no cost.
  public var progress: ProgressHandler? = nil
  var evidence = Evidence()

  public init(sourceLanguage: String, targetLanguage: String) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
  }

  /// Term pairs for `source` and its translation `target`, best first.
  /// - Throws: `TextError.icu` if ICU fails while reading the texts, or `AlignmentError` (`.anchorsDiffer` does not arise without an anchor; `.text` if ICU fails).
  /// - Complexity: that of `addDocument(source:target:sourceName:targetName:)`.
  public func build(source: String, target: String) throws -> [TermPair] {
    var builder = self
    try builder.addDocument(source: source, target: target)
    return builder.pairs()
  }

  /// Segments and aligns a document pair (`entente align`'s aligner) and counts the candidates of
  /// its aligned sentence pairs. `sourceName` and `targetName` name the files in the example
  /// locations ("name:line").
  /// - Throws: `TextError.icu` if ICU fails while reading the texts, `AlignmentError.text` if it
  ///   fails while aligning them.
  /// - Complexity: that of `SentenceAligner.align(_:_:anchor:)`, plus O(s · w²) for s sentence
  ///   pairs of w words.
  public mutating func addDocument(
    source: String, target: String, sourceName: String = "source", targetName: String = "target"
  ) throws {
    let sourceDocument = try Document(name: sourceName, text: source, language: sourceLanguage)
    let targetDocument = try Document(name: targetName, text: target, language: targetLanguage)
    let alignment = try SentenceAligner(options: alignmentOptions).align(sourceDocument, targetDocument)
    try add(source: sourceDocument, target: targetDocument, alignment: alignment)
  }

  /// Counts the candidates of the aligned sentence pairs of two documents (`alignment`: the
  /// aligner's, or a reviser's corrected one), and learns word translations from its confident
  /// beads as the aligner does. The documents' names are the files in the example locations
  /// ("name:line").
  /// - Throws: `TextError.icu` if ICU fails while reading the candidates.
  /// - Complexity: O(s · w²) for s sentence pairs of w words; O(w) beyond 256 candidates a side
  ///   (`CoOccurrence`).
  public mutating func add(source: Document, target: Document, alignment: Alignment) throws {
    // Progress: the learnt translations take about a sixth of the counting's time.
    let stages = ProgressStages(weights: [1, 6], handler: progress)
    if alignmentOptions.learnsLexicon {
      for (word, translations) in SentenceAligner.learntTranslations(
        alignment, source: source, target: target)
      {
        evidence.translations[word, default: []].formUnion(translations)
      }
    }
    let sourceLines = LineIndex(source.text)
    let targetLines = LineIndex(target.text)
    var segments: [AlignedSegment] = []
    for bead in alignment.beads where !bead.source.isEmpty && !bead.target.isEmpty {
      segments.append(
        AlignedSegment(
          source: bead.source.map { source.sentenceTexts[$0] }.joined(separator: " "),
          target: bead.target.map { target.sentenceTexts[$0] }.joined(separator: " "),
          sourceLocation:
            "\(source.name):\(sourceLines.location(of: source.sentences[bead.source[0]].range.lowerBound).line)",
          targetLocation:
            "\(target.name):\(targetLines.location(of: target.sentences[bead.target[0]].range.lowerBound).line)"
        ))
    }
    stages.finish(0)
    try count(segments, progress: stages.stage(1))
    addExpansions(source: source.text, target: target.text)
    progress?(1)
  }

  /// Counts the candidates of segments already aligned (the units of a TMX or XLIFF file), and
  /// learns word translations from them as the aligner does from its confident beads.
  /// - Throws: `AlignmentError.text` if ICU fails while learning translations, or `TextError.icu` if ICU fails
  ///   while reading the candidates.
  /// - Complexity: O(s · w²) for s segments of w words.
  public mutating func add(segments: [AlignedSegment]) throws {
    // Progress: learning the translations analyses the segments' words again; given as long
    // as the counting (not measured on large files).
    let stages = ProgressStages(weights: [1, 1], handler: progress)
    if alignmentOptions.learnsLexicon {
      let learnt = try SentenceAligner.learntTranslations(
        source: segments.map(\.source), target: segments.map(\.target))
      for (word, translations) in learnt { evidence.translations[word, default: []].formUnion(translations) }
    }
    stages.finish(0)
    try count(segments, progress: stages.stage(1))
    addExpansions(
      source: segments.map(\.source).joined(separator: "\n"),
      target: segments.map(\.target).joined(separator: "\n"))
    progress?(1)
  }

  /// What the builder has counted so far.
  struct Evidence {
    var sourceCounts: [String: Int] = [:]
    var targetCounts: [String: Int] = [:]
    var pairCounts: [String: [String: Int]] = [:]
    var sourceSurfaces: [String: String] = [:]
    var targetSurfaces: [String: String] = [:]
    var examples: [String: AlignedSegment] = [:]
    /// Acronym → its expansion, as defined in the texts (the first definition wins).
    var sourceExpansions: [String: String] = [:]
    var targetExpansions: [String: String] = [:]
    /// Names seen somewhere other than as the first word of a sentence: a one-word name seen
    /// only there may be an ordinary word capitalised (Here, Voici), and is left out.
    var sourceNamesInside: Set<String> = []
    var targetNamesInside: Set<String> = []
    /// Word translations learnt by the aligner, on matching keys.
    var translations: [String: Set<String>] = [:]
    /// Segments holding each word of a candidate, and each pair of them, for word associations
    /// of the candidates' own words (the aligner leaves out words in over 5 % of sentences).
    var sourceWordCounts: [String: Int] = [:]
    var targetWordCounts: [String: Int] = [:]
    var wordPairCounts: [String: Int] = [:]
  }

  /// Counts the candidates of `segments`, telling `progress` the fraction done every 256.
  private mutating func count(_ segments: [AlignedSegment], progress: ProgressHandler?) throws {
    let sourceTokenizer = try TermTokenizer(language: sourceLanguage)
    let targetTokenizer = try TermTokenizer(language: targetLanguage)
    for (index, segment) in segments.enumerated() {
      if let progress, index % 256 == 0 { progress(Double(index) / Double(segments.count)) }
      let sourceCandidates = try candidates(
        in: segment.source, language: sourceLanguage, tokenizer: sourceTokenizer)
      let targetCandidates = try candidates(
        in: segment.target, language: targetLanguage, tokenizer: targetTokenizer)
      for c in sourceCandidates where evidence.sourceSurfaces["\(c.kind):\(c.key)"] == nil {
        evidence.sourceSurfaces["\(c.kind):\(c.key)"] = c.surface
      }
      for c in targetCandidates where evidence.targetSurfaces["\(c.kind):\(c.key)"] == nil {
        evidence.targetSurfaces["\(c.kind):\(c.key)"] = c.surface
      }
      for c in sourceCandidates where c.kind == "name" && !c.sentenceInitial {
        evidence.sourceNamesInside.insert("name:" + c.key)
      }
      for c in targetCandidates where c.kind == "name" && !c.sentenceInitial {
        evidence.targetNamesInside.insert("name:" + c.key)
      }
      let sourceKeys = Self.distinct(sourceCandidates.map { "\($0.kind):\($0.key)" })
      let targetKeys = Self.distinct(targetCandidates.map { "\($0.kind):\($0.key)" })
      // Words of the candidates, for word associations (below).
      let sourceWords = Self.distinct(
        sourceCandidates.flatMap { contentWords($0.key, language: sourceLanguage) })
      let targetWords = Self.distinct(
        targetCandidates.flatMap { contentWords($0.key, language: targetLanguage) })
      for word in sourceWords { evidence.sourceWordCounts[word, default: 0] += 1 }
      for word in targetWords { evidence.targetWordCounts[word, default: 0] += 1 }
      CoOccurrence.forEachPair(sourceWords.count, targetWords.count) { a, b in
        evidence.wordPairCounts[sourceWords[a] + "\t" + targetWords[b], default: 0] += 1
      }
      for key in sourceKeys { evidence.sourceCounts[key, default: 0] += 1 }
      for key in targetKeys { evidence.targetCounts[key, default: 0] += 1 }
      CoOccurrence.forEachPair(sourceKeys.count, targetKeys.count) { i, j in
        let (a, b) = (sourceKeys[i], targetKeys[j])
        evidence.pairCounts[a, default: [:]][b, default: 0] += 1
        if evidence.examples[a + "\t" + b] == nil { evidence.examples[a + "\t" + b] = segment }
      }
    }
  }

  /// The items of `items` without repeats, in the order of their first occurrence.
  static func distinct(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
  }

  private mutating func addExpansions(source: String, target: String) {
    evidence.sourceExpansions.merge(Self.acronymExpansions(in: source, language: sourceLanguage)) { old, _ in
      old
    }
    evidence.targetExpansions.merge(Self.acronymExpansions(in: target, language: targetLanguage)) { old, _ in
      old
    }
  }

  /// The content words of a candidate key (stopwords and elided articles left out).
  func contentWords(_ key: String, language: String) -> [String] {
    let stop = Self.stopwords[LanguageTag.language(of: language)] ?? []
    return key.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "-" }).map(String.init).filter {
      !stop.contains($0)
    }
  }
}
