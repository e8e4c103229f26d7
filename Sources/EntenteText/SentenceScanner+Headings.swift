// The Scanner's rules for text as it comes from pages: the width lines were wrapped at, and
// headings, captions and list items that end without punctuation inside a line.

#if canImport(Glibc)
  import Glibc
#endif

/// How the lines of the current paragraph were wrapped, computed once per paragraph.
///
/// - `width`: the 90th percentile of the line lengths in code points, trailing spaces and
///   carriage returns left out (the nearest rank, so the longest line when there are fewer than
///   ten), which one overlong line (a URL) does not move.
/// - `fit`: the shortest line a wrapping would have broken, estimated from the line breaks
///   themselves. At each break, a line's length plus a space plus the next line's first word is
///   more than the width the line was wrapped at, when the wrapping forced the break. Of these
///   sums that are at least 80 % of `width` (the plausibly forced ones), the 15th percentile,
///   and at most `width + 1`: text wrapped at one width gives `width + 1`, text whose lines vary
///   (proportional fonts, justified or PDF text) a lower figure, so that its short lines are not
///   taken for ends.
final class WrapWidth {
  var paragraph: Range<Int> = 0..<0
  var width = 0
  var fit = 0
  var hardWrapped = false

  /// True when the paragraph's lines were wrapped at a width of 40 columns or more: of four
  /// lines or more, half at least 80 % of the width; of two or three, all but the last. A
  /// paragraph of one line, a stack of short lines (headline and decks, a list, an address),
  /// short verse and lines broken by meaning are not (ragged lines whose lengths happen to
  /// pass are taken for wrapped).
  func isHardWrapped(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    measure(range, bytes)
    return hardWrapped
  }

  /// The sum a line, a space and the next line's first word must stay under for the break to
  /// be one the wrapping did not force (see the type).
  func fit(of range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    measure(range, bytes)
    return fit
  }

  /// Measures the paragraph `range` (see the type), unless it was the last one measured.
  /// - Complexity: O(n + L log L) for n bytes and L lines, once per paragraph.
  func measure(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) {
    if range == paragraph { return }
    paragraph = range
    // Each line's length (trailing spaces and carriage returns left out) and first word's
    // length (up to a breakable space: no-break spaces belong to the word, « Pan Am » wraps
    // as one), found line by line with memchr and counted eight bytes at a time.
    var lengths: [Int32] = []
    var firstWords: [Int32] = []
    guard let base = bytes.baseAddress else { return }
    var start = range.lowerBound
    while true {
      let found = memchr(base + start, 0x0A, range.upperBound - start)
      let end =
        found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
        ?? range.upperBound
      var trimmed = end
      while trimmed > start
        && (bytes[trimmed - 1] == 0x20 || bytes[trimmed - 1] == 0x09 || bytes[trimmed - 1] == 0x0D)
      {
        trimmed -= 1
      }
      var wordStart = start
      while wordStart < trimmed && (bytes[wordStart] == 0x20 || bytes[wordStart] == 0x09) { wordStart += 1 }
      var wordEnd = wordStart
      while wordEnd < trimmed && bytes[wordEnd] != 0x20 && bytes[wordEnd] != 0x09 { wordEnd += 1 }
      lengths.append(Int32(scalarCount(in: bytes, start..<trimmed)))
      firstWords.append(Int32(scalarCount(in: bytes, wordStart..<wordEnd)))
      guard end < range.upperBound else { break }
      start = end + 1
    }
    // The sums line + space + next line's first word, in the lines' order, before sorting.
    var sums: [Int32] = []
    sums.reserveCapacity(lengths.count)
    for k in lengths.indices.dropLast() { sums.append(lengths[k] + 1 + firstWords[k + 1]) }
    firstWords = []
    let lastLength = lengths.last ?? 0
    let count = lengths.count
    lengths.sort()
    width = Int(lengths[min(max(Int((0.9 * Double(count)).rounded(.up)), 1), count) - 1])
    let isLong = { (line: Int32) in Int(line) * 10 >= self.width * 8 }
    if width < 40 || count < 2 {
      hardWrapped = false
    } else if count >= 4 {
      // Sorted: the long lines are the last ones.
      let long = count - (lengths.firstIndex(where: isLong) ?? count)
      hardWrapped = long * 2 >= count
    } else {
      // All but the last line long: every line long, or the last the only short one.
      let short = lengths.filter { !isLong($0) }.count
      hardWrapped = short == 0 || short == 1 && !isLong(lastLength)
    }
    sums = sums.filter(isLong)
    sums.sort()
    // Ten sums at least, or a few real ends would pass for forced breaks; and no lower than
    // 85 % of the width.
    let rank = min(max(Int((0.10 * Double(sums.count)).rounded(.up)), 1), max(sums.count, 1)) - 1
    fit = sums.count < 10 ? width + 1 : min(width + 1, max(Int(sums[rank]), width * 85 / 100))
  }

  /// The wrap width of the paragraph `range` (see the type).
  func width(of range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    measure(range, bytes)
    return width
  }
}

/// The words of the rule for headings run into their text inside a line: the language's
/// starters but those that do not begin a sentence after a heading, with the FNV-1a hashes of
/// their UTF-8 bytes, the number words and the subject pronouns (`headings-fr.txt`,
/// `headings-en.txt` beside the abbreviations).
struct HeadingStarters {
  var words: Set<String>
  /// The FNV-1a hashes of `words`' UTF-8 bytes in an open-addressing table (0: empty), looked up
  /// for every capitalised word inside a line, which a `Set`'s SipHash made slow.
  var table: [UInt64]
  var numbers: Set<String> = []
  var subjects: Set<String> = []

  /// Whether a word of the set may have the FNV-1a hash `hash` (then compare the word).
  func mayContain(hash: UInt64) -> Bool {
    let mask = table.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while table[i] != 0 {
      if table[i] == hash { return true }
      i = (i + 1) & mask
    }
    return false
  }

  init(language: String, starters: Set<String>) {
    var notAfter = Set<String>()
    for line in (resourceText("abbreviations/headings-\(language).txt") ?? "").split(separator: "\n") {
      let fields = line.split(separator: " ")
      guard fields.count == 2, !line.hasPrefix("#") else { continue }
      switch fields[0] {
      case "not-after": notAfter.insert(String(fields[1]))
      case "number": numbers.insert(String(fields[1]))
      case "subject": subjects.insert(String(fields[1]))
      default: break
      }
    }
    words = starters.subtracting(notAfter)
    var size = 16
    while size < words.count * 4 { size *= 2 }
    table = Array(repeating: 0, count: size)
    for word in words {
      let hash = Self.hash(word.utf8)
      var i = Int(truncatingIfNeeded: hash) & (size - 1)
      while table[i] != 0 && table[i] != hash { i = (i + 1) & (size - 1) }
      table[i] = hash
    }
  }

  /// The FNV-1a hash of `bytes`.
  static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
    bytes.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
  }
}

/// The number of code points in `bytes[range]` (UTF-8): the bytes less the continuation bytes,
/// counted eight at a time.
/// - Complexity: O(range length).
func scalarCount(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
  var k = range.lowerBound
  var continuations = 0
  let high: UInt64 = 0x8080_8080_8080_8080
  if let base = bytes.baseAddress {
    while k + 8 <= range.upperBound {
      let x = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
      // Bit 7 set and bit 6 clear: 10xxxxxx.
      continuations += (x & ~(x << 1) & high).nonzeroBitCount
      k += 8
    }
  }
  while k < range.upperBound {
    if bytes[k] & 0xC0 == 0x80 { continuations += 1 }
    k += 1
  }
  return range.count - continuations
}

extension Scanner {
  /// The number of code points in `range`.
  func scalarCount(_ range: Range<Int>) -> Int { EntenteText.scalarCount(in: bytes, range) }

  /// The end of the token (non-space run) starting at `start`.
  func tokenEnd(from start: Int, limit: Int) -> Int {
    var k = start
    while k < limit {
      let (u, w) = scalar(bytes, k)
      if isSpaceScalar(u) { break }
      k += w
    }
    return k
  }

  /// The end of the line holding `start` (its line feed, or `limit`).
  func lineEndOffset(from start: Int, limit: Int) -> Int {
    var k = start
    while k < limit && bytes[k] != 0x0A { k += 1 }
    return k
  }

  /// The number of space-separated tokens in `range`.
  func wordCount(_ range: Range<Int>) -> Int {
    var count = 0
    var inToken = false
    var k = range.lowerBound
    while k < range.upperBound {
      let (u, w) = scalar(bytes, k)
      let space = isSpaceScalar(u)
      if !space && !inToken { count += 1 }
      inToken = !space
      k += w
    }
    return count
  }

  /// The letters ending at `end` (a word, without what precedes it), lowercased.
  func lowercasedWord(endingAt end: Int, floor: Int) -> String {
    var k = end
    while k > floor {
      let s = scalarStart(before: k, bytes)
      if letterCase(scalar(bytes, s).0) == .notLetter { break }
      k = s
    }
    return string(k..<end).lowercased()
  }

  /// True when the line break after a line of `lineLength` code points was not forced by
  /// wrapping: the line, a space and the next line's first word (starting at `next`) stay under
  /// the paragraph's `WrapWidth.fit`.
  func lineHadRoom(lineLength: Int, next: Int, paragraph: Range<Int>) -> Bool {
    let fit = wrap.fit(of: paragraph, bytes)
    // The next line's first word up to a space a line may break at (not U+00A0, U+202F:
    // `« Pan Am »` is wrapped as one word).
    var tokenEnd = next
    while tokenEnd < paragraph.upperBound {
      let (u, w) = scalar(bytes, tokenEnd)
      if isSpaceScalar(u) && u != 0xA0 && u != 0x202F && u != 0x2007 { break }
      tokenEnd += w
    }
    let token = scalarCount(next..<tokenEnd)
    return lineLength + 1 + token < fit
  }

  /// Boundaries inside lines before a heading, caption or list item that has no final
  /// punctuation, where the text runs on into the next sentence (`… des réactions Les données
  /// suivantes …`, `… Lien externe L'instruction a révélé …`), in text mode: a boundary
  /// goes before a capitalised word that usually starts a sentence (the language's starters:
  /// articles, pronouns, sentence adverbs, number words; not a single letter such as `A` or `I`,
  /// nor the `not-after` words of `headings-*.txt`: conjunctions and `To`, which start lines of
  /// verse, English auxiliaries) when
  ///
  /// - a lowercase word follows it (`Les données`, `L'incidence`, `Ensuite, les`; not
  ///   `Le Monde`, `La Haye`),
  /// - the token before it ends with a letter, a digit or a closing bracket, without punctuation,
  ///   and is neither a list marker nor a continuation word (`de`, `the`, `intitulé`),
  /// - the text back to the last terminator holds a letter and does not start with a subject
  ///   pronoun (`headingFragment`),
  /// - and it is not a number word after two capitalised words (`Air Force One is`).
  ///
  /// Running text rarely capitalises a function word inside a sentence, except in names and
  /// titles, which are mostly followed by another capital. Only French and English have
  /// starters.
  /// - Complexity: O(length of the paragraph).
  func inlineHeadingCuts(in paragraph: Range<Int>) -> [Cut] {
    guard !starters.isEmpty else { return [] }
    var cuts: [Cut] = []
    let end = paragraph.upperBound
    // The first byte of a word is never the paragraph's first (that starts a sentence anyway).
    var k = paragraph.lowerBound + 1
    while k < end {
      k = nextCapitalWordStart(from: k, end: end)
      guard k < end else { break }
      if let cut = inlineHeadingCut(at: k, paragraph: paragraph) {
        cuts.append(cut)
        k = cut.next + 1
      } else {
        k += 1
      }
    }
    return cuts
  }

  /// The first offset from `start` (before `end`, after `start - 1`) that starts a capitalised
  /// word after a space or a line feed: A to Z, or the lead byte of À to Þ (0xC3 before 0x80 to
  /// 0x9E); `end` if none.
  /// - Complexity: O(end − start), eight bytes per step (the exact per-byte tests of "Bit
  ///   Twiddling Hacks": no carry crosses a byte).
  func nextCapitalWordStart(from start: Int, end: Int) -> Int {
    var k = start
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let high: UInt64 = 0x8080_8080_8080_8080
    /// High bit set in each byte of `v` that is zero.
    @inline(__always) func zeroBytes(_ v: UInt64) -> UInt64 { ~(((v & low) &+ low) | v | low) }
    func isStart(_ j: Int) -> Bool {
      let b = bytes[j]
      let previous = bytes[j - 1]
      guard previous == 0x20 || previous == 0x0A else { return false }
      return b &- 0x41 < 26 || b == 0xC3 && j + 1 < end && bytes[j + 1] &- 0x80 < 0x1F
    }
    if let base = bytes.baseAddress, k >= 1 {
      while k + 8 <= end {
        let x = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
        // Each byte's predecessor: the block shifted by one byte, and the byte before it.
        let previous = (x << 8) | UInt64(bytes[k - 1])
        let afterSpace = zeroBytes(previous ^ (ones &* 0x20)) | zeroBytes(previous ^ (ones &* 0x0A))
        let low7 = x & low
        let capital = ((ones &* (127 + 0x5B)) &- low7) & ~x & (low7 &+ ones &* (127 - 0x40)) & high
        var candidates = (capital | zeroBytes(x ^ (ones &* 0xC3))) & afterSpace
        while candidates != 0 {
          let j = k + candidates.trailingZeroBitCount / 8
          if isStart(j) { return j }
          candidates &= candidates &- 1
        }
        k += 8
      }
    }
    while k < end {
      if k >= 1 && isStart(k) { return k }
      k += 1
    }
    return end
  }

  /// The boundary before the capitalised word at `start`, if it starts a sentence that runs
  /// on from a heading (see `inlineHeadingCuts`).
  /// - Complexity: O(length of the token before and the word) plus `headingFragment`'s O(1).
  func inlineHeadingCut(at start: Int, paragraph: Range<Int>) -> Cut? {
    let end = paragraph.upperBound
    // The token before ends without punctuation (first: it rules out sentence starts).
    var previousEnd = start
    while previousEnd > paragraph.lowerBound {
      let b = bytes[previousEnd - 1]
      if b == 0x20 || b == 0x0A {
        previousEnd -= 1
      } else if b >= 0x80 && isSpaceScalar(scalar(bytes, scalarStart(before: previousEnd, bytes)).0) {
        previousEnd = scalarStart(before: previousEnd, bytes)
      } else {
        break
      }
    }
    guard previousEnd > paragraph.lowerBound else { return nil }
    let (last, _) = scalar(bytes, scalarStart(before: previousEnd, bytes))
    guard letterCase(last) != .notLetter || isDigit(last) || last == 0x29 else { return nil }
    // The word, and its FNV-1a hash as it goes: most capitalised words are names, which the
    // hash rules out first.
    var wordEnd = start
    var letters = 0
    var upperLetters = 0
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    while wordEnd < end {
      let (u, w) = scalar(bytes, wordEnd)
      let shape = letterCase(u)
      if shape == .notLetter { break }
      letters += 1
      if shape == .upper { upperLetters += 1 }
      for k in wordEnd..<(wordEnd + w) { hash = (hash ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
      wordEnd += w
      if letters > 12 { return nil }
    }
    guard headingStarters.mayContain(hash: hash) else { return nil }
    // The word after: past an elision's apostrophe (`L'incidence`), or past the spaces.
    var after = wordEnd
    // An elided article or pronoun: one letter or `Qu` (not English `I`, as in `I'm`).
    let elided =
      letters <= 2 && after < end && (bytes[after] == 0x27 || scalar(bytes, after).0 == 0x2019)
      && !(letters == 1 && bytes[start] == 0x49)
    if elided {
      after += bytes[after] == 0x27 ? 1 : 3
    } else {
      // A sentence adverb may take a comma (`Ensuite, les marqueurs`).
      if after < end && bytes[after] == 0x2C { after += 1 }
      guard letters >= 2, upperLetters == 1, after < end, isSpaceScalar(scalar(bytes, after).0) else {
        return nil
      }
      after = skipSpaces(from: after, limit: end)
    }
    guard after < end, letterCase(scalar(bytes, after).0) == .lower else { return nil }
    let word = string(start..<wordEnd)
    guard headingStarters.words.contains(word) else { return nil }
    // The token before: not a list marker (`1) The first item`), not a continuation word.
    let previousStart = tokenStart(endingAt: previousEnd, floor: paragraph.lowerBound)
    if let marker = listItem(at: previousStart, limit: end), marker.markerEnd == previousEnd { return nil }
    guard !continuations.contains(lowercasedWord(endingAt: previousEnd, floor: paragraph.lowerBound)),
      let capitalisedAtEnd = headingFragment(endingAt: previousEnd, paragraph: paragraph)
    else { return nil }
    // A number word after two capitalised words is a part of a name (`Air Force One is`).
    if headingStarters.numbers.contains(word), capitalisedAtEnd >= 2 { return nil }
    return Cut(end: previousEnd, next: start)
  }

  /// What precedes a capitalised starter, back to the start of its paragraph or the
  /// last `.` `!` `?` `;` `:` (300 bytes at most), when it can be a heading: a letter among
  /// its characters (not a list or section number: `(21)`, `1.1`), and not a clause (it does not
  /// start with a subject pronoun: `Il lit le magazine Elle`). Several headings may run
  /// together before the text (`Effets indésirables Grossesse et allaitement Les données…`), so
  /// its length is not limited. Returns how many words at its end are capitalised (two at
  /// most, as the rules need), or nil.
  /// - Complexity: O(1): 300 bytes at most, read on the bytes.
  func headingFragment(endingAt end: Int, paragraph: Range<Int>) -> Int? {
    let floor = max(paragraph.lowerBound, end - 300)
    var k = end
    var hasLetter = false
    while k > floor {
      let s = scalarStart(before: k, bytes)
      let (u, _) = scalar(bytes, s)
      if isTerminator(u) || u == 0x3B || u == 0x3A { break }
      if letterCase(u) != .notLetter { hasLetter = true }
      k = s
    }
    guard hasLetter else { return nil }
    // A fragment that starts where the search stopped (300 bytes back) has no known start.
    if k > floor || k == paragraph.lowerBound {
      let first = skipSpaces(from: k, limit: end)
      var wordEnd = first
      while wordEnd < end {
        let (u, w) = scalar(bytes, wordEnd)
        if letterCase(u) == .notLetter { break }
        wordEnd += w
      }
      if wordEnd > first, wordEnd - first <= 8, headingStarters.subjects.contains(string(first..<wordEnd)) {
        return nil
      }
    }
    // The capitalised tokens at its end, back from `end`.
    var capitalised = 0
    var tokenEnd = end
    while capitalised < 2 && tokenEnd > k {
      let tokenFrom = tokenStart(endingAt: tokenEnd, floor: k)
      guard tokenFrom < tokenEnd, letterCase(scalar(bytes, tokenFrom).0) == .upper else { break }
      capitalised += 1
      tokenEnd = tokenFrom
      while tokenEnd > k && isSpaceScalar(scalar(bytes, scalarStart(before: tokenEnd, bytes)).0) {
        tokenEnd = scalarStart(before: tokenEnd, bytes)
      }
    }
    return capitalised
  }
}
