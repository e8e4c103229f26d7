// Quote alignment: for each quote of a source text, the words of the translation that render it.
import EntenteText
import Foundation

/// A quote of the source and the span of the target that renders it.
public struct QuoteMatch: Sendable, Hashable, Codable {
  /// A piece of a text: its words and its UTF-8 byte range in that text.
  public struct Span: Sendable, Hashable, Codable {
    public var text: String
    public var range: Range<Int>

    public init(text: String, range: Range<Int>) {
      self.text = text
      self.range = range
    }
  }

  /// The quote's content in the source (without its quotation marks).
  public var source: Span
  /// The rendering in the target, or nil when none scores high enough.
  public var target: Span?
  /// How well the target renders the source, in [0, 1]; for a quote that is not rendered, the
  /// best score of its candidates.
  public var score: Double
  /// How sure the aligner is of this decision, in [0, 1]: one minus the ratio of the evidence
  /// for the best other decision to the evidence for this one (see `QuoteAligner`).
  public var confidence: Double
  /// The rendering is itself a quote of the target.
  public var targetIsQuoted: Bool
}

/// The result of aligning quotes.
public struct QuoteAlignment: Sendable, Hashable, Codable {
  /// One entry per source quote, in order; `target` is nil for a quote that is not rendered.
  public var matches: [QuoteMatch]
  /// Quotes of the target that render no source quote (contents, without their marks).
  public var unmatchedTargetQuotes: [QuoteMatch.Span]
}

/// Finds, for each quote of a source text, the span of its translation that renders it.
///
/// The two texts are aligned sentence by sentence first; a source quote is then looked for in the
/// target sentences of the beads holding it and their neighbours: among the target's own quotes
/// there, and among the spans of consecutive words there whose length fits the quote's (half to
/// twice its length times the texts' length ratio). A candidate's score is the Dice coefficient of
/// the words it shares with the quote (cognates and numbers on matching keys, and dictionary
/// pairs), times a length factor; a candidate that is itself a quote gets a bonus. Below
/// `minimumScore` the quote counts as not rendered. Renderings are assigned greedily, best score
/// first, and a span taken by one quote is reserved: no other rendering lies inside it or
/// overlaps it, except that of a quote nested in that quote (or enclosing it) in the source,
/// which must then lie inside it (or enclose it). Without a source text
/// (`align(sourceQuotes:target:)`), the whole target is searched.
///
/// Each decision gets a confidence: with `s` the evidence for the decision made and `r` the
/// evidence for the best other decision, `confidence = max(0, 1 − r / s)`. For a rendered quote,
/// `s` is its rendering's score and `r` the larger of `minimumScore` (the evidence for "not
/// rendered") and the best score of the quote's candidates that do not overlap the rendering
/// (a rendering elsewhere); spans overlapping the rendering are the same place, a word more or
/// less. For a quote that is not rendered, `s` is `minimumScore` and `r` its best candidate's
/// score. So a score just above the threshold, or a rival almost as good, gives a confidence
/// near 0; a strong score with no rival near it gives at most `1 − minimumScore / score`.
public struct QuoteAligner: Sendable {
  /// A dictionary (FreeDict or hunalign); cognates and numbers work without it.
  public var lexicon = BilingualLexicon()
  /// The score under which a quote counts as not rendered.
  public var minimumScore = 0.12
  /// Told the fraction of the source quotes whose renderings were looked for; nil: nothing.
  public var progress: ProgressHandler? = nil

  public init() {}

  /// Aligns the quotes of `source` with `target`: segments both texts with the built-in rules
  /// and aligns them first (`SentenceAligner` with this aligner's lexicon).
  /// - Throws: `AlignmentError.text` (`TextError.icu`) if ICU fails while reading the texts.
  /// - Complexity: that of `SentenceAligner.align(_:_:anchor:)` and
  ///   `align(source:target:alignment:)`.
  public func align(
    source: String, target: String, sourceLanguage: String, targetLanguage: String
  ) throws(AlignmentError) -> QuoteAlignment {
    let sourceDocument: Document
    let targetDocument: Document
    do {
      sourceDocument = try Document(name: "source", text: source, language: sourceLanguage)
      targetDocument = try Document(name: "target", text: target, language: targetLanguage)
    } catch {
      throw .text(error)
    }
    var options = AlignmentOptions()
    options.lexicon = lexicon
    let alignment = try SentenceAligner(options: options).align(sourceDocument, targetDocument)
    return align(source: sourceDocument, target: targetDocument, alignment: alignment)
  }

  /// Aligns the quotes of `source` with `target`, whose sentences `alignment` aligns (the
  /// aligner's result, or a reviser's corrected alignment).
  /// - Complexity: O(q · (s + w²)) for q quotes, s sentences and w words in a quote's region.
  public func align(source: Document, target: Document, alignment: Alignment) -> QuoteAlignment {
    let sourceQuotes = extractQuotes(from: source.text, language: source.language).filter {
      !$0.contentRange.isEmpty
    }
    let targetQuotes = extractQuotes(from: target.text, language: target.language).filter {
      !$0.contentRange.isEmpty
    }
    let beads = alignment.beads
    // The length ratio of the parallel part: what one side adds (boxes, a cut-off end) does not
    // say how long a rendering is.
    var sourceBytes = 0
    var targetBytes = 0
    for bead in beads {
      guard let sourceRange = bead.sourceRange, let targetRange = bead.targetRange else { continue }
      sourceBytes += sourceRange.count
      targetBytes += targetRange.count
    }
    let ratio =
      sourceBytes > 0 && targetBytes > 0
      ? Double(targetBytes) / Double(sourceBytes)
      : Double(target.text.utf8.count) / Double(max(source.text.utf8.count, 1))
    // The bead of each source sentence, to find a quote's beads without a scan of all beads.
    var beadOfSentence = [Int](repeating: -1, count: source.sentences.count)
    for (index, bead) in beads.enumerated() {
      for sentence in bead.source where sentence < beadOfSentence.count { beadOfSentence[sentence] = index }
    }
    var queries: [Query] = []
    for quote in sourceQuotes {
      // The beads holding the quote's sentences, and one bead on each side.
      var sentenceIndices: [Int] = []
      var k = Self.firstIndex(in: source.sentences) { $0.range.upperBound > quote.contentRange.lowerBound }
      while k < source.sentences.count && source.sentences[k].range.lowerBound < quote.contentRange.upperBound
      {
        if source.sentences[k].range.overlaps(quote.contentRange) { sentenceIndices.append(k) }
        k += 1
      }
      let beadIndices = Array(Set(sentenceIndices.map { beadOfSentence[$0] }.filter { $0 >= 0 })).sorted()
      var region = 0..<target.text.utf8.count
      var center: Int? = nil
      if !beadIndices.isEmpty && beadIndices.allSatisfy({ beads[$0].target.isEmpty }) {
        // The translation leaves the quote's sentences out: nothing renders it.
        region = 0..<0
      } else if let first = beadIndices.first, let last = beadIndices.last {
        let neighbourhood = beads[max(0, first - 1)...min(beads.count - 1, last + 1)]
        let targets = neighbourhood.flatMap(\.target)
        if let low = targets.min(), let high = targets.max() {
          region = target.sentences[low].range.lowerBound..<target.sentences[high].range.upperBound
          // Where the quote's middle falls in the target region, at the place it has in the
          // source sentences of the same beads.
          let sources = neighbourhood.flatMap(\.source)
          if let sourceLow = sources.min(), let sourceHigh = sources.max() {
            let from = source.sentences[sourceLow].range.lowerBound
            let span = max(1, source.sentences[sourceHigh].range.upperBound - from)
            let middle = (quote.contentRange.lowerBound + quote.contentRange.upperBound) / 2
            let fraction = min(1, max(0, Double(middle - from) / Double(span)))
            center = region.lowerBound + Int(fraction * Double(region.count))
          }
        }
      }
      let range = trimmedOfFinalPunctuation(quote.contentRange, in: source.text)
      queries.append(
        Query(
          span: QuoteMatch.Span(text: source.text.slice(utf8: range), range: range),
          words: Array(source.words(in: range)), text: source.text, textRange: range,
          extent: quote.range, region: region, center: center))
    }
    let matches = assign(queries, in: target, targetQuotes: targetQuotes, ratio: ratio)
    return QuoteAlignment(
      matches: matches, unmatchedTargetQuotes: unmatched(targetQuotes, matches, target.text))
  }

  /// Aligns a bare list of source quotes (a fact-checker's statements) with `target`.
  /// - Throws: `AlignmentError.text` (`TextError.icu`) if ICU fails while reading the texts.
  /// - Complexity: that of `align(sourceQuotes:sourceLanguage:target:)`.
  public func align(sourceQuotes: [String], target: String, targetLanguage: String) throws(AlignmentError)
    -> QuoteAlignment
  {
    let document: Document
    do {
      document = try Document(name: "target", text: target, language: targetLanguage)
    } catch {
      throw .text(error)
    }
    return try align(sourceQuotes: sourceQuotes, sourceLanguage: "en", target: document)
  }

  /// Aligns a bare list of source quotes in `sourceLanguage` with the whole of `target`.
  /// - Throws: `AlignmentError.text` (`TextError.icu`) if ICU fails while analysing the quotes.
  /// - Complexity: O(q · (s + w²)) for q quotes, s sentences of the target and w words in it.
  public func align(sourceQuotes: [String], sourceLanguage: String, target: Document) throws(AlignmentError)
    -> QuoteAlignment
  {
    let targetQuotes = extractQuotes(from: target.text, language: target.language).filter {
      !$0.contentRange.isEmpty
    }
    var queries: [Query] = []
    do {
      let analyser = try WordAnalyser(language: sourceLanguage)
      var offset = 0
      for quote in sourceQuotes {
        queries.append(
          Query(
            span: QuoteMatch.Span(text: quote, range: offset..<(offset + quote.utf8.count)),
            words: try analyser.words(in: quote), text: quote, textRange: 0..<quote.utf8.count,
            extent: offset..<(offset + quote.utf8.count), region: 0..<target.text.utf8.count))
        offset += quote.utf8.count + 1
      }
    } catch {
      throw .text(error)
    }
    let matches = assign(queries, in: target, targetQuotes: targetQuotes, ratio: 1.15)
    return QuoteAlignment(
      matches: matches, unmatchedTargetQuotes: unmatched(targetQuotes, matches, target.text))
  }

  /// A source quote to render: its span, its analysed words (ranges into `text`), and the part
  /// of the target where its rendering is looked for.
  struct Query {
    var span: QuoteMatch.Span
    var words: [AnalysedWord]
    /// The text the words are in, and the quote's range in it.
    var text: String
    var textRange: Range<Int>
    /// The quote with its marks, in the offsets of `span`: source quotes are disjoint or one
    /// encloses the other.
    var extent: Range<Int>
    var region: Range<Int>
    /// Where in the region the rendering is expected (the quote's place in its source sentences
    /// carried over); a region much longer than the quote is searched only around it.
    var center: Int? = nil
  }

  /// The index of the first element of `elements` that satisfies `isAfter`, a predicate false
  /// for a prefix of the elements and true for the rest (`elements.count` when none does).
  /// - Complexity: O(log n).
  static func firstIndex<T>(in elements: [T], where isAfter: (T) -> Bool) -> Int {
    var low = 0
    var high = elements.count
    while low < high {
      let mid = (low + high) / 2
      if isAfter(elements[mid]) { high = mid } else { low = mid + 1 }
    }
    return low
  }

  /// `range` without the punctuation that ends a quoted sentence (`… export them,"`).
  func trimmedOfFinalPunctuation(_ range: Range<Int>, in text: String) -> Range<Int> {
    let utf8 = Array(
      text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: range.lowerBound)...].prefix(range.count))
    var end = utf8.count
    while end > 0, [0x2C, 0x2E, 0x3B, 0x3A, 0x20, 0x21, 0x3F].contains(utf8[end - 1]) { end -= 1 }
    return end > 0 ? range.lowerBound..<(range.lowerBound + end) : range
  }

  /// The target quotes that no rendering overlaps.
  /// - Complexity: O((t + m) log m) for t target quotes and m renderings.
  func unmatched(_ targetQuotes: [Quote], _ matches: [QuoteMatch], _ target: String) -> [QuoteMatch.Span] {
    // Renderings by start, with the furthest end reached so far: some rendering overlaps
    // [a, b) exactly when one of those starting before b ends after a.
    let renderings = matches.compactMap { $0.target?.range }.filter { !$0.isEmpty }.sorted {
      $0.lowerBound < $1.lowerBound
    }
    var furthestEnd: [Int] = []
    for range in renderings { furthestEnd.append(max(furthestEnd.last ?? .min, range.upperBound)) }
    return targetQuotes.filter { quote in
      let range = quote.contentRange
      let before = Self.firstIndex(in: renderings) { $0.lowerBound >= range.upperBound }
      return range.isEmpty || before == 0 || furthestEnd[before - 1] <= range.lowerBound
    }.map { QuoteMatch.Span(text: target.slice(utf8: $0.contentRange), range: $0.contentRange) }
  }

  /// A candidate rendering with its score, and the best score of the query's candidates that do
  /// not overlap it (the rival a confidence is measured against).
  struct Candidate {
    var range: Range<Int>
    var score: Double
    var quoted: Bool
    var rival: Double = 0
  }

  /// A query's best candidates (at most `kept`, best first) and the best score of all.
  struct ScoredCandidates {
    static let kept = 50
    var best: [Candidate] = []
    var bestScore: Double { best.first?.score ?? 0 }
  }

  /// Renderings for every query, assigned greedily by decreasing score. A span taken by one
  /// quote is reserved: a later rendering may meet it only when their source quotes nest, and it
  /// must then nest the same way (strictly inside the span of the enclosing quote).
  /// - Complexity: O(c log c) for c candidates kept (at most 50 per query), plus the reserved
  ///   spans met by each candidate (found through buckets of 4 KiB of the target), plus
  ///   `scoredCandidates` for each query.
  func assign(_ queries: [Query], in target: Document, targetQuotes: [Quote], ratio: Double)
    -> [QuoteMatch]
  {
    let marks = Self.quotationMarkOffsets(in: target.text)
    // Each query's candidates on its own, on all cores (`parallelMap` throws only what its
    // transform throws, and this one throws nothing).
    let counter = ProgressCounter(total: queries.count, handler: progress)
    let score: @Sendable (Query) -> ScoredCandidates = { [self] query in
      defer { counter.advance() }
      return scoredCandidates(of: query, in: target, targetQuotes: targetQuotes, marks: marks, ratio: ratio)
    }
    let scored = (try? parallelMap(queries, score)) ?? queries.map(score)
    var chosen = [Candidate?](repeating: nil, count: queries.count)
    var taken: [(query: Int, range: Range<Int>)] = []
    let bucketSize = 4096
    var buckets: [Int: [Int]] = [:]
    func bucketRange(_ range: Range<Int>) -> ClosedRange<Int> {
      (range.lowerBound / bucketSize)...(max(range.lowerBound, range.upperBound - 1) / bucketSize)
    }
    /// Whether `range`, as the rendering of query `k`, meets a reserved span the wrong way.
    func conflicts(_ k: Int, _ range: Range<Int>) -> Bool {
      for bucket in bucketRange(range) {
        for index in buckets[bucket] ?? [] {
          let other = taken[index]
          guard other.range.overlaps(range) else { continue }
          let (extent, otherExtent) = (queries[k].extent, queries[other.query].extent)
          if Self.encloses(otherExtent, extent) {
            if !Self.encloses(other.range, range) { return true }
          } else if Self.encloses(extent, otherExtent) {
            if !Self.encloses(range, other.range) { return true }
          } else {
            return true
          }
        }
      }
      return false
    }
    var entries: [(query: Int, candidate: Candidate)] = []
    for (k, list) in scored.enumerated() {
      for candidate in list.best { entries.append((k, candidate)) }
    }
    entries.sort { $0.candidate.score > $1.candidate.score }
    for entry in entries where chosen[entry.query] == nil && entry.candidate.score >= minimumScore {
      if conflicts(entry.query, entry.candidate.range) { continue }
      chosen[entry.query] = entry.candidate
      taken.append((entry.query, entry.candidate.range))
      for bucket in bucketRange(entry.candidate.range) {
        buckets[bucket, default: []].append(taken.count - 1)
      }
    }
    return queries.indices.map { k in
      let best = scored[k].bestScore
      guard let candidate = chosen[k] else {
        // The evidence for "not rendered" is the threshold; against it, the best candidate.
        let confidence = best < minimumScore ? 1 - best / minimumScore : 0
        return QuoteMatch(
          source: queries[k].span, target: nil, score: best, confidence: confidence, targetIsQuoted: false)
      }
      // Against the rendering: a rendering elsewhere, or none.
      let rival = max(minimumScore, candidate.rival)
      let confidence = candidate.score > 0 ? max(0, 1 - rival / candidate.score) : 0
      return QuoteMatch(
        source: queries[k].span,
        target: QuoteMatch.Span(text: target.text.slice(utf8: candidate.range), range: candidate.range),
        score: candidate.score, confidence: confidence, targetIsQuoted: candidate.quoted)
    }
  }

  /// Whether `outer` strictly encloses `inner` (contains it and is not the same range).
  static func encloses(_ outer: Range<Int>, _ inner: Range<Int>) -> Bool {
    outer != inner && outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound
  }

  /// The UTF-8 offsets of the quotation marks of `text`, in order.
  static func quotationMarkOffsets(in text: String) -> [Int] {
    var marks: [Int] = []
    var offset = 0
    for scalar in text.unicodeScalars {
      if quotationMarks.contains(scalar) { marks.append(offset) }
      offset += scalar.utf8.count
    }
    return marks
  }

  /// The half-width, in bytes, of the part of a long region searched around a query's expected
  /// place: at least 1,500 bytes (about 250 words, more than the three beads of a region in
  /// ordinary prose) and three times the rendering's expected length.
  static func searchHalfWidth(expected: Double) -> Int { max(1_500, Int(3 * expected)) }

  /// The most candidate spans scored for a quote of `words` words: scoring one costs time in
  /// its words, so the product stays bounded (about 400,000 words per quote), and a quote of
  /// up to 20 words in ordinary prose keeps every span.
  static func maximumCandidates(quoteWords: Int) -> Int { max(256, 400_000 / max(1, quoteWords)) }

  /// The candidate renderings of `query` inside its region of `target`, best first.
  ///
  /// A region longer than twice `searchHalfWidth` (one very long sentence, a paragraph of
  /// quotes none of which is closed) is searched only within that half-width of the query's
  /// expected place. When the spans there would be more than `maximumCandidates`, starts and
  /// ends are taken every `s` words, with `s` the smallest stride that brings the count under
  /// it: only for quotes of dozens of words in long regions, whose boundaries are then found
  /// to within `s` words.
  /// - Complexity: O(log n + c · w) for c ≤ `maximumCandidates` spans of w words each, so
  ///   O(log n + 400,000 + 256 · w) per query, whatever the region's length.
  func scoredCandidates(
    of query: Query, in target: Document, targetQuotes: [Quote], marks: [Int], ratio: Double
  ) -> ScoredCandidates {
    let quote = query.span
    let expected = Double(quote.text.utf8.count) * ratio
    var region = query.region
    let halfWidth = Self.searchHalfWidth(expected: expected)
    if let center = query.center, region.count > 2 * halfWidth {
      let low = min(max(region.lowerBound, center - halfWidth), region.upperBound - 2 * halfWidth)
      region = low..<(low + 2 * halfWidth)
    }
    let text = target.text
    // Candidates: the target's quotes in the region, and spans of consecutive words.
    var candidates: [(range: Range<Int>, quoted: Bool)] = []
    var q = Self.firstIndex(in: targetQuotes) { $0.contentRange.lowerBound >= region.lowerBound }
    while q < targetQuotes.count && targetQuotes[q].contentRange.lowerBound < region.upperBound {
      if region.contains(targetQuotes[q].contentRange.lowerBound) {
        candidates.append((trimmedOfFinalPunctuation(targetQuotes[q].contentRange, in: text), true))
      }
      q += 1
    }
    let regionWords = target.words(in: region)
    let words = Self.wordRanges(regionWords, in: text)
    /// A span across a quotation mark holds part of a quote and words outside it: never a
    /// rendering (the quote itself is a candidate of its own).
    func crossesQuotationMark(_ range: Range<Int>) -> Bool {
      let next = Self.firstIndex(in: marks) { $0 >= range.lowerBound }
      return next < marks.count && marks[next] < range.upperBound
    }
    var stride = 1
    if !words.isEmpty {
      let averageWord = Double(words[words.count - 1].upperBound - words[0].lowerBound) / Double(words.count)
      let lengths = 1.5 * expected / max(averageWord, 1) + 1
      let estimate = Double(words.count) * lengths
      let limit = Double(Self.maximumCandidates(quoteWords: query.words.count))
      if estimate > limit { stride = Int((estimate / limit).squareRoot().rounded(.up)) }
    }
    // Word spans as (first, last) indices into `words`, after the target's quotes.
    var wordSpans: [(first: Int, last: Int)] = []
    for start in Swift.stride(from: 0, to: words.count, by: stride) {
      var end = start
      while end < words.count {
        let length = Double(words[end].upperBound - words[start].lowerBound)
        if length > 2 * expected { break }
        if length >= 0.5 * expected && !crossesQuotationMark(words[start].lowerBound..<words[end].upperBound)
        {
          candidates.append((words[start].lowerBound..<words[end].upperBound, false))
          wordSpans.append((start, end))
        }
        end += stride
      }
    }
    guard !candidates.isEmpty else { return ScoredCandidates() }
    var lexicon = self.lexicon
    lexicon.merge(looseCognates(query.words, regionWords))
    let quotedCount = candidates.count - wordSpans.count
    let units = spanUnits(
      query: query, target: target, quotedRanges: candidates.prefix(quotedCount).map(\.range), words: words,
      wordSpans: wordSpans, lexicon: lexicon)
    // A word span none of whose words can match the quote scores 0, and a score of 0 is never
    // chosen, nor a rival, nor better than none: it is left out before scoring.
    candidates =
      Array(candidates.prefix(quotedCount))
      + zip(candidates[quotedCount...], units.kept).filter(\.1).map(\.0)
    guard !candidates.isEmpty else { return ScoredCandidates() }
    // The second scorer is the same without the loose cognates: a span whose only link is one
    // loose cognate («faire» for "fake") has no evidence at all.
    let scorers = LexicalScorer.scorers(
      source: [units.query], target: units.candidates, tokens: units.tokens,
      lexicons: [lexicon, self.lexicon],
      filtersFrequentWords: false)
    let scorer = scorers[0]
    let strict = scorers[1]
    var result: [Candidate] = []
    for (k, candidate) in candidates.enumerated() {
      let lengthRatio = Double(candidate.range.count) / max(expected, 1)
      let lengthFactor = exp(-1.5 * abs(log(max(lengthRatio, 0.01))))
      let loneLooseCognate = strict.sharedWords(0, k) == 0 && scorer.sharedWords(0, k) <= 1
      var score = loneLooseCognate ? 0 : scorer.similarity(0, k) * lengthFactor
      // A quote of the target in the aligned region is a plausible rendering even when no word
      // links it to the source (a paraphrase): it gets a floor and a bonus.
      if candidate.quoted && lengthRatio > 0.33 && lengthRatio < 3 { score = min(1, max(score + 0.1, 0.15)) }
      result.append(Candidate(range: candidate.range, score: score, quoted: candidate.quoted))
    }
    result.sort { $0.score > $1.score }
    var kept = Array(result.prefix(ScoredCandidates.kept))
    for index in kept.indices {
      let range = kept[index].range
      kept[index].rival = result.first { !$0.range.overlaps(range) }?.score ?? 0
    }
    return ScoredCandidates(best: kept)
  }

  /// The alignment units of a query and of its candidates: the target's quotes made from their
  /// words, and each span of consecutive words put together from the units of its words, made
  /// once each. Tokens are runs of letters and digits of the words' keys, so a span's tokens are
  /// its words' tokens, except that a number goes on across a space, `,` or `.` (`1 000`): a
  /// span holding a word with a digit and the next word, when the two join so, is made from its
  /// words instead. Equal, token for token,
  /// to making every span from its words, in time O(w log w) per span of w tokens instead of
  /// the analysis of its text.
  func spanUnits(
    query: Query, target: Document, quotedRanges: [Range<Int>], words: [Range<Int>],
    wordSpans: [(first: Int, last: Int)], lexicon: BilingualLexicon
  ) -> (query: AlignmentUnit, candidates: [AlignmentUnit], tokens: Interner, kept: [Bool]) {
    let tokens = Interner()
    let cognates = Interner()
    let text = target.text
    func unit(_ range: Range<Int>) -> AlignmentUnit {
      makeUnit(
        words: target.words(in: range), text: text, sentence: text.slice(utf8: range), tokens: tokens,
        cognates: cognates)
    }
    let queryUnit = makeUnit(
      words: query.words, text: query.text, sentence: query.text.slice(utf8: query.textRange), tokens: tokens,
      cognates: cognates)
    var result = quotedRanges.map(unit)
    let pieces = words.map(unit)
    // Words k − 1 and k join when together they make other tokens than apart: a number goes on
    // across a space, `,` or `.`, into the next number (`1 000`) or even the next word (`1768 ,
    // le` gives `1768le`); a symbol between them gives a token or glues on (`prix € fixe`,
    // `Apple™ Watch`). Tested after a word with a digit and across any gap that is not ASCII
    // space or punctuation; joinsBefore[k]: how many such pairs end at or before word k.
    var joinsBefore = [Int](repeating: 0, count: words.count)
    for k in words.indices.dropFirst() {
      var joins = false
      if Self.holdsDigit(words[k - 1], in: text)
        || Self.gapMayHoldTokens(words[k - 1].upperBound..<words[k].lowerBound, in: text)
      {
        let whole = unit(words[k - 1].lowerBound..<words[k].upperBound)
        joins = whole.tokens != (pieces[k - 1].tokens + pieces[k].tokens).sorted()
      }
      joinsBefore[k] = joinsBefore[k - 1] + (joins ? 1 : 0)
    }
    // The words that can match the quote: a token of the quote or a translation of one in
    // `lexicon` (a superset of what the scorers' dictionaries pair), or a cognate of the quote.
    var matchable = Set(queryUnit.tokens)
    for token in queryUnit.tokens {
      for translation in lexicon.translations[tokens.strings[Int(token)]] ?? [] {
        if let id = tokens.existing(translation) { matchable.insert(id) }
      }
    }
    let queryCognates = Set(queryUnit.cognates)
    var matchingBefore = [Int](repeating: 0, count: words.count + 1)
    for (k, piece) in pieces.enumerated() {
      let matches =
        piece.tokens.contains { matchable.contains($0) }
        || piece.cognates.contains { queryCognates.contains($0) }
      matchingBefore[k + 1] = matchingBefore[k] + (matches ? 1 : 0)
    }
    var kept: [Bool] = []
    kept.reserveCapacity(wordSpans.count)
    // Spans come by start, then by growing end: each start's tokens are merged piece by piece.
    var runStart = -1
    var runEnd = -1
    var runTokens: [Int32] = []
    var runCognates: [Int32] = []
    for (first, last) in wordSpans {
      if joinsBefore[last] != joinsBefore[first] {
        result.append(unit(words[first].lowerBound..<words[last].upperBound))
        kept.append(true)
        continue
      }
      guard matchingBefore[last + 1] > matchingBefore[first] else {
        kept.append(false)
        continue
      }
      kept.append(true)
      if first != runStart || last < runEnd {
        runStart = first
        runEnd = first - 1
        runTokens = []
        runCognates = []
      }
      while runEnd < last {
        runEnd += 1
        runTokens = Self.merged(runTokens, pieces[runEnd].tokens)
        runCognates = Self.merged(runCognates, pieces[runEnd].cognates)
      }
      result.append(
        AlignmentUnit(length: 0, tokens: runTokens, cognates: runCognates, questions: 0, exclamations: 0))
    }
    return (queryUnit, result, tokens, kept)
  }

  /// Whether the text in `range` holds a digit of any script.
  static func holdsDigit(_ range: Range<Int>, in text: String) -> Bool {
    text.slice(utf8: range).unicodeScalars.contains {
      $0.isASCII ? (0x30...0x39).contains($0.value) : $0.properties.numericType != nil
    }
  }

  /// Whether the text between two words may give tokens of its own or glue onto a word: anything
  /// but ASCII spaces and punctuation (a symbol such as `€`, `™` or `°`, any non-ASCII
  /// character; the tokenizer takes non-ASCII bytes as letters).
  static func gapMayHoldTokens(_ range: Range<Int>, in text: String) -> Bool {
    guard !range.isEmpty else { return false }
    var copy = text
    return copy.withUTF8 { bytes in
      bytes[range].contains { byte in
        !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || (0x21...0x2F).contains(byte)
          || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte))
      }
    }
  }

  /// Two sorted lists merged into one sorted list.
  /// - Complexity: O(a + b).
  static func merged(_ a: [Int32], _ b: [Int32]) -> [Int32] {
    if a.isEmpty { return b }
    if b.isEmpty { return a }
    var result: [Int32] = []
    result.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if a[i] <= b[j] {
        result.append(a[i])
        i += 1
      } else {
        result.append(b[j])
        j += 1
      }
    }
    result += a[i...]
    result += b[j...]
    return result
  }

  /// Pairs of words of a quote and of its target region that look alike beyond the aligner's
  /// four-letter prefixes (rumor ↔ rumeur, arms ↔ armes, government ↔ gouvernement): on
  /// matching keys, words of four letters or more that share their first two letters and whose
  /// longest common subsequence covers at least 60 % of the longer word (Melamed's LCSR). A
  /// quote and one passage are small enough to compare every pair.
  func looseCognates(_ quote: some Collection<AnalysedWord>, _ region: some Collection<AnalysedWord>)
    -> BilingualLexicon
  {
    func words(_ list: some Collection<AnalysedWord>) -> Set<[UInt8]> {
      Set(list.flatMap { $0.key.utf8.split { !isWordByte($0) }.map(Array.init) }.filter { $0.count >= 4 })
    }
    var lexicon = BilingualLexicon()
    let targetWords = words(region)
    for word in words(quote) {
      for other in targetWords where word[0] == other[0] && word[1] == other[1] && word != other {
        let longer = max(word.count, other.count)
        if 10 * longestCommonSubsequenceLength(word, other) >= 6 * longer {
          lexicon.add(
            source: String(decoding: word, as: UTF8.self), target: String(decoding: other, as: UTF8.self))
        }
      }
    }
    return lexicon
  }

  static let quotationMarks: Set<Unicode.Scalar> = ["\"", "«", "»", "“", "”", "„", "‟", "‹", "›", "〈", "〉"]

  /// The byte ranges of the words a rendering may start or end at: analysed words that touch,
  /// joined by an elision, an apostrophe or a hyphen, count as one («d'armes», «porte-parole»).
  static func wordRanges(_ words: some Collection<AnalysedWord>, in text: String) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var current: Range<Int>?
    var pendingJoiner: Range<Int>?
    for word in words {
      let isJoiner = word.kind == .other && ["-", "'", "’", "‑"].contains(text.slice(utf8: word.range))
      if word.isWordLike {
        if let run = current, run.upperBound == (pendingJoiner?.lowerBound ?? word.range.lowerBound),
          (pendingJoiner?.upperBound ?? word.range.lowerBound) == word.range.lowerBound
        {
          current = run.lowerBound..<word.range.upperBound
        } else {
          if let run = current { result.append(run) }
          current = word.range
        }
        pendingJoiner = nil
      } else if isJoiner, pendingJoiner == nil, let run = current, run.upperBound == word.range.lowerBound {
        pendingJoiner = word.range
      } else {
        if let run = current { result.append(run) }
        current = nil
        pendingJoiner = nil
      }
    }
    if let run = current { result.append(run) }
    return result
  }
}

/// Length of the longest common subsequence of two sequences (for cognate tests: Melamed's
/// LCSR is this length over the longer one's).
@inlinable
/// - Complexity: O(a · b) time, O(b) memory, for sequences of a and b elements.
public func longestCommonSubsequenceLength<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
  var previous = [Int](repeating: 0, count: b.count + 1)
  var current = previous
  for x in a {
    for (k, y) in b.enumerated() {
      current[k + 1] = x == y ? previous[k] + 1 : max(previous[k + 1], current[k])
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

/// One entry of `entente quotes --format json`: a source quote and its rendering, or a target
/// quote that renders no source quote (`source` null). Offsets are UTF-8 bytes into each text;
/// `line` and `column` (1-based, the column in Unicode scalars, as in findings) are those of the
/// span's first character.
public struct QuoteRecord: Sendable, Hashable, Codable {
  /// A quote or rendering: its text, byte range and the place where it starts.
  public struct Span: Sendable, Hashable, Codable {
    public var text: String
    public var start: Int
    public var end: Int
    public var line: Int
    public var column: Int

    /// The record of `span`, whose range is an offset into the text `lines` indexes.
    /// - Complexity: that of `LineIndex.location(of:)`.
    public init(_ span: QuoteMatch.Span, lines: LineIndex) {
      text = span.text
      start = span.range.lowerBound
      end = span.range.upperBound
      (line, column) = lines.location(of: span.range.lowerBound)
    }
  }

  public var source: Span?
  public var target: Span?
  /// How well the target renders the source, in [0, 1] (three decimals).
  public var score: Double
  /// How sure the aligner is of the decision, rendered or not, in [0, 1] (three decimals; see
  /// `QuoteMatch.confidence`); nil for a target quote that renders no source quote, which is what
  /// the source quotes' decisions leave over rather than a decision of its own.
  public var confidence: Double?
  /// The rendering is itself a quote of the target.
  public var quoted: Bool

  enum CodingKeys: String, CodingKey { case source, target, score, confidence, quoted }

  /// Writes `source`, `target` and `confidence` as null when absent, so every entry has the five
  /// keys.
  /// - Throws: the encoder's `EncodingError` (not expected: every field is encodable).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(source, forKey: .source)
    try container.encode(target, forKey: .target)
    try container.encode(score, forKey: .score)
    try container.encode(confidence, forKey: .confidence)
    try container.encode(quoted, forKey: .quoted)
  }

  public init(source: Span?, target: Span?, score: Double, confidence: Double?, quoted: Bool) {
    self.source = source
    self.target = target
    self.score = score
    self.confidence = confidence
    self.quoted = quoted
  }
}

extension QuoteAlignment {
  /// The entries of the JSON output: the source quotes in order, then the target quotes that
  /// render none.
  /// - Parameters:
  ///   - source: The text the source ranges are offsets into: the source, or for a bare list of
  ///     quotes (`QuoteAligner.align(sourceQuotes:...)`) the quotes joined by line feeds.
  ///   - target: The target text.
  /// - Complexity: O(n) for the two texts' length n, plus O(line length) per entry.
  public func records(source: String, target: String) -> [QuoteRecord] {
    let sourceLines = LineIndex(source)
    let targetLines = LineIndex(target)
    func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
    return matches.map {
      QuoteRecord(
        source: QuoteRecord.Span($0.source, lines: sourceLines),
        target: $0.target.map { QuoteRecord.Span($0, lines: targetLines) }, score: rounded($0.score),
        confidence: rounded($0.confidence), quoted: $0.targetIsQuoted)
    }
      + unmatchedTargetQuotes.map {
        QuoteRecord(
          source: nil, target: QuoteRecord.Span($0, lines: targetLines), score: 0, confidence: nil,
          quoted: true)
      }
  }
}
