// The Scanner's decisions at terminators (`.` `!` `?` `…`), at `;` and at a dash that breaks
// speech off: abbreviations, initials, list numbers, ellipses, trailing credits.

extension Scanner {
  /// A trailing credit such as `(Belga)` or `(AFP)` that ends the paragraph at `start`.
  func isTrailingCredit(at start: Int, paragraphEnd: Int) -> Bool {
    guard paragraphEnd - start <= 40, bytes[start] == 0x28 || bytes[start] == 0x5B else { return false }
    let last = bytes[paragraphEnd - 1]
    guard last == 0x29 || last == 0x5D else { return false }
    for k in start..<paragraphEnd where bytes[k] == 0x2E || bytes[k] == 0x21 || bytes[k] == 0x3F {
      return false
    }
    return true
  }

  /// Decides the site of a terminator run `runStart..<runEnd`.
  func terminatorCut(
    runStart: Int, runEnd: Int, sentenceStart: Int, item: ListItem?, paragraph: Range<Int>
  ) -> Cut? {
    let end = paragraph.upperBound
    // "(...)" and "[…]" inside a sentence are not terminators.
    if runStart > paragraph.lowerBound, runEnd < end {
      let before = bytes[runStart - 1]
      let after = bytes[runEnd]
      if (before == 0x28 && after == 0x29) || (before == 0x5B && after == 0x5D) { return nil }
    }
    // Four dots: a period ending a word, then a spaced ellipsis opening the next sentence
    // ("compounds. . . . The practice"): the boundary comes before the ellipsis.
    if runEnd - runStart == 1, bytes[runStart] == 0x2E, runStart > paragraph.lowerBound,
      !isSpaceScalar(UInt32(bytes[runStart - 1])), runEnd + 6 < end,
      bytes[runEnd] == 0x20 && bytes[runEnd + 1] == 0x2E && bytes[runEnd + 2] == 0x20
        && bytes[runEnd + 3] == 0x2E
        && bytes[runEnd + 4] == 0x20 && bytes[runEnd + 5] == 0x2E && bytes[runEnd + 6] == 0x20
    {
      let word = skipSpaces(from: runEnd + 6, limit: end)
      if word < end, nextWord(at: word, limit: end).shape == .upper {
        return Cut(end: runEnd, next: runEnd + 1)
      }
    }
    let (closeEnd, closedQuote) = closersEnd(from: runEnd, in: paragraph)
    let next = skipSpaces(from: closeEnd, limit: end)
    // No space, no boundary (3.5, example.org, ?q=1); the paragraph end is a boundary anyway.
    if next == closeEnd || next >= end { return nil }
    guard startsWithWordToken(at: next, limit: end) else { return nil }
    if isTrailingCredit(at: next, paragraphEnd: end) { return nil }
    let cut = Cut(end: closeEnd, next: next)
    let following = nextWord(at: next, limit: end)

    // The run's make-up, from its bytes: periods, ellipsis characters (E2 80 A6), others.
    var periods = 0
    var ellipses = 0
    var others = 0
    var k = runStart
    while k < runEnd {
      let (u, w) = scalar(bytes, k)
      if u == 0x2E { periods += 1 } else if u == 0x2026 { ellipses += 1 } else { others += 1 }
      k += w
    }
    let startsWithPeriods = bytes[runStart] == 0x2E && runEnd - runStart >= 2 && bytes[runStart + 1] == 0x2E
    // ". . ." is an ellipsis too.
    let spacedEllipsis =
      runEnd - runStart == 1 && periods == 1
      && (runStart >= paragraph.lowerBound + 2 && bytes[runStart - 1] == 0x20 && bytes[runStart - 2] == 0x2E
        || runEnd + 1 < end && bytes[runEnd] == 0x20 && bytes[runEnd + 1] == 0x2E)
    let isEllipsis = startsWithPeriods || ellipses > 0 || spacedEllipsis
    let hasQuestion = others > 0
    let runStartsWithPeriod = bytes[runStart] == 0x2E

    // After a closing quote or bracket, a lowercase word continues the sentence (incise).
    if closedQuote && following.shape == .lower { return nil }

    if hasQuestion && !runStartsWithPeriod {
      if following.shape == .lower && !rules.breakBeforeLowercaseAfterQuestion { return nil }
      // "She works at Yahoo! in …": a capitalised word inside the sentence, a single "!",
      // then a lowercase word: a name, not a sentence end.
      if following.shape == .lower && !closedQuote && runEnd - runStart == 1 {
        let wordStart = tokenStart(endingAt: runStart, floor: sentenceStart)
        if wordStart > sentenceStart, wordStart < runStart, letterCase(scalar(bytes, wordStart).0) == .upper {
          return nil
        }
      }
      return cut
    }
    if isEllipsis {
      switch following.shape {
      case .upper, .listMark, .digit, .other: return cut
      case .lower, .none: return nil
      }
    }
    // A single period (or "..", a typo).
    let tokenFrom = tokenStart(endingAt: runStart, floor: sentenceStart)
    var bodyStart = tokenFrom
    while bodyStart < runStart {
      let (u, w) = scalar(bytes, bodyStart)
      if !isOpeningMark(u) && !(bodyStart == tokenFrom && isListMark(u)) { break }
      bodyStart += w
    }
    if bodyStart == runStart {
      return following.shape == .lower && !rules.breakBeforeLowercaseAfterPeriod ? nil : cut
    }
    // Long words are neither abbreviations nor initials: decide without making strings.
    if runStart - bodyStart > abbreviations.longestEntry && runStart - bodyStart > 24 {
      return following.shape == .lower && !rules.breakBeforeLowercaseAfterPeriod ? nil : cut
    }
    let body = string(bodyStart..<runStart)

    // Abbreviations from the lists (one word, or two: "p. ex"); French elision is not part of
    // the word ("l'art.", "d'env.").
    var kind = abbreviations.kind(of: body)
    if kind == nil {
      // After the last apostrophe (' or ’, E2 80 99), if any.
      var k = runStart
      while k > bodyStart {
        k -= 1
        if bytes[k] == 0x27
          || bytes[k] == 0x99 && k >= bodyStart + 2 && bytes[k - 1] == 0x80 && bytes[k - 2] == 0xE2
        {
          if k + 1 < runStart { kind = abbreviations.kind(of: string(k + 1..<runStart)) }
          break
        }
      }
    }
    if abbreviations.hasMultiwordEntries, following.shape == .lower {
      // The first word of a two-word abbreviation: "p." before "ex.".
      var wordEnd = next
      while wordEnd < end && bytes[wordEnd] != 0x2E && !isSpaceScalar(UInt32(bytes[wordEnd])) { wordEnd += 1 }
      if wordEnd < end && bytes[wordEnd] == 0x2E
        && abbreviations.kind(of: body + ". " + string(next..<wordEnd)) != nil
      {
        return nil
      }
    }
    if kind == nil, tokenFrom > sentenceStart, abbreviations.endsMultiwordEntry(body) {
      let previousEnd = tokenFrom - 1
      let previousStart = tokenStart(endingAt: previousEnd, floor: sentenceStart)
      if previousStart < previousEnd {
        kind = abbreviations.kind(of: string(previousStart..<previousEnd) + " " + body)
      }
    }
    if let kind {
      switch kind {
      case .title: return nil
      case .number:
        if following.shape == .digit { return nil }
      case .plain:
        return following.shape == .upper || following.shape == .listMark ? cut : nil
      }
    }
    // Initials and dotted acronyms: J. / J.-P. / U.S. / S.N.C.F. / a.m.
    if isInitials(body) {
      if following.shape == .upper && starters.contains(following.word) { return cut }
      if following.shape == .listMark { return cut }
      return nil
    }
    // A list number at the start of a sentence: "1. Tout individu", "IV. Résultats".
    if bodyStart == sentenceStart && isEnumerator(body) || bodyStart == item?.numberStart { return nil }
    switch following.shape {
    case .lower: return rules.breakBeforeLowercaseAfterPeriod ? cut : nil
    case .upper, .digit, .listMark, .other: return cut
    case .none: return nil
    }
  }

  /// Single letters and dotted or hyphenated initials ("J", "J.-P", "U.S", "a.m", "W.H.S").
  func isInitials(_ body: String) -> Bool {
    // Letters, each alone, separated by ".", "-" or ".-".
    var letters = 0
    var previousWasLetter = false
    for scalar in body.unicodeScalars {
      if letterCase(scalar.value) != .notLetter {
        if previousWasLetter { return false }
        letters += 1
        previousWasLetter = true
      } else if scalar == "." || scalar == "-" {
        if letters == 0 { return false }
        previousWasLetter = false
      } else {
        return false
      }
    }
    guard letters >= 1, previousWasLetter else { return false }
    if letters == 1 {
      // A lone letter: capital initials (J.), not a lowercase word such as "a" or "y".
      return letterCase(body.unicodeScalars.first!.value) == .upper
    }
    return true
  }

  /// List numbers: 1–3 digits, a roman numeral, or a single letter.
  func isEnumerator(_ body: String) -> Bool {
    let scalars = Array(body.unicodeScalars)
    if scalars.count >= 1 && scalars.count <= 3 && scalars.allSatisfy({ isDigit($0.value) }) { return true }
    if scalars.count <= 5 && scalars.allSatisfy({ "IVXLC".unicodeScalars.contains($0) }) { return true }
    return false
  }

  /// Speech broken off by a dash glued to the word before, then a capitalised word that usually
  /// starts a sentence: "I know she's— Then …". A spaced dash (an incise) never breaks.
  func interruptionCut(at i: Int, width: Int, paragraph: Range<Int>) -> Cut? {
    guard i > paragraph.lowerBound else { return nil }
    let (before, _) = scalar(bytes, scalarStart(before: i, bytes))
    guard letterCase(before) != .notLetter || before == 0x2D else { return nil }
    let afterDash = i + width
    let next = skipSpaces(from: afterDash, limit: paragraph.upperBound)
    guard next > afterDash, next < paragraph.upperBound else { return nil }
    let following = nextWord(at: next, limit: paragraph.upperBound)
    guard following.shape == .upper, starters.contains(following.word) else { return nil }
    return Cut(end: afterDash, next: next)
  }

  /// A `;` before a capitalised word ends a sentence (list items, run-on sentences) when the word
  /// usually starts one (`; Le`, `; The`) or is not followed by another capitalised word; before
  /// a name (`1926; Lucien Carillon …`) or inside brackets (`(Smith, 2015; Mulligan, 2016)`) it
  /// does not.
  /// - Complexity: amortised O(1) per byte of the sentence (`BracketDepth`), plus the words read
  ///   after the semicolon.
  func semicolonCut(at i: Int, sentenceStart: Int, paragraph: Range<Int>) -> Cut? {
    let end = paragraph.upperBound
    // The local tests first, then the bracket depth (kept as the scan goes, so a long sentence
    // with many semicolons, inside an unclosed bracket or not, stays linear).
    let closeEnd = i + 1
    let next = skipSpaces(from: closeEnd, limit: end)
    if next == closeEnd || next >= end { return nil }
    let following = nextWord(at: next, limit: end)
    guard following.shape == .upper else { return nil }
    // An HTML entity (&amp;) is not punctuation.
    let tokenFrom = tokenStart(endingAt: i, floor: paragraph.lowerBound)
    if tokenFrom < i && bytes[tokenFrom] == 0x26 { return nil }
    // Inside brackets ("(Smith, 2015; Mulligan, 2016)") a semicolon separates items.
    if brackets.depth(at: i, sentenceStart: sentenceStart, bytes) > 0 { return nil }
    if starters.contains(following.word) { return Cut(end: closeEnd, next: next) }
    // A name is a run of capitalised words ("Lucien Carillon"); another word after a single
    // capitalised one ("Naturellement, cette") starts a sentence.
    var k = next + following.word.utf8.count
    while k < end, bytes[k] == 0x27 || bytes[k] == 0x2D { k += 1 }
    let afterWord = skipSpaces(from: k, limit: end)
    if afterWord < end, afterWord > k {
      let second = nextWord(at: afterWord, limit: end)
      if second.shape == .upper { return nil }
    }
    return Cut(end: closeEnd, next: next)
  }

}
