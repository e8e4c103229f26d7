// The Scanner's rules for text as it comes from pages: the width lines were wrapped at, and
// headings, captions and list items that end without punctuation inside a line.

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
    var lengths: [Int] = []
    var firstWords: [Int] = []
    var length = 0
    var trailing = 0  // spaces, tabs and carriage returns at the end of the line so far
    var firstWord = 0
    var inFirstWord = true  // until the first breakable space after a word
    for k in range {
      let b = bytes[k]
      if b == 0x0A {
        lengths.append(length - trailing)
        firstWords.append(firstWord)
        length = 0
        trailing = 0
        firstWord = 0
        inFirstWord = true
      } else if b & 0xC0 != 0x80 {
        let space = b == 0x20 || b == 0x09 || b == 0x0D
        length += 1
        trailing = space ? trailing + 1 : 0
        // No-break spaces (two or three bytes) belong to the word: « Pan Am » wraps as one.
        if space { inFirstWord = firstWord == 0 } else if inFirstWord { firstWord += 1 }
      }
    }
    lengths.append(length - trailing)
    firstWords.append(firstWord)
    let sorted = lengths.sorted()
    width = sorted[min(max(Int((0.9 * Double(sorted.count)).rounded(.up)), 1), sorted.count) - 1]
    let isLong = { (line: Int) in line * 10 >= self.width * 8 }
    if width < 40 || lengths.count < 2 {
      hardWrapped = false
    } else if lengths.count >= 4 {
      hardWrapped = lengths.filter(isLong).count * 2 >= lengths.count
    } else {
      hardWrapped = lengths.dropLast().allSatisfy(isLong)
    }
    let sums = lengths.indices.dropLast().map { lengths[$0] + 1 + firstWords[$0 + 1] }.filter(isLong).sorted()
    // Ten sums at least, or a few real ends would pass for forced breaks; and no lower than
    // 85 % of the width.
    let rank = min(max(Int((0.10 * Double(sums.count)).rounded(.up)), 1), max(sums.count, 1)) - 1
    fit = sums.count < 10 ? width + 1 : min(width + 1, max(sums[rank], width * 85 / 100))
  }

  /// The wrap width of the paragraph `range` (see the type).
  func width(of range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    measure(range, bytes)
    return width
  }
}

/// Bytes that may start a capitalised word: A to Z, and 0xC3 (the lead byte of À to Þ).
let capitalLeadBytes: [UInt8] = (0..<256).map { b in (0x41...0x5A).contains(b) || b == 0xC3 ? 1 : 0 }

/// The words of the rule for headings run into their text inside a line: the language's
/// starters but those that do not begin a sentence after a heading, with the FNV-1a hashes of
/// their UTF-8 bytes, the number words and the subject pronouns (`headings-fr.txt`,
/// `headings-en.txt` beside the abbreviations).
struct HeadingStarters {
  var words: Set<String>
  var hashes: Set<UInt64>
  var numbers: Set<String> = []
  var subjects: Set<String> = []

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
    hashes = Set(words.map { Self.hash(Array($0.utf8)[...]) })
  }

  /// The FNV-1a hash of `bytes`.
  static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
    bytes.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
  }
}

extension Scanner {
  /// The number of code points in `range`.
  func scalarCount(_ range: Range<Int>) -> Int {
    var count = 0
    for k in range where bytes[k] & 0xC0 != 0x80 { count += 1 }
    return count
  }

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
    let table = capitalLeadBytes
    // The first byte of a word is never the paragraph's first (that starts a sentence anyway).
    var k = paragraph.lowerBound + 1
    while k < end {
      // Fast skip to an ASCII capital or the lead byte of a two-byte Latin-1 one (À to Þ).
      while k < end && table[Int(bytes[k])] == 0 { k += 1 }
      guard k < end else { break }
      let previous = bytes[k - 1]
      let c = bytes[k]
      guard previous == 0x20 || previous == 0x0A, c != 0xC3 || k + 1 < end && bytes[k + 1] < 0x9F else {
        k += 1
        continue
      }
      if let cut = inlineHeadingCut(at: k, paragraph: paragraph) {
        cuts.append(cut)
        k = cut.next + 1
      } else {
        k += 1
      }
    }
    return cuts
  }

  /// The boundary before the capitalised word at `start`, if it starts a sentence that runs
  /// on from a heading (see `inlineHeadingCuts`).
  /// - Complexity: O(length of the token before and the word) plus `headingFragment`'s O(1).
  func inlineHeadingCut(at start: Int, paragraph: Range<Int>) -> Cut? {
    let end = paragraph.upperBound
    // The token before ends without punctuation (first: it rules out sentence starts).
    var previousEnd = start
    while previousEnd > paragraph.lowerBound
      && isSpaceScalar(scalar(bytes, scalarStart(before: previousEnd, bytes)).0)
    {
      previousEnd = scalarStart(before: previousEnd, bytes)
    }
    guard previousEnd > paragraph.lowerBound else { return nil }
    let (last, _) = scalar(bytes, scalarStart(before: previousEnd, bytes))
    guard letterCase(last) != .notLetter || isDigit(last) || last == 0x29 else { return nil }
    var wordEnd = start
    var letters = 0
    var upperLetters = 0
    while wordEnd < end {
      let (u, w) = scalar(bytes, wordEnd)
      let shape = letterCase(u)
      if shape == .notLetter { break }
      letters += 1
      if shape == .upper { upperLetters += 1 }
      wordEnd += w
      if letters > 12 { return nil }
    }
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
    // Most capitalised words are names: a hash of the bytes rules them out without a string.
    guard headingStarters.hashes.contains(HeadingStarters.hash(bytes[start..<wordEnd])) else { return nil }
    let word = string(start..<wordEnd)
    guard headingStarters.words.contains(word) else { return nil }
    // The token before: not a list marker (`1) The first item`), not a continuation word.
    let previousStart = tokenStart(endingAt: previousEnd, floor: paragraph.lowerBound)
    if let marker = listItem(at: previousStart, limit: end), marker.markerEnd == previousEnd { return nil }
    guard !continuations.contains(lowercasedWord(endingAt: previousEnd, floor: paragraph.lowerBound)),
      let fragment = headingFragment(endingAt: previousEnd, paragraph: paragraph)
    else { return nil }
    // A number word after two capitalised words is a part of a name (`Air Force One is`).
    if headingStarters.numbers.contains(word), fragment.capitalisedAtEnd >= 2 { return nil }
    return Cut(end: previousEnd, next: start)
  }

  /// What precedes a capitalised starter, back to the start of its paragraph or the
  /// last `.` `!` `?` `;` `:` (300 bytes at most), when it can be a heading: a letter among
  /// its characters (not a list or section number: `(21)`, `1.1`), and not a clause (it does not
  /// start with a subject pronoun: `Il lit le magazine Elle`). Several headings may run
  /// together before the text (`Effets indésirables Grossesse et allaitement Les données…`), so
  /// its length is not limited. Returns how many words at its end are capitalised, or nil.
  /// - Complexity: O(1): 300 bytes at most.
  func headingFragment(endingAt end: Int, paragraph: Range<Int>) -> (capitalisedAtEnd: Int, words: Int)? {
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
    let tokens = string(k..<end).split(whereSeparator: { $0.isWhitespace })
    // A fragment that starts where the search stopped (300 bytes back) has no known start.
    let startKnown = k > floor || k == paragraph.lowerBound
    if startKnown, let first = tokens.first?.prefix(while: { $0.isLetter }),
      headingStarters.subjects.contains(String(first))
    {
      return nil
    }
    var capitalised = 0
    for token in tokens.reversed() {
      guard token.first?.isUppercase == true else { break }
      capitalised += 1
    }
    return (capitalised, tokens.count)
  }
}
