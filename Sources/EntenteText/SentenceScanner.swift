// The Scanner: walks a paragraph's UTF-8 bytes to the sites the sentence rules decide, and the
// helpers every rule shares (closing marks, spaces, the next word, tokens, foreign and SRX cuts).

/// What starts the text after a candidate boundary.
struct NextWord {
  enum Shape { case upper, lower, digit, listMark, other, none }
  var shape: Shape
  /// The first word (letters, apostrophes excluded), for the sentence-starter list.
  var word: String
}

/// Bytes that may start a site the rules look at: . ! ? ; ) line feed, and the lead bytes
/// of … – — ‼ ⁇ and the other non-ASCII terminators (0xE2 and above).
let siteBytes: [UInt8] = (0..<256).map { b in
  [0x2E, 0x21, 0x3F, 0x3B, 0x0A, 0x29].contains(b) || b >= 0xE2 ? 1 : 0
}

/// Counts straight double quotes from a paragraph start, incrementally (queries move forward).
final class QuoteParity {
  var paragraphStart = -1
  var position = 0
  var count = 0

  /// True when an odd number of `"` precede `offset` in the paragraph (a quote is open).
  func isOpen(before offset: Int, paragraphStart start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if start != paragraphStart || offset < position {
      paragraphStart = start
      position = start
      count = 0
    }
    while position < offset {
      if bytes[position] == 0x22 { count += 1 }
      position += 1
    }
    return count % 2 == 1
  }
}

/// The bracket depth (`(` and `[` opened, `)` and `]` closed, never below 0) from the current
/// sentence's start, kept as the scan goes forward so that many semicolons in one long sentence
/// read it once, not once each.
final class BracketDepth {
  var sentenceStart = -1
  var position = 0
  var depth = 0

  /// The depth at `offset`, counted from `start`.
  /// - Complexity: amortised O(1) per byte while `start` and `offset` only move forward.
  func depth(at offset: Int, sentenceStart start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    if start != sentenceStart || offset < position {
      sentenceStart = start
      position = start
      depth = 0
    }
    while position < offset {
      let b = bytes[position]
      if b == 0x28 || b == 0x5B {
        depth += 1
      } else if b == 0x29 || b == 0x5D {
        depth = max(0, depth - 1)
      }
      position += 1
    }
    return depth
  }
}

/// Whether the current sentence holds a letter or a digit before an offset, kept as the scan goes
/// forward: a run of lines or terminators without a word (`-----` a million times) asks it at
/// every site, and reads each byte once.
final class WordAhead {
  var sentenceStart = -1
  var scanned = 0
  var found: Int?

  /// True when `bytes[start..<end]` holds a letter or a digit.
  /// - Complexity: amortised O(1) per byte while `start` stays and `end` grows.
  func holdsWord(_ start: Int, _ end: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if start != sentenceStart {
      sentenceStart = start
      scanned = start
      found = nil
    }
    if let found { return found < end }
    var k = scanned
    while k < end {
      let b = bytes[k]
      if b >= 0x30 && b <= 0x39 || b >= 0x41 && b <= 0x5A || b >= 0x61 && b <= 0x7A {
        found = k
        return true
      }
      if b >= 0xC0 {
        let (u, _) = scalar(bytes, k)
        if letterCase(u) != .notLetter || isDigit(u) {
          found = k
          return true
        }
      }
      k += 1
    }
    scanned = max(scanned, end)
    return false
  }
}

struct Scanner {
  let parity = QuoteParity()
  let brackets = BracketDepth()
  let wrap = WrapWidth()
  let wordAhead = WordAhead()
  let bytes: UnsafeBufferPointer<UInt8>
  let abbreviations: Abbreviations
  let starters: Set<String>
  /// The starters a heading inside a line may run into, with their hashes.
  let headingStarters: HeadingStarters
  /// Words after which a sentence does not end (`de`, `the`), lowercased.
  let continuations: Set<String>
  let rules: LanguageRules
  let mode: InputMode

  /// Boundaries inside `paragraph` decided by the rules.
  /// - Complexity: O(length of the paragraph).
  func boundaries(in paragraph: Range<Int>) -> [Cut] {
    var cuts: [Cut] = []
    var sentenceStart = paragraph.lowerBound
    var item = listItem(at: sentenceStart, limit: paragraph.upperBound)
    var i = paragraph.lowerBound
    let table = siteBytes
    let end = paragraph.upperBound
    func accept(_ cut: Cut?) -> Bool {
      guard let cut, cut.end > sentenceStart, wordAhead.holdsWord(sentenceStart, cut.end, bytes) else {
        return false
      }
      cuts.append(cut)
      sentenceStart = cut.next
      i = cut.next
      item = listItem(at: sentenceStart, limit: end)
      return true
    }
    while i < end {
      // Fast skip of bytes that cannot start a site.
      while i < end && table[Int(bytes[i])] == 0 { i += 1 }
      guard i < end else { break }
      let (u, width) = scalar(bytes, i)
      // Inside a list item ("1. The first item 2. The second item"), the next marker of the
      // same list starts the next item.
      if let current = item, i > current.markerEnd,
        let cut = nextItemCut(at: i, after: current, paragraph: paragraph),
        accept(cut)
      {
        continue
      }
      switch u {
      case 0x0A:
        if mode == .text && accept(lineBreakCut(at: i, sentenceStart: sentenceStart, paragraph: paragraph)) {
          continue
        }
        i += 1
      case 0x3B:
        if accept(semicolonCut(at: i, sentenceStart: sentenceStart, paragraph: paragraph)) { continue }
        i += 1
      case 0x2014, 0x2013:
        if accept(interruptionCut(at: i, width: width, paragraph: paragraph)) { continue }
        i += width
      case _ where isTerminator(u):
        // The run of terminators: "." "?!" "..." "…" "?.." ...
        var runEnd = i + width
        while runEnd < end {
          let (v, w) = scalar(bytes, runEnd)
          if !isTerminator(v) { break }
          runEnd += w
        }
        if accept(
          terminatorCut(
            runStart: i, runEnd: runEnd, sentenceStart: sentenceStart, item: item, paragraph: paragraph))
        {
          continue
        }
        i = runEnd
      default:
        i += width
      }
    }
    return cuts
  }

  /// True when `range` holds a letter or a digit: a sentence is more than punctuation.
  func holdsWord(_ range: Range<Int>) -> Bool {
    var k = range.lowerBound
    while k < range.upperBound {
      let b = bytes[k]
      if b >= 0x30 && b <= 0x39 || b >= 0x41 && b <= 0x5A || b >= 0x61 && b <= 0x7A { return true }
      if b >= 0x80 {
        let (u, w) = scalar(bytes, k)
        if letterCase(u) != .notLetter { return true }
        k += w
      } else {
        k += 1
      }
    }
    return false
  }
}

extension Scanner {
  /// Skips closing marks (and footnote calls) after a terminator run; returns the end.
  func closersEnd(from start: Int, in paragraph: Range<Int>) -> (end: Int, hasQuoteOrBracket: Bool) {
    var j = start
    var found = false
    let end = paragraph.upperBound
    while j < end {
      let (u, w) = scalar(bytes, j)
      if isClosingMark(u) {
        // A straight quote is a closer unless a letter or digit follows it directly.
        if u == 0x22 || u == 0x27, j + w < end {
          let (v, _) = scalar(bytes, j + w)
          if letterCase(v) != .notLetter || isDigit(v) { break }
        }
        j += w
        found = true
        continue
      }
      if isSuperscriptDigit(u) {
        j += w
        continue
      }
      if u == 0x5B, let close = footnoteEnd(from: j, limit: end) {
        j = close
        continue
      }
      // Spaces before » › ” (French typography) or before a footnote call.
      if isSpaceScalar(u) && u != 0x0A {
        var k = j + w
        while k < end {
          let (v, vw) = scalar(bytes, k)
          if !isSpaceScalar(v) || v == 0x0A { break }
          k += vw
        }
        if k < end {
          let (v, _) = scalar(bytes, k)
          if isSpacedClosingMark(v) {
            j = k
            continue
          }
          // A spaced straight quote closes when one is open (« bête ! " Les … »).
          if v == 0x22, parity.isOpen(before: k, paragraphStart: paragraph.lowerBound, bytes) {
            j = k + 1
            found = true
            continue
          }
          if v == 0x5B, let close = footnoteEnd(from: k, limit: end) {
            j = close
            continue
          }
        }
      }
      break
    }
    return (j, found)
  }

  /// End of a footnote call `[12]`, `[a]`, `[…]`, `[...]` starting at `start` (a `[`), or nil.
  func footnoteEnd(from start: Int, limit: Int) -> Int? {
    var k = start + 1
    var count = 0
    while k < limit && count < 5 {
      let (u, w) = scalar(bytes, k)
      if u == 0x5D { return count > 0 ? k + 1 : nil }
      if !(isDigit(u) || u == 0x2E || u == 0x2026 || (count == 0 && letterCase(u) == .lower)) { return nil }
      k += w
      count += 1
    }
    return nil
  }

  /// Skips whitespace from `start`; returns the first non-space offset.
  func skipSpaces(from start: Int, limit: Int) -> Int {
    var k = start
    while k < limit {
      let b = bytes[k]
      if isASCIISpace(b) {
        k += 1
        continue
      }
      let w = startsWithUnicodeSpace(bytes, k, limit)
      if w == 0 { break }
      k += w
    }
    return k
  }

  /// The shape of what starts at `start` (opening marks skipped) and its first word.
  func nextWord(at start: Int, limit: Int) -> NextWord {
    var k = start
    var skippedOpening = false
    while k < limit {
      let (u, w) = scalar(bytes, k)
      if isOpeningMark(u) {
        k += w
        skippedOpening = true
        k = skipSpaces(from: k, limit: limit)
        continue
      }
      break
    }
    guard k < limit else { return NextWord(shape: .none, word: "") }
    let (u, w) = scalar(bytes, k)
    if !skippedOpening && isListMark(u) {
      // A list marker or dialogue dash needs a space (or a letter) after it.
      if k + w < limit {
        let (v, _) = scalar(bytes, k + w)
        if isSpaceScalar(v) || letterCase(v) == .upper { return NextWord(shape: .listMark, word: "") }
      }
      return NextWord(shape: .other, word: "")
    }
    if isDigit(u) { return NextWord(shape: .digit, word: "") }
    switch letterCase(u) {
    case .upper, .other:
      var e = k
      while e < limit {
        let (v, vw) = scalar(bytes, e)
        if letterCase(v) == .notLetter { break }
        e += vw
      }
      let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[k..<e]), as: UTF8.self)
      return NextWord(shape: letterCase(u) == .upper ? .upper : .other, word: word)
    case .lower:
      return NextWord(shape: .lower, word: "")
    case .notLetter:
      return NextWord(shape: .other, word: "")
    }
  }

  /// True when the token starting at `start` holds a letter or digit before the next space:
  /// a lone `.` or `”` after a sentence is not the start of another one.
  func startsWithWordToken(at start: Int, limit: Int) -> Bool {
    var k = start
    while k < limit {
      let (u, w) = scalar(bytes, k)
      if isSpaceScalar(u) { return false }
      if isDigit(u) || letterCase(u) != .notLetter { return true }
      if isListMark(u) || isOpeningMark(u) { return true }
      k += w
    }
    return false
  }

  /// The token (non-space run) ending at `end`, from `floor` at most.
  func tokenStart(endingAt end: Int, floor: Int) -> Int {
    var k = end
    while k > floor {
      let s = scalarStart(before: k, bytes)
      let (u, _) = scalar(bytes, s)
      if isSpaceScalar(u) { break }
      k = s
    }
    return k
  }

  func string(_ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  /// An ICU boundary after a terminator the rules do not know (another script's), as a cut.
  func foreignCut(at boundary: Int, in paragraph: Range<Int>) -> Cut? {
    var k = boundary
    while k > paragraph.lowerBound {
      let s = scalarStart(before: k, bytes)
      if !isSpaceScalar(scalar(bytes, s).0) { break }
      k = s
    }
    guard k > paragraph.lowerBound, k < paragraph.upperBound else { return nil }
    var t = scalarStart(before: k, bytes)
    while t > paragraph.lowerBound && isClosingMark(scalar(bytes, t).0) { t = scalarStart(before: t, bytes) }
    let (u, _) = scalar(bytes, t)
    // Only after punctuation of another script (。 ؟ । ...): letters, digits, ASCII and the
    // terminators above are the rules' business.
    if isTerminator(u) || isClosingMark(u) || u == 0x3B || u < 0x80 || isDigit(u)
      || letterCase(u) != .notLetter
    {
      return nil
    }
    // ICU breaks at every line break: only the text-mode rules decide those.
    let next = skipSpaces(from: k, limit: paragraph.upperBound)
    guard next < paragraph.upperBound, next == boundary || boundary > k else { return nil }
    return Cut(end: k, next: next)
  }

  /// Applies SRX decisions (sorted by offset): a break adds a boundary, a no-break removes the
  /// boundary whose gap (the whitespace around it) holds its position.
  /// - Complexity: O(cuts + decisions).
  func applySRX(_ decisions: [SRXDecision], to cuts: [Cut], in paragraph: Range<Int>) -> [Cut] {
    var result: [Cut] = []
    var removed = Set<Int>()
    var added: [Cut] = []
    var c = 0
    for decision in decisions {
      let position = decision.offset
      var left = position
      while left > paragraph.lowerBound {
        let s = scalarStart(before: left, bytes)
        if !isSpaceScalar(scalar(bytes, s).0) { break }
        left = s
      }
      let right = skipSpaces(from: position, limit: paragraph.upperBound)
      while c < cuts.count && cuts[c].next < left { c += 1 }
      let matching = c < cuts.count && cuts[c].end <= right && left <= cuts[c].next ? c : nil
      if decision.isBreak {
        if matching == nil && left > paragraph.lowerBound && right < paragraph.upperBound {
          added.append(Cut(end: left, next: right))
        }
      } else if let matching {
        removed.insert(matching)
      }
    }
    for (index, cut) in cuts.enumerated() where !removed.contains(index) { result.append(cut) }
    return added.isEmpty ? result : mergeCuts(result, added)
  }
}
