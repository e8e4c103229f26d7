// Proposing term pairs from a text and its translation: candidates on both sides (acronyms,
// names, multi-word terms), paired by association over aligned sentences.
import EntenteAlign
import EntenteText
import Foundation

/// A proposed term pair, with the evidence for it.
public struct TermPair: Sendable, Hashable, Codable {
  public var source: String
  public var target: String
  public var score: Double
  /// Aligned sentence pairs holding both.
  public var count: Int
  /// Why it was proposed: "co-occurrence", "identical", "cognate", "acronym".
  public var reasons: [String]
  /// One aligned sentence pair holding both (source and target text).
  public var exampleSource: String
  public var exampleTarget: String
}

/// Extracts candidate terms and pairs them across an aligned text pair.
///
/// Candidates (per sentence, on ICU word tokens with French elision cut off):
/// - acronyms: words of 2 to 6 capital letters (KCNA, RPDC, ONU);
/// - names: runs of capitalised words, with `de`, `du`, `des` inside in French (Corée du Nord),
///   leaving out a lone capitalised function word at the start of a sentence;
/// - multi-word terms: runs of two or three lowercase content words, in French also joined by
///   `de`/`d'` (obus d'artillerie); no numbers, no stopword at either edge.
/// Pairing: Dice association over the aligned sentence pairs, plus a bonus for identical or
/// cognate strings (the same first four letters for each word, or a longest common subsequence
/// covering 70 % of the longer string) and for acronyms with the same letters reordered.
public struct GlossaryBuilder {
  public var sourceLanguage: String
  public var targetLanguage: String
  public var alignmentOptions = AlignmentOptions()
  /// Pairs seen in fewer aligned sentence pairs are left out.
  public var minimumCount = 1

  public init(sourceLanguage: String, targetLanguage: String) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
  }

  static let stopwords: [String: Set<String>] = [
    "en": [
      "the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "at", "from", "as", "is",
      "was",
      "are", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he",
      "she",
      "they", "we", "you", "i", "his", "her", "their", "our", "not", "no", "but", "if", "than", "then", "so",
      "said", "says", "will", "would", "could", "should", "can", "may", "also", "more", "most", "about",
      "into",
      "over", "after", "before", "which", "who", "what", "when", "where", "there", "all", "any", "some",
      "such",
      "only", "other", "new", "do", "did", "does", "him", "them", "my", "me", "up", "out", "one", "two",
      "never", "ever", "not", "very", "just", "yet", "still", "while", "because", "since", "without",
      "against",
      "under", "between", "through", "during", "our", "your", "us", "how", "why", "whether", "being",
      "having",
    ],
    "fr": [
      "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "et", "ou", "a", "à", "au", "aux", "en",
      "dans",
      "par", "pour", "sur", "avec", "sans", "sous", "que", "qu", "qui", "ne", "n", "pas", "plus", "se", "s",
      "sa",
      "son", "ses", "leur", "leurs", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "on", "nous",
      "vous", "je", "j", "est", "sont", "était", "été", "être", "a", "ont", "avait", "avoir", "mais", "donc",
      "car",
      "si", "y", "dont", "où", "comme", "aussi", "très", "tout", "tous", "toute", "toutes", "autre", "autres",
      "lui", "eux", "même", "selon", "entre", "après", "avant", "depuis", "vers", "chez", "dit", "déjà",
      "avons", "avez", "ai", "as", "suis", "es", "sommes", "êtes", "fait", "faire", "peut", "peuvent", "doit",
      "jamais", "rien", "encore", "ainsi", "alors", "lors", "contre", "notre", "nos", "votre", "vos", "mon",
      "ma",
      "mes", "ton", "ta", "tes", "quand", "comment", "pourquoi", "quel", "quelle", "quels", "quelles", "non",
    ],
  ]

  struct Candidate: Hashable {
    var key: String
    var surface: String
    var kind: String
  }

  /// The candidates of one sentence.
  func candidates(in sentence: String, language: String, tokenizer: TermTokenizer) throws -> [Candidate] {
    let tokens = try tokenizer.tokens(in: sentence)
    let stop = Self.stopwords[String(language.prefix(2))] ?? []
    let french = language.hasPrefix("fr")
    var result: [Candidate] = []
    func isWord(_ t: TermToken) -> Bool {
      t.key.first?.isLetter == true && t.key.last?.isLetter == true
        && t.key.allSatisfy { $0.isLetter || $0 == "-" }
    }
    func capitalised(_ t: TermToken) -> Bool { t.original.first?.isUppercase == true && isWord(t) }
    func surface(_ range: Range<Int>) -> String {
      sentence.slice(
        utf8: tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound)
    }
    var k = 0
    while k < tokens.count {
      let token = tokens[k]
      // Acronyms.
      let letters = token.original.filter(\.isLetter)
      if (2...6).contains(letters.count), letters.allSatisfy(\.isUppercase),
        token.original.count == letters.count
      {
        result.append(Candidate(key: token.key, surface: token.original, kind: "acronym"))
        k += 1
        continue
      }
      // Names: capitalised runs (French: with de/du/des inside).
      if capitalised(token) && !(k == 0 && stop.contains(token.key)) {
        var end = k + 1
        while end < tokens.count {
          if capitalised(tokens[end]) && !tokens[end].original.allSatisfy(\.isUppercase) {
            end += 1
          } else if french, ["de", "du", "des"].contains(tokens[end].key), end + 1 < tokens.count,
            capitalised(tokens[end + 1])
          {
            end += 2
          } else {
            break
          }
        }
        // A lone capitalised word that is a function word (We, Nous, Le) is no name.
        if !(end == k + 1 && (k == 0 || stop.contains(token.key))) {
          result.append(
            Candidate(
              key: tokens[k..<end].map(\.key).joined(separator: " "), surface: surface(k..<end), kind: "name")
          )
        }
        k = end
        continue
      }
      // Multi-word terms: lowercase content words, French joined by de/d'.
      if isWord(token) && !stop.contains(token.key) && !capitalised(token) {
        var end = k + 1
        var words = 1
        while end < tokens.count && words < 3 {
          let next = tokens[end]
          if isWord(next) && !stop.contains(next.key) && !capitalised(next) {
            end += 1
            words += 1
          } else if french, next.key == "de" || next.key == "d", end + 1 < tokens.count,
            isWord(tokens[end + 1]), !stop.contains(tokens[end + 1].key), !capitalised(tokens[end + 1])
          {
            end += 2
            words += 1
          } else {
            break
          }
        }
        if words >= 2 {
          // Every sub-run of two or more words is a candidate (the association decides).
          for start in k..<end {
            for stop_ in stride(from: start + 2, through: end, by: 1)
            where isWord(tokens[stop_ - 1]) && !stop.contains(tokens[stop_ - 1].key)
              && !stop.contains(tokens[start].key)
            {
              let span = tokens[start..<stop_]
              guard span.filter({ !stop.contains($0.key) }).count >= 2 else { continue }
              result.append(
                Candidate(
                  key: span.map(\.key).joined(separator: " "), surface: surface(start..<stop_), kind: "term"))
            }
          }
        }
        k = end
        continue
      }
      k += 1
    }
    return result
  }

  /// Term pairs for `source` and its translation `target`, best first.
  public func build(source: String, target: String) throws -> [TermPair] {
    let sourceSentences = try SentenceSegmenter(language: sourceLanguage).sentences(in: source)
    let targetSentences = try SentenceSegmenter(language: targetLanguage).sentences(in: target)
    let sourceTexts = sourceSentences.map { source.slice(utf8: $0.range) }
    let targetTexts = targetSentences.map { target.slice(utf8: $0.range) }
    let beads = try SentenceAligner(options: alignmentOptions).align(
      source: sourceTexts, target: targetTexts, sourceParagraphs: sourceSentences.map(\.paragraph),
      targetParagraphs: targetSentences.map(\.paragraph))
    let sourceTokenizer = try TermTokenizer(language: sourceLanguage)
    let targetTokenizer = try TermTokenizer(language: targetLanguage)
    var sourceCounts: [String: Int] = [:]
    var targetCounts: [String: Int] = [:]
    var pairCounts: [String: [String: Int]] = [:]
    var sourceSurfaces: [String: String] = [:]
    var targetSurfaces: [String: String] = [:]
    var examples: [String: (String, String)] = [:]
    for bead in beads where !bead.source.isEmpty && !bead.target.isEmpty {
      let s = bead.source.map { sourceTexts[$0] }.joined(separator: " ")
      let t = bead.target.map { targetTexts[$0] }.joined(separator: " ")
      let sourceCandidates = try candidates(in: s, language: sourceLanguage, tokenizer: sourceTokenizer)
      let targetCandidates = try candidates(in: t, language: targetLanguage, tokenizer: targetTokenizer)
      for c in sourceCandidates where sourceSurfaces["\(c.kind):\(c.key)"] == nil {
        sourceSurfaces["\(c.kind):\(c.key)"] = c.surface
      }
      for c in targetCandidates where targetSurfaces["\(c.kind):\(c.key)"] == nil {
        targetSurfaces["\(c.kind):\(c.key)"] = c.surface
      }
      let sourceKeys = Set(sourceCandidates.map { "\($0.kind):\($0.key)" })
      let targetKeys = Set(targetCandidates.map { "\($0.kind):\($0.key)" })
      for key in sourceKeys { sourceCounts[key, default: 0] += 1 }
      for key in targetKeys { targetCounts[key, default: 0] += 1 }
      for a in sourceKeys {
        for b in targetKeys {
          pairCounts[a, default: [:]][b, default: 0] += 1
          if examples[a + "\t" + b] == nil { examples[a + "\t" + b] = (s, t) }
        }
      }
    }
    var pairs: [TermPair] = []
    for (a, targets) in pairCounts {
      var best: TermPair?
      for (b, count) in targets where count >= minimumCount {
        let dice = 2 * Double(count) / Double(sourceCounts[a, default: 0] + targetCounts[b, default: 0])
        let sourceSurface = sourceSurfaces[a] ?? a
        let targetSurface = targetSurfaces[b] ?? b
        var reasons = ["co-occurrence \(count)"]
        var score = dice
        let sourceKey = String(a.split(separator: ":", maxSplits: 1)[1])
        let targetKey = String(b.split(separator: ":", maxSplits: 1)[1])
        if sourceKey == targetKey {
          score += 0.5
          reasons.append("identical")
        } else if Self.cognate(sourceKey, targetKey) {
          score += 0.25
          reasons.append("cognate")
        } else if a.hasPrefix("acronym:") && b.hasPrefix("acronym:")
          && sourceKey.sorted() == targetKey.sorted()
        {
          // A translated acronym often has the same letters in another order, the words of its
          // expansion reordered (DPRK ↔ RPDC, NATO ↔ OTAN).
          score += 0.25
          reasons.append("acronym letters reordered")
        }
        // Same kind (acronym with acronym, name with name) is more likely.
        if a.split(separator: ":")[0] == b.split(separator: ":")[0] { score += 0.1 }
        // Evidence grows with repetition.
        score *= 1 - 1 / Double(count + 1)
        if best == nil || score > best!.score {
          let example = examples[a + "\t" + b] ?? ("", "")
          best = TermPair(
            source: sourceSurface, target: targetSurface, score: score, count: count, reasons: reasons,
            exampleSource: example.0, exampleTarget: example.1)
        }
      }
      if let best { pairs.append(best) }
    }
    // Acronyms defined in the texts: the expansions of a paired acronym pair with each other.
    let sourceExpansions = Self.acronymExpansions(in: source, language: sourceLanguage)
    let targetExpansions = Self.acronymExpansions(in: target, language: targetLanguage)
    for pair in pairs {
      guard let s = sourceExpansions[pair.source], let t = targetExpansions[pair.target],
        pair.source.allSatisfy(\.isUppercase), pair.target.allSatisfy(\.isUppercase)
      else { continue }
      pairs.append(
        TermPair(
          source: s, target: t, score: pair.score, count: pair.count,
          reasons: ["expansions of \(pair.source) ↔ \(pair.target)"], exampleSource: pair.exampleSource,
          exampleTarget: pair.exampleTarget))
    }
    // One pair per source candidate: the best.
    var seen = Set<String>()
    return pairs.sorted { ($0.score, $0.count, $1.source) > ($1.score, $1.count, $0.source) }.filter {
      seen.insert($0.source).inserted
    }
  }

  /// Acronyms defined in parentheses after their expansion, «long form (ACRONYM)» (Schwartz &
  /// Hearst 2003): the shortest run of words before the parenthesis whose letters spell the
  /// acronym in order, each acronym letter's first match starting a word. When the letters do
  /// not match (an English acronym kept in French: «l'Agence centrale de presse coréenne
  /// (KCNA)»), the capitalised noun phrase after the last article (le, la, les, l', the) before
  /// the parenthesis, within a few words, is taken instead. Elided articles are cut off.
  public static func acronymExpansions(in text: String, language: String) -> [String: String] {
    var result: [String: String] = [:]
    let characters = Array(text)
    var k = 0
    while k < characters.count {
      guard characters[k] == "(" else {
        k += 1
        continue
      }
      var end = k + 1
      while end < characters.count && characters[end] != ")" && end - k <= 8 { end += 1 }
      guard end < characters.count, characters[end] == ")" else {
        k += 1
        continue
      }
      let acronym = String(characters[(k + 1)..<end])
      k = end + 1
      guard (2...6).contains(acronym.count), acronym.allSatisfy({ $0.isUppercase && $0.isLetter }),
        result[acronym] == nil
      else { continue }
      // The words before the parenthesis, in the same sentence.
      var start = k - acronym.count - 2
      while start > 0 && !".!?;:\n«»“”\"".contains(characters[start - 1]) { start -= 1 }
      let before = String(characters[max(0, start)..<(k - acronym.count - 2)])
      var words = before.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).map(String.init)
      words = Array(words.suffix(min(acronym.count + 5, acronym.count * 2 + 2)))
      if let expansion = schwartzHearst(acronym, words) ?? articlePhrase(words) {
        result[acronym] = expansion
      }
    }
    return result
  }

  static func schwartzHearst(_ acronym: String, _ words: [String]) -> String? {
    let short = Array(acronym.lowercased())
    for first in stride(from: words.count - 1, through: 0, by: -1) {
      let long = Array(words[first...].joined(separator: " ").lowercased())
      var s = short.count - 1
      var l = long.count - 1
      while s >= 0 && l >= 0 {
        if long[l] == short[s] && (s > 0 || l == 0 || !long[l - 1].isLetter) {
          s -= 1
        }
        l -= 1
      }
      if s < 0 {
        // The first letter must start the first word taken.
        guard words[first].lowercased().first == short.first else { continue }
        return strippedArticle(words[first...].joined(separator: " "))
      }
    }
    return nil
  }

  static func articlePhrase(_ words: [String]) -> String? {
    let articles: Set<String> = ["le", "la", "les", "the"]
    for index in stride(from: words.count - 1, through: 0, by: -1) {
      let word = words[index].lowercased().replacingOccurrences(of: "’", with: "'")
      if articles.contains(word), index + 1 < words.count {
        let phrase = words[(index + 1)...].joined(separator: " ")
        return phrase.first?.isUppercase == true && words.count - index - 1 >= 2 ? phrase : nil
      }
      if word.hasPrefix("l'"), word.count > 2 {
        let phrase = strippedArticle(words[index...].joined(separator: " "))
        return phrase.first?.isUppercase == true && words.count - index >= 2 ? phrase : nil
      }
    }
    return nil
  }

  /// The text without an elided article at its start (l'Agence → Agence).
  static func strippedArticle(_ text: String) -> String {
    for prefix in ["l'", "l’", "L'", "L’"] where text.hasPrefix(prefix) {
      return String(text.dropFirst(prefix.count))
    }
    return text
  }

  /// Cognates: every word pair (in order) shares its first four letters, or the strings' longest
  /// common subsequence covers 70 % of the longer.
  static func cognate(_ a: String, _ b: String) -> Bool {
    let x = a.split(separator: " ")
    let y = b.split(separator: " ")
    if x.count == y.count
      && zip(x, y).allSatisfy({ $0.prefix(4) == $1.prefix(4) && min($0.count, $1.count) >= 4 })
    {
      return true
    }
    let p = Array(a)
    let q = Array(b)
    guard max(p.count, q.count) >= 4 else { return false }
    return 10 * longestCommonSubsequenceLength(p, q) >= 7 * max(p.count, q.count)
  }
}
