// Pairing the glossary builder's candidates: association over the segments, bonuses for identical,
// cognate and translated words, acronyms paired through their expansions; one pair per source.
import EntenteAlign
import EntenteText

extension GlossaryBuilder {
  /// How many content words of `source` and of `target` (matching keys) have a counterpart on the
  /// other side: the same word, a cognate, a word translation the aligner learnt, or a
  /// dictionary translation.
  func translatedWords(_ source: String, _ target: String) -> (translated: Int, words: Int) {
    translatedWords(
      contentWords(source, language: sourceLanguage), contentWords(target, language: targetLanguage))
  }

  /// How many of the content words `x` (source) and `y` (target) have a counterpart on the other
  /// side, as `translatedWords(_:_:)` counts them.
  /// - Complexity: O(|x| · |y|) word comparisons.
  func translatedWords(_ x: [String], _ y: [String]) -> (translated: Int, words: Int) {
    // Between two single words, the learnt translations and associations are the pair's own
    // co-occurrence again; only the dictionary is new evidence.
    let usesAssociation = x.count + y.count > 2
    func associated(_ a: String, _ b: String) -> Bool {
      let together = evidence.wordPairCounts[a + "\t" + b, default: 0]
      return together >= 2
        && 3 * together >= evidence.sourceWordCounts[a, default: 0] + evidence.targetWordCounts[b, default: 0]
    }
    func translates(_ a: String, _ b: String) -> Bool {
      a == b || Self.wordCognate(a, b) || alignmentOptions.lexicon.translations[a]?.contains(b) == true
        || (usesAssociation && (evidence.translations[a]?.contains(b) == true || associated(a, b)))
    }
    // One counterpart per word: the same word or a cognate first, then translations.
    var unused = y
    var waiting = x
    for pass in 0..<2 {
      waiting = waiting.filter { a in
        let found = unused.firstIndex { pass == 0 ? a == $0 || Self.wordCognate(a, $0) : translates(a, $0) }
        if let found { unused.remove(at: found) }
        return found == nil
      }
    }
    let matched = x.count - waiting.count
    return (2 * matched, x.count + y.count)
  }

  /// The pairs counted so far, best first: for each source candidate, its best target.
  /// - Complexity: O(p · log p) for p candidate pairs counted (each source's targets sorted),
  ///   plus O(d²) for d acronym definitions per side, d at most `maximumComparedDefinitions`.
  public func pairs() -> [TermPair] {
    var pairs: [TermPair] = []
    func sentenceInitialOnly(_ candidate: String, _ inside: Set<String>) -> Bool {
      candidate.hasPrefix("name:") && !candidate.contains(" ") && !inside.contains(candidate)
    }
    let nestedSource = Self.nested(evidence.sourceCounts, surfaces: evidence.sourceSurfaces)
    let nestedTarget = Self.nested(evidence.targetCounts, surfaces: evidence.targetSurfaces)
    for (a, targets) in evidence.pairCounts
    where !sentenceInitialOnly(a, evidence.sourceNamesInside) && !nestedSource.contains(a) {
      var best: TermPair?
      var bestKey = ""
      // Targets in order of the best score they could reach (every bonus is at most 0.6), so the
      // word comparisons stop once no target can beat the best.
      let ranked = targets.compactMap { b, count -> (b: String, count: Int, dice: Double, bound: Double)? in
        guard count >= minimumCount, !sentenceInitialOnly(b, evidence.targetNamesInside),
          !nestedTarget.contains(b),
          // An acronym is rendered by an acronym, a name or its expansion, not a lowercase phrase.
          !(a.hasPrefix("acronym:") && b.hasPrefix("term:"))
            && !(a.hasPrefix("term:") && b.hasPrefix("acronym:"))
        else { return nil }
        let dice =
          2 * Double(count)
          / Double(evidence.sourceCounts[a, default: 0] + evidence.targetCounts[b, default: 0])
        return (b, count, dice, (dice + 0.6) * (1 - 1 / Double(count + 1)))
      }.sorted { ($0.bound, $1.b) > ($1.bound, $0.b) }
      for (b, count, dice, bound) in ranked {
        if let best, bound < best.score { break }
        var reasons = ["co-occurrence \(count)"]
        var score = dice
        let (sourceKind, sourceKey) = Self.split(a)
        let (targetKind, targetKey) = Self.split(b)
        if sourceKey == targetKey && sourceKind == "term" {
          // Lowercase words left as they are in the translation are a quotation in a third
          // language (che sciagura), not a term.
          continue
        } else if sourceKey == targetKey {
          score += 0.5
          reasons.append("identical")
        } else if Self.cognate(sourceKey, targetKey) {
          score += 0.25
          reasons.append("cognate")
        } else if sourceKind == "acronym" && targetKind == "acronym" && Self.reordered(sourceKey, targetKey) {
          // A translated acronym often has the same letters in another order, the words of its
          // expansion reordered (NATO ↔ OTAN), one perhaps changed (DPRK ↔ RPDC: Korea, Corée).
          score += 0.25
          reasons.append("acronym letters reordered")
        } else if sourceKind != "acronym" && targetKind != "acronym" {
          // Words that translate each other (learnt by the aligner, or from the dictionary).
          // The share of words with a counterpart: a bonus when most do (none is no evidence:
          // frequent words are not learnt, and the dictionary may be missing).
          let words = translatedWords(sourceKey, targetKey)
          if words.translated > 0 {
            score += 0.4 * Double(words.translated) / Double(words.words) - 0.1
            reasons.append("translated words \(words.translated)/\(words.words)")
          }
        }
        // Same kind (acronym with acronym, name with name) is more likely.
        if sourceKind == targetKind && sourceKind != "term" { score += 0.1 }
        // Evidence grows with repetition.
        score *= 1 - 1 / Double(count + 1)
        if best == nil || score > best!.score || (score == best!.score && b < bestKey) {
          bestKey = b
          best = pair(
            a, b, score: score, count: count, reasons: reasons, example: evidence.examples[a + "\t" + b])
        }
      }
      if let best { pairs.append(best) }
    }
    // Acronyms whose expansions translate each other pair even when they never share a sentence
    // pair (UN ↔ ONU: United Nations ↔ Organisation des Nations unies). Only the best target of
    // each source acronym is kept (one pair per source is returned).
    let sourceDefinitions = definitions(
      evidence.sourceExpansions, counts: evidence.sourceCounts, language: sourceLanguage)
    let targetDefinitions = definitions(
      evidence.targetExpansions, counts: evidence.targetCounts, language: targetLanguage)
    for source in sourceDefinitions {
      var best: TermPair?
      for target in targetDefinitions {
        let words = translatedWords(source.words, target.words)
        guard words.words > 0, 10 * words.translated >= 4 * words.words else { continue }
        let seen = min(source.count, target.count)
        guard seen >= minimumCount else { continue }
        let score = (1 + 0.5 * Double(words.translated) / Double(words.words)) * (1 - 1 / Double(seen + 1))
        // Better as `bestPerSource` ranks: a higher score, then a higher count, then the first target.
        if let best,
          !((score, seen) > (best.score, best.count)
            || ((score, seen) == (best.score, best.count) && target.acronym < best.target))
        {
          continue
        }
        best = TermPair(
          source: source.acronym, target: target.acronym, score: score, count: seen,
          reasons: [
            "expansions \(source.expansion) ↔ \(target.expansion) translate (\(words.translated)/\(words.words) words)"
          ], exampleSource: source.expansion + " (\(source.acronym))",
          exampleTarget: target.expansion + " (\(target.acronym))")
      }
      if let best { pairs.append(best) }
    }
    // The expansions of a paired acronym pair with each other.
    for pair in Self.bestPerSource(pairs) {
      guard let s = evidence.sourceExpansions[pair.source], let t = evidence.targetExpansions[pair.target],
        Self.isAcronym(pair.source), Self.isAcronym(pair.target)
      else { continue }
      var expansions = pair
      expansions.source = s
      expansions.target = t
      expansions.reasons = ["expansions of \(pair.source) ↔ \(pair.target)"]
      pairs.append(expansions)
    }
    return Self.bestPerSource(pairs)
  }

  /// At most this many acronym definitions per side are compared with those of the other side
  /// (the acronyms seen most often), so that many definitions cost O(d), not d².
  static let maximumComparedDefinitions = 500

  /// An acronym defined in the texts, with its expansion.
  struct Definition {
    var acronym: String
    var expansion: String
    /// The content words of the expansion's matching key.
    var words: [String]
    /// How many segments hold the acronym (1 when it was not counted as a candidate).
    var count: Int
  }

  /// The acronym definitions of one side to compare: the `maximumComparedDefinitions` acronyms
  /// seen most often, then in alphabetical order.
  /// - Complexity: O(d log d) for d definitions.
  private func definitions(
    _ expansions: [String: String], counts: [String: Int], language: String
  ) -> [Definition] {
    var result: [Definition] = []
    for (acronym, expansion) in expansions {
      let acronymKey = (try? MatchingKeyCache.key(acronym)) ?? acronym
      result.append(
        Definition(
          acronym: acronym, expansion: expansion,
          words: contentWords((try? MatchingKeyCache.key(expansion)) ?? expansion, language: language),
          count: counts["acronym:" + acronymKey, default: 1]))
    }
    result.sort { ($0.count, $1.acronym) > ($1.count, $0.acronym) }
    return Array(result.prefix(Self.maximumComparedDefinitions))
  }

  /// One pair per source candidate, the best; best first.
  static func bestPerSource(_ pairs: [TermPair]) -> [TermPair] {
    var seen = Set<String>()
    return pairs.sorted {
      ($0.score, $0.count, $1.source, $1.target) > ($1.score, $1.count, $0.source, $0.target)
    }.filter {
      seen.insert($0.source).inserted
    }
  }

  private func pair(
    _ a: String, _ b: String, score: Double, count: Int, reasons: [String], example: AlignedSegment?
  ) -> TermPair {
    TermPair(
      source: evidence.sourceSurfaces[a] ?? a, target: evidence.targetSurfaces[b] ?? b, score: score,
      count: count,
      reasons: reasons, exampleSource: example?.source ?? "", exampleTarget: example?.target ?? "",
      exampleSourceLocation: example?.sourceLocation, exampleTargetLocation: example?.targetLocation)
  }

  /// "kind:key" → (kind, key).
  static func split(_ candidate: String) -> (String, String) {
    let parts = candidate.split(separator: ":", maxSplits: 1)
    return (String(parts[0]), String(parts[1]))
  }
}
