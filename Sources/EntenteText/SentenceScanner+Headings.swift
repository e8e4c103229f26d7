// The Scanner's rules for text as it comes from pages: the width lines were wrapped at, and
// headings, captions and list items that end without punctuation inside a line.

/// The width the lines of the current paragraph were wrapped at, computed once per paragraph:
/// the 90th percentile of the line lengths in code points (the nearest rank, so the longest
/// line when there are fewer than ten), which one overlong line (a URL) does not move.
final class WrapWidth {
  var paragraph: Range<Int> = 0..<0
  var width = 0
  var hardWrapped = false

  /// True when the paragraph's lines were wrapped at a width: at least four lines, a width of
  /// 40 columns or more, and half the lines at least 80 % of it (a paragraph of one line each,
  /// short verse or lines broken by meaning are not; ragged lines broken by meaning whose
  /// lengths happen to pass are taken for wrapped).
  func isHardWrapped(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    _ = width(of: range, bytes)
    return hardWrapped
  }

  func width(of range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    if range == paragraph { return width }
    paragraph = range
    var lengths: [Int] = []
    var length = 0
    for k in range {
      let b = bytes[k]
      if b == 0x0A {
        lengths.append(length)
        length = 0
      } else if b & 0xC0 != 0x80 {
        length += 1
      }
    }
    lengths.append(length)
    lengths.sort()
    let rank = Int((0.9 * Double(lengths.count)).rounded(.up))
    width = lengths[min(max(rank, 1), lengths.count) - 1]
    let long = lengths.count - (lengths.firstIndex { $0 * 10 >= width * 8 } ?? lengths.count)
    hardWrapped = lengths.count >= 4 && width >= 40 && long * 2 >= lengths.count
    return width
  }
}

/// Bytes that may start a capitalised word: A to Z, and 0xC3 (the lead byte of À to Þ).
let capitalLeadBytes: [UInt8] = (0..<256).map { b in (0x41...0x5A).contains(b) || b == 0xC3 ? 1 : 0 }

/// The starters that may follow a heading inside a line (the language's starters but the
/// verse-line ones), with the FNV-1a hashes of their UTF-8 bytes.
struct HeadingStarters {
  var words: Set<String>
  var hashes: Set<UInt64>

  init(starters: Set<String>) {
    words = starters.subtracting(Scanner.verseLineStarters)
    hashes = Set(
      words.map { word in
        word.utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
      })
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
  /// wrapping: the next line's first token (starting at `next`) would have fitted on it.
  func lineHadRoom(lineLength: Int, next: Int, paragraph: Range<Int>) -> Bool {
    let width = wrap.width(of: paragraph, bytes)
    // The next line's first word up to a space a line may break at (not U+00A0, U+202F:
    // `« Pan Am »` is wrapped as one word).
    var tokenEnd = next
    while tokenEnd < paragraph.upperBound {
      let (u, w) = scalar(bytes, tokenEnd)
      if isSpaceScalar(u) && u != 0xA0 && u != 0x202F && u != 0x2007 { break }
      tokenEnd += w
    }
    let token = scalarCount(next..<tokenEnd)
    return lineLength + 1 + token <= width
  }

  /// Boundaries inside lines before a heading, caption or list item that has no final
  /// punctuation, where the text runs on into the next sentence (`… des réactions Les données
  /// suivantes …`, `… Lien externe L'instruction a révélé …`): a boundary goes before a
  /// capitalised word that usually starts a sentence (the language's starters: articles,
  /// pronouns, sentence adverbs, number words; not a single letter such as `A` or `I`, nor a
  /// coordinating conjunction or `To`, which start lines of verse) when
  ///
  /// - a lowercase word follows it (`Les données`, `L'incidence`, `Ensuite, les`; not
  ///   `Le Monde`, `La Haye`),
  /// - the token before it ends with a letter, a digit or a closing bracket, without punctuation,
  /// - and the word before it is not one after which a sentence cannot end (`de`, `the`, `with`:
  ///   the continuation words).
  ///
  /// Running text rarely capitalises a function word inside a sentence, except in names and
  /// titles, which are followed by another capital. Only French and English have starters.
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

  /// The start of the token ending at `end`.
  func previousToken(endingAt end: Int, paragraph: Range<Int>) -> Int {
    tokenStart(endingAt: end, floor: paragraph.lowerBound)
  }

  /// The FNV-1a hash of the bytes of `range`.
  func bytesHash(_ range: Range<Int>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for k in range { hash = (hash ^ UInt64(bytes[k])) &* 0x100_0000_01b3 }
    return hash
  }

  /// The number words among the starters (`Un` is also the article).
  static let numberWords: Set<String> = [
    "Un", "Une", "Deux", "Trois", "Quatre", "Cinq", "Six", "Sept", "Huit", "Neuf", "Dix", "Onze",
    "Douze", "Treize", "Quatorze", "Quinze", "Seize", "Vingt", "Trente", "Quarante", "Cinquante",
    "Cent", "Mille", "One", "Two", "Three", "Four", "Five", "Seven", "Eight", "Nine", "Ten",
  ]

  /// Starters that begin a line of verse more often than a sentence after a heading: the
  /// coordinating conjunctions and `To` (`… will be doubly dear To one, who …` is one sentence).
  static let verseLineStarters: Set<String> = [
    "And", "But", "Or", "Nor", "So", "Yet", "To", "Et", "Mais", "Ou", "Donc", "Car", "Ni",
  ]

  /// The boundary before the capitalised word at `start`, if it starts a sentence that runs
  /// on from a heading (see `inlineHeadingCuts`).
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
    guard headingStarters.hashes.contains(bytesHash(start..<wordEnd)),
      headingStarters.words.contains(string(start..<wordEnd))
    else { return nil }
    // The token before: not a continuation word (its end was checked first).
    // A number word after a capitalised word is part of a name (`Kim Jong Un pour`,
    // `Formula One is`), not a sentence start.
    if Self.numberWords.contains(string(start..<wordEnd)),
      letterCase(scalar(bytes, previousToken(endingAt: previousEnd, paragraph: paragraph)).0) == .upper
    {
      return nil
    }
    // Not after a list marker (`1) The first item`).
    let previousToken = tokenStart(endingAt: previousEnd, floor: paragraph.lowerBound)
    if let marker = listItem(at: previousToken, limit: end), marker.markerEnd == previousEnd { return nil }
    let previousWord = lowercasedWord(endingAt: previousEnd, floor: paragraph.lowerBound)
    guard !continuations.contains(previousWord),
      fragmentHoldsLetter(endingAt: previousEnd, paragraph: paragraph)
    else { return nil }
    return Cut(end: previousEnd, next: start)
  }

  /// True when the text before `end`, back to the paragraph start or the last `.` `!` `?`
  /// (200 bytes at most), holds a letter: a list or section number (`(21)`, `1.1`, `4`) before
  /// the capitalised word starts its sentence rather than ending one.
  func fragmentHoldsLetter(endingAt end: Int, paragraph: Range<Int>) -> Bool {
    var k = end
    let floor = max(paragraph.lowerBound, end - 200)
    while k > floor {
      let s = scalarStart(before: k, bytes)
      let (u, _) = scalar(bytes, s)
      if letterCase(u) != .notLetter { return true }
      if isTerminator(u) { return false }
      k = s
    }
    return k > paragraph.lowerBound
  }
}
