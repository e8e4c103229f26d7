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
  /// Where the example is: "file:line" (the line of the first sentence), or a TMX or XLIFF
  /// unit's id.
  public var exampleSourceLocation: String?
  public var exampleTargetLocation: String?

  public init(
    source: String, target: String, score: Double, count: Int, reasons: [String], exampleSource: String,
    exampleTarget: String, exampleSourceLocation: String? = nil, exampleTargetLocation: String? = nil
  ) {
    self.source = source
    self.target = target
    self.score = score
    self.count = count
    self.reasons = reasons
    self.exampleSource = exampleSource
    self.exampleTarget = exampleTarget
    self.exampleSourceLocation = exampleSourceLocation
    self.exampleTargetLocation = exampleTargetLocation
  }
}

/// Aligned text: a sentence pair (or a few sentences on either side), or a translation unit.
public struct AlignedSegment: Sendable, Hashable {
  public var source: String
  public var target: String
  /// Where the segment is, for the user: "file:line", or a unit's id in a bilingual file.
  public var sourceLocation: String
  public var targetLocation: String

  public init(source: String, target: String, sourceLocation: String, targetLocation: String) {
    self.source = source
    self.target = target
    self.sourceLocation = sourceLocation
    self.targetLocation = targetLocation
  }
}

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
  private var evidence = Evidence()

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
      "having", "de", "la", "le", "du", "des", "van", "von", "der", "den",
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

  /// Frequent verb forms, which may stand inside a multi-word term candidate but not at its
  /// edges (the "no verbs at the edges"; word lists, as there is no part-of-speech tagger).
  static let verbs: [String: Set<String>] = [
    "en": [
      "make", "makes", "made", "making", "take", "takes", "took", "taken", "taking", "get", "gets", "got",
      "getting", "give", "gives", "gave", "given", "giving", "go", "goes", "went", "gone", "going", "come",
      "comes", "came", "coming", "see", "sees", "saw", "seen", "know", "knew", "known", "think", "thought",
      "say", "tell", "told", "stop", "stopped", "keep", "kept", "let", "put", "seem", "seemed", "seems",
      "look", "looked", "want", "wanted", "find", "found", "feel", "felt", "become", "became", "begin",
      "began", "show", "showed", "shown", "try", "tried", "call", "called", "ask", "asked", "need", "needed",
      "turn", "turned", "help", "helped", "start", "started", "hold", "held", "bring", "brought", "continue",
      "continued", "appear", "appeared", "remain", "remained", "added", "according", "cried", "replied",
      "answered", "exclaimed", "sat", "stood", "lay", "heard", "hear", "believe", "believed",
      "might", "must", "shall", "am", "leave", "left", "live", "lived", "die", "died", "love", "loved",
      "like", "liked", "set", "run", "ran", "speak", "spoke", "spoken", "talk", "talked", "wish", "wished",
    ],
    "fr": [
      "dire", "disait", "dis", "va", "vais", "vont", "allait", "aller", "venait", "vient", "venir", "venu",
      "pouvait", "pouvoir", "pu", "voulait", "veut", "voulu", "vouloir", "faut", "fallait", "sait", "savait",
      "savoir", "su", "semblait", "semble", "sembla", "prend", "prit", "pris", "prendre", "mit", "mis", "met",
      "mettre", "donne", "donna", "donne", "donner", "reprit", "repondit", "demanda", "ecria", "voit", "vit",
      "vu", "voir", "crois", "croit", "croyait", "devait", "devoir", "fit", "fut", "furent", "serait",
      "seraient", "sera", "seront", "aurait", "auraient", "aura", "auront", "eut", "sont", "etaient", "etait",
      "avaient", "ajouta", "ajoute", "declare", "affirme", "estime", "indique",
    ],
  ]

  /// Whether `word` (a matching key) may not stand at the edge of a multi-word term: a frequent
  /// verb form, or a word whose ending marks a verb or an adverb (English -ly adverbs, and -ed
  /// forms at the end of a term; French imperfect and conditional endings and -ment adverbs).
  static func badEdge(_ word: String, language: String, atEnd: Bool) -> Bool {
    let english = language.hasPrefix("en")
    if verbs[String(language.prefix(2))]?.contains(word) == true { return true }
    if english {
      if word.count >= 6, word.hasSuffix("ly"), !"pbioa".contains(word.dropLast(2).last!) { return true }
      if atEnd, word.count >= 5, word.hasSuffix("ed") { return true }
      return false
    }
    if language.hasPrefix("fr") {
      for ending in [
        "aient", "erent", "erait", "eraient", "issait", "amment", "emment", "alement", "ellement", "iquement",
        "ivement", "eusement", "ierement",
      ] where word.hasSuffix(ending) && word.count > ending.count + 1 {
        return true
      }
      if word.count >= 6, word.hasSuffix("ait"), !word.hasSuffix("trait") { return true }
    }
    return false
  }

  /// Number words, weekdays and months: no candidate holds one (the issue's "no numbers, no
  /// dates"; digits are left out by the word shape).
  static let numbersAndDates: [String: Set<String>] = [
    "en": [
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
      "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
      "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
      "thousands",
      "million", "millions", "billion", "billions", "dozen", "half", "first", "second", "third", "fourth",
      "fifth", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
      "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
      "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
      "minutes",
    ],
    "fr": [
      "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
      "treize",
      "quatorze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante", "soixante", "cent", "cents",
      "mille", "milliers", "million", "millions", "milliard", "milliards", "douzaine", "demi", "premier",
      "premiere", "deuxieme", "troisieme", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
      "dimanche", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
      "octobre", "novembre", "decembre", "an", "ans", "annee", "annees", "mois", "semaine", "semaines",
      "jour",
      "jours", "heure", "heures", "minute", "minutes",
    ],
  ]

  /// Roman numerals (II, IV, XVI) look like acronyms.
  static func isRomanNumeral(_ text: String) -> Bool { text.allSatisfy { "IVXLCDM".contains($0) } }

  /// An acronym: 2 to 6 capital letters, not a Roman numeral (KCNA, RPDC, ONU; not II).
  static func isAcronym(_ text: String) -> Bool {
    (2...6).contains(text.count) && text.allSatisfy { $0.isUppercase && $0.isLetter } && !isRomanNumeral(text)
  }

  /// French titles, written in lowercase before a name (le capitaine Nemo, le président russe
  /// Vladimir Poutine has none, le commandant Farragut).
  static let frenchTitles: Set<String> = [
    "monsieur", "madame", "mademoiselle", "capitaine", "commandant", "professeur", "docteur", "roi", "reine",
    "prince", "princesse", "empereur", "imperatrice", "general", "colonel", "lieutenant", "sergent",
    "president",
    "presidente", "ministre", "baron", "baronne", "comte", "comtesse", "marquis", "marquise", "duc",
    "duchesse",
    "abbe", "pere", "frere", "soeur", "maitre", "gouverneur", "amiral", "inspecteur", "juge", "senateur",
  ]

  /// English titles written with a full stop inside names.
  static let titles: Set<String> = [
    "mr", "mrs", "ms", "dr", "st", "mme", "mlle", "messrs", "rev", "capt", "col", "gen",
  ]

  struct Candidate: Hashable {
    var key: String
    var surface: String
    var kind: String
    /// A one-word name at the start of its sentence (capitalised perhaps only for that).
    var sentenceInitial = false
  }

  /// The candidates of one sentence.
  func candidates(in sentence: String, language: String, tokenizer: TermTokenizer) throws -> [Candidate] {
    var tokens = try tokenizer.tokens(in: sentence)
    let stop = Self.stopwords[String(language.prefix(2))] ?? []
    let french = language.hasPrefix("fr")
    let utf8 = Array(sentence.utf8)
    var result: [Candidate] = []
    // Hyphenated words are one word (porte-parole, nord-coréen, États-Unis).
    var joined: [TermToken] = []
    for token in tokens {
      if let hyphen = joined.last, hyphen.original == "-", joined.count >= 2,
        joined[joined.count - 2].range.upperBound == hyphen.range.lowerBound,
        hyphen.range.upperBound == token.range.lowerBound, token.key.first?.isLetter == true,
        joined[joined.count - 2].key.last?.isLetter == true
      {
        joined.removeLast()
        joined[joined.count - 1].range = joined[joined.count - 1].range.lowerBound..<token.range.upperBound
        joined[joined.count - 1].key += "-" + token.key
        joined[joined.count - 1].original += "-" + token.original
        joined[joined.count - 1].stem = nil
      } else {
        joined.append(token)
      }
    }
    tokens = joined
    // English possessives: «Kim Jong Un’s» is the name «Kim Jong Un», which ends there.
    var possessive = Set<Int>()
    if language.hasPrefix("en") {
      for k in tokens.indices where tokens[k].key.hasSuffix("'s") && tokens[k].key.count > 2 {
        let end = tokens[k].range.upperBound
        let cut = end >= 4 && Array(utf8[(end - 4)..<end]) == [0xE2, 0x80, 0x99, 0x73] ? 4 : 2
        tokens[k].range = tokens[k].range.lowerBound..<(end - cut)
        tokens[k].key.removeLast(2)
        tokens[k].original.removeLast(2)
        possessive.insert(k)
      }
    }
    /// Whether the token starts a sentence: the first, or after sentence or quote punctuation.
    func startsSentence(_ k: Int) -> Bool {
      var previous = k - 1
      while previous >= 0 && !tokens[previous].key.contains(where: { $0.isLetter || $0.isNumber }) {
        previous -= 1
      }
      guard previous >= 0 else { return true }
      return utf8[tokens[previous].range.upperBound..<tokens[k].range.lowerBound].contains {
        [0x2E, 0x21, 0x3F, 0x3A, 0x22, 0xAB, 0x9C, 0x94].contains($0)  // . ! ? : " « “ —
      }
    }
    func isWord(_ t: TermToken) -> Bool {
      t.key.first?.isLetter == true && t.key.last?.isLetter == true
        && t.key.allSatisfy { $0.isLetter || $0 == "-" }
    }
    func capitalised(_ t: TermToken) -> Bool { t.original.first?.isUppercase == true && isWord(t) }
    func surface(_ range: Range<Int>) -> String {
      // Line breaks and runs of spaces inside a term become one space.
      sentence.slice(
        utf8: tokens[range.lowerBound].range.lowerBound..<tokens[range.upperBound - 1].range.upperBound
      ).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
    }
    /// The key of a name: its words' keys (a title's full stop left out).
    func nameKey(_ range: Range<Int>) -> String {
      tokens[range].filter { $0.original != "." }.map(\.key).joined(separator: " ")
    }
    /// French: the token follows an elided «d'» (département d'État).
    func afterElidedDe(_ k: Int) -> Bool {
      let start = tokens[k].range.lowerBound
      for apostrophe in [[0x27], [0xE2, 0x80, 0x99]] as [[UInt8]] {
        let d = start - apostrophe.count - 1
        if d >= 0, Array(utf8[(d + 1)..<start]) == apostrophe, utf8[d] == 0x64 || utf8[d] == 0x44,
          d == 0 || !(utf8[d - 1] >= 0x41 && utf8[d - 1] <= 0x7A)
        {
          return true
        }
      }
      return false
    }
    /// Every sub-run of `k..<end` (or only those from `k`) with two or more content words and
    /// no stopword or verb at its edges.
    func termRuns(_ k: Int, _ end: Int, headOnly: Bool = false, kind: String = "term") {
      for start in headOnly ? [k] : Array(k..<end) {
        for stop_ in stride(from: start + 2, through: end, by: 1)
        where isWord(tokens[stop_ - 1]) && !stop.contains(tokens[stop_ - 1].key)
          && !stop.contains(tokens[start].key)
          && !Self.badEdge(tokens[start].key, language: language, atEnd: false)
          && !Self.badEdge(tokens[stop_ - 1].key, language: language, atEnd: true)
        {
          let span = tokens[start..<stop_]
          guard span.filter({ !stop.contains($0.key) }).count >= 2 else { continue }
          result.append(
            Candidate(
              key: span.map(\.key).joined(separator: " "), surface: surface(start..<stop_), kind: kind))
        }
      }
    }
    /// The end of a French lowercase continuation from `k`: content words, and de/d' + a word
    /// (capitalised or not), up to `limit` content words counting `words` already taken.
    func frenchContinuation(from k: Int, words taken: Int, limit: Int) -> Int {
      var end = k
      var words = taken
      while end < tokens.count && words < limit {
        let next = tokens[end]
        if isWord(next) && !stop.contains(next.key) && (!capitalised(next) || afterElidedDe(end)) {
          end += 1
          words += 1
        } else if ["de", "du", "des"].contains(next.key) {
          // de, de la, du, des + a word (ministère de la Défense, ministère des Affaires).
          let word =
            next.key == "de" && end + 2 < tokens.count && tokens[end + 1].key == "la" ? end + 2 : end + 1
          guard word < tokens.count, isWord(tokens[word]), !stop.contains(tokens[word].key) else { break }
          end = word + 1
          words += 1
        } else {
          break
        }
      }
      return end
    }
    /// After one or two name particles from `k` (of, de, de la, du, van der…), the next token.
    func particles(from k: Int) -> Int? {
      let inside: Set<String> =
        french
        ? ["de", "du", "des", "la"] : ["of", "de", "la", "le", "du", "des", "van", "von", "der", "den"]
      guard inside.contains(tokens[k].key) else { return nil }
      var next = k + 1
      if next < tokens.count && inside.contains(tokens[next].key) && tokens[next].key != "of" { next += 1 }
      return next < tokens.count ? next : nil
    }
    let excluded = Self.numbersAndDates[String(language.prefix(2))] ?? []
    var k = 0
    while k < tokens.count {
      let token = tokens[k]
      // Acronyms.
      if Self.isAcronym(token.original) {
        result.append(Candidate(key: token.key, surface: token.original, kind: "acronym"))
        k += 1
        continue
      }
      // Names: capitalised runs (French: with de/du/des inside).
      if capitalised(token) && !(startsSentence(k) && stop.contains(token.key)) && token.key.count >= 2
        && !Self.isRomanNumeral(token.original)
      {
        var end = k + 1
        var head: Int?
        while end < tokens.count && !possessive.contains(end - 1) {
          if capitalised(tokens[end]) && !tokens[end].original.allSatisfy(\.isUppercase) {
            end += 1
          } else if !french, Self.titles.contains(tokens[end - 1].key), tokens[end].original == ".",
            end + 1 < tokens.count, capitalised(tokens[end + 1])
          {
            // Mr. Rochester, Mrs. Reed, St. John.
            end += 2
          } else if let after = particles(from: end), capitalised(tokens[after]) {
            // Bank of England, Corée du Nord, Bû de la Rue; the part before is a candidate too
            // (General Bureau).
            if head == nil && end > k + 1 && tokens[end].key == "of" { head = end }
            end = after + 1
          } else {
            break
          }
        }
        // A lone capitalised word that is a function word (We, Nous, Le) is no name.
        if !(end == k + 1 && stop.contains(token.key)) {
          result.append(
            Candidate(
              key: nameKey(k..<end), surface: surface(k..<end), kind: "name",
              sentenceInitial: startsSentence(k) && end == k + 1))
          if let head {
            result.append(
              Candidate(key: nameKey(k..<head), surface: surface(k..<head), kind: "name"))
          }
          // A French title before the name belongs to it (le commandant Farragut), as English
          // capitalises it (Commander Farragut).
          if french && k > 0 && Self.frenchTitles.contains(tokens[k - 1].key) && !capitalised(tokens[k - 1]) {
            result.append(
              Candidate(key: nameKey((k - 1)..<end), surface: surface((k - 1)..<end), kind: "name"))
          }
          // A long name's endings of two words or more are candidates too: titles and
          // adjectives go before the name (Russian President Vladimir Putin, le président russe
          // Vladimir Poutine).
          if end - k >= 3 {
            for start in (k + 1)...(end - 2) where capitalised(tokens[start]) {
              result.append(
                Candidate(key: nameKey(start..<end), surface: surface(start..<end), kind: "name"))
            }
          }
        }
        // French institution names have a capitalised head and lowercase words after it
        // (Conseil de sécurité nationale, Agence centrale de presse coréenne): the runs from the
        // head are term candidates too.
        if french && !(startsSentence(k) && end == k + 1) {
          let stretch = frenchContinuation(from: end, words: end - k, limit: 5)
          if stretch > end { termRuns(k, stretch, headOnly: true, kind: "name") }
        }
        k = end
        continue
      }
      // Multi-word terms: lowercase content words, French joined by de/d', from each word that
      // can start one.
      if isWord(token) && !stop.contains(token.key) && !capitalised(token) {
        let end: Int
        if french {
          end = frenchContinuation(from: k + 1, words: 1, limit: 3)
        } else {
          var stretch = k + 1
          while stretch < tokens.count && stretch - k < 3 && isWord(tokens[stretch])
            && !stop.contains(tokens[stretch].key) && !capitalised(tokens[stretch])
          {
            stretch += 1
          }
          end = stretch
        }
        // Every run of two or more words from here is a candidate (the association decides).
        if end - k >= 2 { termRuns(k, end, headOnly: true) }
        k += 1
        continue
      }
      k += 1
    }
    // No numbers or dates: a term holding a number word, a name that is only a weekday or month.
    return result.filter { candidate in
      switch candidate.kind {
      case "term":
        !candidate.key.split(whereSeparator: { $0 == " " || $0 == "-" }).contains {
          excluded.contains(String($0))
        }
      case "name": !excluded.contains(candidate.key)
      default: true
      }
    }
  }

  /// Term pairs for `source` and its translation `target`, best first.
  public func build(source: String, target: String) throws -> [TermPair] {
    var builder = self
    try builder.addDocument(source: source, target: target)
    return builder.pairs()
  }

  /// Segments and aligns a document pair (`entente align`'s aligner) and counts the candidates of
  /// its aligned sentence pairs. `sourceName` and `targetName` name the files in the example
  /// locations ("name:line").
  public mutating func addDocument(
    source: String, target: String, sourceName: String = "source", targetName: String = "target"
  ) throws {
    let sourceSentences = try SentenceSegmenter(language: sourceLanguage).sentences(in: source)
    let targetSentences = try SentenceSegmenter(language: targetLanguage).sentences(in: target)
    let sourceTexts = sourceSentences.map { source.slice(utf8: $0.range) }
    let targetTexts = targetSentences.map { target.slice(utf8: $0.range) }
    let alignment = try SentenceAligner(options: alignmentOptions).alignment(
      source: sourceTexts, target: targetTexts, sourceParagraphs: sourceSentences.map(\.paragraph),
      targetParagraphs: targetSentences.map(\.paragraph))
    for (word, translations) in alignment.learntTranslations {
      evidence.translations[word, default: []].formUnion(translations)
    }
    let sourceLines = LineIndex(source)
    let targetLines = LineIndex(target)
    var segments: [AlignedSegment] = []
    for bead in alignment.beads where !bead.source.isEmpty && !bead.target.isEmpty {
      segments.append(
        AlignedSegment(
          source: bead.source.map { sourceTexts[$0] }.joined(separator: " "),
          target: bead.target.map { targetTexts[$0] }.joined(separator: " "),
          sourceLocation:
            "\(sourceName):\(sourceLines.location(of: sourceSentences[bead.source[0]].range.lowerBound).line)",
          targetLocation:
            "\(targetName):\(targetLines.location(of: targetSentences[bead.target[0]].range.lowerBound).line)"
        ))
    }
    try count(segments)
    addExpansions(source: source, target: target)
  }

  /// Counts the candidates of segments already aligned (the units of a TMX or XLIFF file), and
  /// learns word translations from them as the aligner does from its confident beads.
  public mutating func add(segments: [AlignedSegment]) throws {
    if alignmentOptions.learnsLexicon {
      let learnt = try SentenceAligner.learntTranslations(
        source: segments.map(\.source), target: segments.map(\.target))
      for (word, translations) in learnt { evidence.translations[word, default: []].formUnion(translations) }
    }
    try count(segments)
    addExpansions(
      source: segments.map(\.source).joined(separator: "\n"),
      target: segments.map(\.target).joined(separator: "\n"))
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

  private mutating func count(_ segments: [AlignedSegment]) throws {
    let sourceTokenizer = try TermTokenizer(language: sourceLanguage)
    let targetTokenizer = try TermTokenizer(language: targetLanguage)
    for segment in segments {
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
      let sourceKeys = Set(sourceCandidates.map { "\($0.kind):\($0.key)" })
      let targetKeys = Set(targetCandidates.map { "\($0.kind):\($0.key)" })
      // Words of the candidates, for word associations (below).
      let sourceWords = Set(sourceCandidates.flatMap { contentWords($0.key, language: sourceLanguage) })
      let targetWords = Set(targetCandidates.flatMap { contentWords($0.key, language: targetLanguage) })
      for word in sourceWords { evidence.sourceWordCounts[word, default: 0] += 1 }
      for word in targetWords { evidence.targetWordCounts[word, default: 0] += 1 }
      for a in sourceWords { for b in targetWords { evidence.wordPairCounts[a + "\t" + b, default: 0] += 1 } }
      for key in sourceKeys { evidence.sourceCounts[key, default: 0] += 1 }
      for key in targetKeys { evidence.targetCounts[key, default: 0] += 1 }
      for a in sourceKeys {
        for b in targetKeys {
          evidence.pairCounts[a, default: [:]][b, default: 0] += 1
          if evidence.examples[a + "\t" + b] == nil { evidence.examples[a + "\t" + b] = segment }
        }
      }
    }
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
  private func contentWords(_ key: String, language: String) -> [String] {
    let stop = Self.stopwords[String(language.prefix(2))] ?? []
    return key.split(whereSeparator: { $0 == " " || $0 == "'" || $0 == "-" }).map(String.init).filter {
      !stop.contains($0)
    }
  }

  /// How many content words of `source` and of `target` (matching keys) have a counterpart on the
  /// other side: the same word, a cognate, a word translation the aligner learnt, or a
  /// dictionary translation.
  func translatedWords(_ source: String, _ target: String) -> (translated: Int, words: Int) {
    let x = contentWords(source, language: sourceLanguage)
    let y = contentWords(target, language: targetLanguage)
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
    // pair (UN ↔ ONU: United Nations ↔ Organisation des Nations unies).
    for (sourceAcronym, sourceExpansion) in evidence.sourceExpansions {
      let sourceKey = (try? MatchingKeyCache.key(sourceExpansion)) ?? sourceExpansion
      for (targetAcronym, targetExpansion) in evidence.targetExpansions {
        let targetKey = (try? MatchingKeyCache.key(targetExpansion)) ?? targetExpansion
        let words = translatedWords(sourceKey, targetKey)
        guard words.words > 0, 10 * words.translated >= 4 * words.words else { continue }
        let seen = min(
          evidence.sourceCounts[
            "acronym:" + ((try? MatchingKeyCache.key(sourceAcronym)) ?? sourceAcronym), default: 1],
          evidence.targetCounts[
            "acronym:" + ((try? MatchingKeyCache.key(targetAcronym)) ?? targetAcronym), default: 1])
        guard seen >= minimumCount else { continue }
        let score = (1 + 0.5 * Double(words.translated) / Double(words.words)) * (1 - 1 / Double(seen + 1))
        pairs.append(
          TermPair(
            source: sourceAcronym, target: targetAcronym, score: score, count: seen,
            reasons: [
              "expansions \(sourceExpansion) ↔ \(targetExpansion) translate (\(words.translated)/\(words.words) words)"
            ], exampleSource: sourceExpansion + " (\(sourceAcronym))",
            exampleTarget: targetExpansion + " (\(targetAcronym))"))
      }
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

  /// Candidates that never occur outside a longer one (as in C-value, Frantzi et al. 2000): a
  /// run of words inside a longer candidate seen in as many segments (General Bureau inside
  /// General Bureau of Equipment, Jong Un inside Kim Jong Un).
  /// Seen once, every part of a run is inside it, so only the parts of capitalised names
  /// (`surfaces` tell) are left out then.
  static func nested(_ counts: [String: Int], surfaces: [String: String]) -> Set<String> {
    var result = Set<String>()
    let particles: Set<Substring> = ["of", "de", "du", "des", "la", "le", "van", "von", "der"]
    for (candidate, count) in counts where candidate.contains(" ") {
      if count == 1 {
        let words = (surfaces[candidate] ?? "").split(separator: " ")
        guard words.allSatisfy({ $0.first?.isUppercase == true || particles.contains($0) }) else { continue }
      }
      let (_, key) = split(candidate)
      let words = key.split(separator: " ")
      // The parts the extractor takes inside a longer run have two words or more (name endings,
      // the part before «of», sub-runs of terms); a one-word name is counted where it stands alone.
      for length in 2..<max(2, words.count) {
        for start in 0...(words.count - length) {
          let part = words[start..<(start + length)].joined(separator: " ")
          for kind in ["name", "term"] where counts[kind + ":" + part] == count {
            result.insert(kind + ":" + part)
          }
        }
      }
    }
    return result
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

  /// Acronyms of four letters or more with the same letters in another order, at most one changed.
  static func reordered(_ a: String, _ b: String) -> Bool {
    guard a.count == b.count, a != b else { return false }
    if a.sorted() == b.sorted() { return true }
    guard a.count >= 4 else { return false }
    var letters: [Character: Int] = [:]
    for c in a { letters[c, default: 0] += 1 }
    for c in b { letters[c, default: 0] -= 1 }
    return letters.values.filter { $0 > 0 }.reduce(0, +) == 1
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
      guard Self.isAcronym(acronym), result[acronym] == nil
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

  /// Cognate words: a longest common subsequence covering 70 % of the longer (arms, armes;
  /// pursuits, poursuites), or 60 % with the same first four letters (artillery, artillerie);
  /// not declassified, déclaration.
  static func wordCognate(_ a: String, _ b: String) -> Bool {
    guard a.count >= 3, b.count >= 3 else { return false }
    let common = longestCommonSubsequenceLength(Array(a), Array(b))
    let longer = max(a.count, b.count)
    return 10 * common >= 7 * longer || (a.prefix(4) == b.prefix(4) && 10 * common >= 6 * longer)
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
