// Term candidates of one sentence (acronyms, names, multi-word terms) and the candidates nested
// inside longer ones, for the glossary builder.
import EntenteText

extension GlossaryBuilder {
  /// Whether `word` (a matching key) may not stand at the edge of a multi-word term: a frequent
  /// verb form, or a word whose ending marks a verb or an adverb (English -ly adverbs, and -ed
  /// forms at the end of a term; French imperfect and conditional endings and -ment adverbs).
  static func badEdge(_ word: String, language: String, atEnd: Bool) -> Bool {
    let english = LanguageTag.language(of: language) == "en"
    if verbs[LanguageTag.language(of: language)]?.contains(word) == true { return true }
    if english {
      if word.count >= 6, word.hasSuffix("ly"), !"pbioa".contains(word.dropLast(2).last!) { return true }
      if atEnd, word.count >= 5, word.hasSuffix("ed") { return true }
      return false
    }
    if LanguageTag.language(of: language) == "fr" {
      for ending in frenchVerbEndings where word.hasSuffix(ending) && word.count > ending.count + 1 {
        return true
      }
      if word.count >= 6, word.hasSuffix("ait"), !word.hasSuffix("trait") { return true }
    }
    return false
  }

  struct Candidate: Hashable {
    var key: String
    var surface: String
    var kind: String
    /// A one-word name at the start of its sentence (capitalised perhaps only for that).
    var sentenceInitial = false
  }

  /// The longest name candidate, in tokens (words, particles, a title's full stop): names are
  /// rarely longer than a few words (Agence centrale de presse coréenne is 5), and a longer
  /// capitalised run (a chapter title in capitals, a hostile input) is not taken whole.
  static let maximumNameTokens = 12

  /// The candidates of one sentence.
  /// - Complexity: O(t · m) for t tokens and candidates of at most m = `maximumNameTokens`
  ///   tokens: a capitalised run of any length gives at most m candidates (its endings).
  func candidates(in sentence: String, language: String, tokenizer: TermTokenizer) throws -> [Candidate] {
    var tokens = try tokenizer.tokens(in: sentence)
    let stop = Self.stopwords[LanguageTag.language(of: language)] ?? []
    let french = LanguageTag.language(of: language) == "fr"
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
    if LanguageTag.language(of: language) == "en" {
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
    let excluded = Self.numbersAndDates[LanguageTag.language(of: language)] ?? []
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
          // A run longer than a name can be (a title in capitals, a hostile input) is no name
          // itself; only its endings are taken, as for any long run.
          let maximum = Self.maximumNameTokens
          if end - k <= maximum {
            result.append(
              Candidate(
                key: nameKey(k..<end), surface: surface(k..<end), kind: "name",
                sentenceInitial: startsSentence(k) && end == k + 1))
          }
          if let head, head - k <= maximum {
            result.append(
              Candidate(key: nameKey(k..<head), surface: surface(k..<head), kind: "name"))
          }
          // A French title before the name belongs to it (le commandant Farragut), as English
          // capitalises it (Commander Farragut).
          if french && k > 0 && end - k < maximum && Self.frenchTitles.contains(tokens[k - 1].key)
            && !capitalised(tokens[k - 1])
          {
            result.append(
              Candidate(key: nameKey((k - 1)..<end), surface: surface((k - 1)..<end), kind: "name"))
          }
          // A long name's endings of two words or more are candidates too: titles and
          // adjectives go before the name (Russian President Vladimir Putin, le président russe
          // Vladimir Poutine). At most `maximumNameTokens` tokens each.
          if end - k >= 3 {
            for start in max(k + 1, end - maximum)...(end - 2) where capitalised(tokens[start]) {
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

  /// Candidates that never occur outside a longer one (as in C-value, Frantzi et al. 2000): a
  /// run of words inside a longer candidate seen in as many segments (General Bureau inside
  /// General Bureau of Equipment, Jong Un inside Kim Jong Un).
  /// Seen once, every part of a run is inside it, so only the parts of capitalised names
  /// (`surfaces` tell) are left out then.
  /// - Complexity: O(c · m²) for c candidates of at most m words.
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
}
