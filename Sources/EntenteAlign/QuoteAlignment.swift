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
  /// How well the target renders the source, in [0, 1].
  public var score: Double
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
/// `minimumScore` the quote counts as not rendered. A span that renders one quote renders no
/// other: renderings are assigned greedily, best score first. Without a source text
/// (`align(sourceQuotes:target:)`), the whole target is searched.
public struct QuoteAligner: Sendable {
  /// A dictionary (FreeDict or hunalign); cognates and numbers work without it.
  public var lexicon = BilingualLexicon()
  /// The score under which a quote counts as not rendered.
  public var minimumScore = 0.12

  public init() {}

  /// Aligns the quotes of `source` with `target`.
  public func align(
    source: String, target: String, sourceLanguage: String, targetLanguage: String
  ) throws -> QuoteAlignment {
    let sourceSentences = try SentenceSegmenter(language: sourceLanguage).sentences(in: source)
    let targetSentences = try SentenceSegmenter(language: targetLanguage).sentences(in: target)
    var options = AlignmentOptions()
    options.lexicon = lexicon
    let beads = try SentenceAligner(options: options).align(
      source: sourceSentences.map { source.slice(utf8: $0.range) },
      target: targetSentences.map { target.slice(utf8: $0.range) },
      sourceParagraphs: sourceSentences.map(\.paragraph), targetParagraphs: targetSentences.map(\.paragraph))
    let sourceQuotes = extractQuotes(from: source, language: sourceLanguage).filter {
      !$0.contentRange.isEmpty
    }
    let targetQuotes = extractQuotes(from: target, language: targetLanguage).filter {
      !$0.contentRange.isEmpty
    }
    let ratio = Double(target.utf8.count) / Double(max(source.utf8.count, 1))
    var queries: [(span: QuoteMatch.Span, region: Range<Int>)] = []
    for quote in sourceQuotes {
      // The beads holding the quote's sentences, and one bead on each side.
      let sentenceIndices = sourceSentences.indices.filter {
        sourceSentences[$0].range.overlaps(quote.contentRange)
      }
      let beadIndices = beads.indices.filter { !Set(beads[$0].source).isDisjoint(with: sentenceIndices) }
      var region = 0..<target.utf8.count
      if let first = beadIndices.first, let last = beadIndices.last {
        let targets = beads[max(0, first - 1)...min(beads.count - 1, last + 1)].flatMap(\.target)
        if let low = targets.min(), let high = targets.max() {
          region = targetSentences[low].range.lowerBound..<targetSentences[high].range.upperBound
        }
      }
      let range = trimmedOfFinalPunctuation(quote.contentRange, in: source)
      queries.append((QuoteMatch.Span(text: source.slice(utf8: range), range: range), region))
    }
    let matches = try assign(queries, in: target, targetQuotes: targetQuotes, ratio: ratio)
    return QuoteAlignment(matches: matches, unmatchedTargetQuotes: unmatched(targetQuotes, matches, target))
  }

  /// Aligns a bare list of source quotes (a fact-checker's statements) with `target`.
  public func align(sourceQuotes: [String], target: String, targetLanguage: String) throws -> QuoteAlignment {
    let targetQuotes = extractQuotes(from: target, language: targetLanguage).filter {
      !$0.contentRange.isEmpty
    }
    var queries: [(span: QuoteMatch.Span, region: Range<Int>)] = []
    var offset = 0
    for quote in sourceQuotes {
      queries.append(
        (QuoteMatch.Span(text: quote, range: offset..<(offset + quote.utf8.count)), 0..<target.utf8.count))
      offset += quote.utf8.count + 1
    }
    let matches = try assign(queries, in: target, targetQuotes: targetQuotes, ratio: 1.15)
    return QuoteAlignment(matches: matches, unmatchedTargetQuotes: unmatched(targetQuotes, matches, target))
  }

  /// `range` without the punctuation that ends a quoted sentence (`… export them,"`).
  func trimmedOfFinalPunctuation(_ range: Range<Int>, in text: String) -> Range<Int> {
    let utf8 = Array(
      text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: range.lowerBound)...].prefix(range.count))
    var end = utf8.count
    while end > 0, [0x2C, 0x2E, 0x3B, 0x3A, 0x20, 0x21, 0x3F].contains(utf8[end - 1]) { end -= 1 }
    return end > 0 ? range.lowerBound..<(range.lowerBound + end) : range
  }

  func unmatched(_ targetQuotes: [Quote], _ matches: [QuoteMatch], _ target: String) -> [QuoteMatch.Span] {
    targetQuotes.filter { quote in
      !matches.contains { $0.target.map { $0.range.overlaps(quote.contentRange) } ?? false }
    }.map { QuoteMatch.Span(text: target.slice(utf8: $0.contentRange), range: $0.contentRange) }
  }

  /// A candidate rendering with its score.
  struct Candidate {
    var range: Range<Int>
    var text: String
    var score: Double
    var quoted: Bool
  }

  /// Renderings for every query, assigned greedily by decreasing score: a span that renders one
  /// quote renders no other.
  func assign(
    _ queries: [(span: QuoteMatch.Span, region: Range<Int>)], in target: String, targetQuotes: [Quote],
    ratio: Double
  ) throws -> [QuoteMatch] {
    let scored = try queries.map {
      try scoredCandidates(
        of: $0.span, in: target, region: $0.region, targetQuotes: targetQuotes, ratio: ratio)
    }
    var chosen = [Candidate?](repeating: nil, count: queries.count)
    var best = [Double](repeating: 0, count: queries.count)
    for (k, list) in scored.enumerated() { best[k] = list.first?.score ?? 0 }
    var taken: [Range<Int>] = []
    var entries: [(query: Int, candidate: Candidate)] = []
    for (k, list) in scored.enumerated() {
      for candidate in list.prefix(50) { entries.append((k, candidate)) }
    }
    entries.sort { $0.candidate.score > $1.candidate.score }
    for entry in entries where chosen[entry.query] == nil && entry.candidate.score >= minimumScore {
      if taken.contains(where: { $0.overlaps(entry.candidate.range) }) { continue }
      chosen[entry.query] = entry.candidate
      taken.append(entry.candidate.range)
    }
    return queries.indices.map { k in
      guard let candidate = chosen[k] else {
        return QuoteMatch(source: queries[k].span, target: nil, score: best[k], targetIsQuoted: false)
      }
      return QuoteMatch(
        source: queries[k].span, target: QuoteMatch.Span(text: candidate.text, range: candidate.range),
        score: candidate.score, targetIsQuoted: candidate.quoted)
    }
  }

  /// The candidate renderings of `quote` inside `region` of `target`, best first.
  func scoredCandidates(
    of quote: QuoteMatch.Span, in target: String, region: Range<Int>, targetQuotes: [Quote], ratio: Double
  ) throws -> [Candidate] {
    // Candidates: the target's quotes in the region, and windows of consecutive words.
    var candidates: [(range: Range<Int>, quoted: Bool)] = targetQuotes.filter {
      region.contains($0.contentRange.lowerBound)
    }.map { (trimmedOfFinalPunctuation($0.contentRange, in: target), true) }
    let words = wordRanges(in: target, region: region)
    // Offsets of the quotation marks in the region, to keep word spans from crossing them.
    var marks: [Int] = []
    var offset = region.lowerBound
    for scalar in target.slice(utf8: region).unicodeScalars {
      if Self.quotationMarks.contains(scalar) { marks.append(offset) }
      offset += String(scalar).utf8.count
    }
    func crossesQuotationMark(_ range: Range<Int>) -> Bool {
      marks.contains { range.contains($0) }
    }
    let expected = Double(quote.text.utf8.count) * ratio
    for start in words.indices {
      for end in start..<words.count {
        let length = Double(words[end].upperBound - words[start].lowerBound)
        if length > 2 * expected { break }
        // A span across a quotation mark holds part of a quote and words outside it: never a
        // rendering (the quote itself is a candidate of its own).
        if length >= 0.5 * expected && !crossesQuotationMark(words[start].lowerBound..<words[end].upperBound)
        {
          candidates.append((words[start].lowerBound..<words[end].upperBound, false))
        }
      }
    }
    guard !candidates.isEmpty else { return [] }
    let texts = candidates.map { target.slice(utf8: $0.range) }
    var lexicon = self.lexicon
    lexicon.merge(try looseCognates(quote.text, target.slice(utf8: region)))
    let scorer = try LexicalScorer(
      source: [quote.text], target: texts, lexicon: lexicon, filtersFrequentWords: false)
    var result: [Candidate] = []
    for (k, candidate) in candidates.enumerated() {
      let lengthRatio = Double(candidate.range.count) / max(expected, 1)
      let lengthFactor = exp(-1.5 * abs(log(max(lengthRatio, 0.01))))
      var score = scorer.similarity(0, k) * lengthFactor
      // A quote of the target in the aligned region is a plausible rendering even when no word
      // links it to the source (a paraphrase): it gets a floor and a bonus.
      if candidate.quoted && lengthRatio > 0.33 && lengthRatio < 3 { score = min(1, max(score + 0.1, 0.15)) }
      result.append(Candidate(range: candidate.range, text: texts[k], score: score, quoted: candidate.quoted))
    }
    return result.sorted { $0.score > $1.score }
  }

  /// Byte ranges of the words of `region` (runs of letters, digits, apostrophes and hyphens).
  /// Pairs of words of a quote and of its target region that look alike beyond the aligner's
  /// four-letter prefixes (rumor ↔ rumeur, arms ↔ armes, government ↔ gouvernement): on
  /// matching keys, words of four letters or more that share their first two letters and whose
  /// longest common subsequence covers at least 60 % of the longer word (Melamed's LCSR). A
  /// quote and one passage are small enough to compare every pair.
  func looseCognates(_ quote: String, _ region: String) throws -> BilingualLexicon {
    func words(_ text: String) throws -> Set<[UInt8]> {
      Set(
        try MatchingKey(text).key.utf8.split { !isWordByte($0) }.map(Array.init).filter { $0.count >= 4 })
    }
    var lexicon = BilingualLexicon()
    let targetWords = try words(region)
    for word in try words(quote) {
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

  func wordRanges(in text: String, region: Range<Int>) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start: Int?
    var offset = 0
    for scalar in text.unicodeScalars {
      let width = String(scalar).utf8.count
      defer { offset += width }
      guard offset >= region.lowerBound else { continue }
      if offset >= region.upperBound { break }
      let inWord =
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "'"
        || scalar == "’" || scalar == "-"
      if inWord {
        if start == nil { start = offset }
      } else if let s = start {
        result.append(s..<offset)
        start = nil
      }
    }
    if let s = start { result.append(s..<min(offset, region.upperBound)) }
    return result
  }
}

/// Length of the longest common subsequence of two sequences (for cognate tests: Melamed's
/// LCSR is this length over the longer one's).
@inlinable
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
