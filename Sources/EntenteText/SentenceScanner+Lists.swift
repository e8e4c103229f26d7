// The Scanner's list rules: list-item markers, the cut before the next item of a list, and
// line breaks inside a paragraph after a headline or a list item.

extension Scanner {
  /// A list item's marker: a bullet, a number or letter with `.` `)` or `.)`, or both.
  struct ListItem {
    /// The bullet, if any (•, ⁃, -, *, –, ▪...).
    var bullet: UInt32?
    /// The number (1, 2...) or letter (a=1, b=2...) of the item, if any.
    var number: Int?
    var isLetter = false
    /// Where the number or letter starts, and what follows it (".", ")", ".)").
    var numberStart = -1
    var suffix: [UInt8] = []
    /// End of the marker (before the space after it).
    var markerEnd: Int
  }

  /// The list-item marker at `start` followed by a space, or nil.
  func listItem(at start: Int, limit: Int) -> ListItem? {
    guard start < limit else { return nil }
    var k = start
    var bullet: UInt32?
    let (u, w) = scalar(bytes, k)
    if isListMark(u) {
      bullet = u
      k += w
      while k < limit && bytes[k] == 0x20 { k += 1 }
    }
    var number: Int?
    var isLetter = false
    let numberStart = k
    var digits = 0
    var value = 0
    while k < limit && isDigit(UInt32(bytes[k])) && digits < 3 {
      value = value * 10 + Int(bytes[k] - 0x30)
      k += 1
      digits += 1
    }
    if digits > 0 {
      number = value
    } else if k + 1 < limit, bytes[k] >= 0x61 && bytes[k] <= 0x7A || bytes[k] >= 0x41 && bytes[k] <= 0x5A,
      bytes[k + 1] == 0x2E || bytes[k + 1] == 0x29
    {
      number = Int(bytes[k] | 0x20) - 0x60
      isLetter = true
      k += 1
    }
    var suffix: [UInt8] = []
    if number != nil {
      while k < limit && (bytes[k] == 0x2E || bytes[k] == 0x29) && suffix.count < 2 {
        suffix.append(bytes[k])
        k += 1
      }
      if suffix.isEmpty { return nil }
    }
    guard number != nil || bullet != nil, k < limit, bytes[k] == 0x20 || bytes[k] == 0x09 else { return nil }
    return ListItem(
      bullet: bullet, number: number, isLetter: isLetter, numberStart: number == nil ? -1 : numberStart,
      suffix: suffix, markerEnd: k)
  }

  /// A cut before the marker of the item after `current` starting at `i` (after a space).
  func nextItemCut(at i: Int, after current: ListItem, paragraph: Range<Int>) -> Cut? {
    // The marker must start a token: find the token holding i.
    let tokenFrom = tokenStart(endingAt: i, floor: current.markerEnd)
    guard tokenFrom > current.markerEnd, bytes[tokenFrom - 1] == 0x20,
      let next = listItem(at: tokenFrom, limit: paragraph.upperBound), next.bullet == current.bullet,
      next.markerEnd > i || next.markerEnd == i + 1 || (next.bullet != nil && tokenFrom == i)
    else { return nil }
    if let number = current.number {
      guard let nextNumber = next.number, nextNumber == number + 1, next.isLetter == current.isLetter,
        next.suffix == current.suffix
      else { return nil }
    } else if next.number != nil {
      return nil
    }
    // The item's text starts with a capital.
    let textStart = skipSpaces(from: next.markerEnd, limit: paragraph.upperBound)
    guard nextWord(at: textStart, limit: paragraph.upperBound).shape == .upper else { return nil }
    var endOfItem = tokenFrom
    while endOfItem > current.markerEnd && isASCIISpace(bytes[endOfItem - 1]) { endOfItem -= 1 }
    return Cut(end: endOfItem, next: tokenFrom)
  }

  /// A line break inside a paragraph (text mode): a boundary after a headline, caption, list
  /// item, salutation or rule line, and at the end of a hard-wrapped paragraph (see the README's
  /// "Page text").
  /// - Complexity: O(length of the line and the next) for one line break.
  func lineBreakCut(at i: Int, sentenceStart: Int, paragraph: Range<Int>) -> Cut? {
    let end = paragraph.upperBound
    // The line before: from the previous line feed (or paragraph start) to i.
    var lineStart = i
    while lineStart > paragraph.lowerBound && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
    var lineEnd = i
    while lineEnd > lineStart
      && (isASCIISpace(bytes[lineEnd - 1]) || endsWithUnicodeSpace(bytes, lineStart, lineEnd) > 0)
    {
      lineEnd -= isASCIISpace(bytes[lineEnd - 1]) ? 1 : endsWithUnicodeSpace(bytes, lineStart, lineEnd)
    }
    guard lineEnd > lineStart, lineEnd > sentenceStart else { return nil }
    let next = skipSpaces(from: i, limit: end)
    guard next < end else { return nil }
    let lastStart = scalarStart(before: lineEnd, bytes)
    let (last, _) = scalar(bytes, lastStart)
    let lineLength = scalarCount(lineStart..<lineEnd)
    // Whether the line ends with a word after which a sentence goes on (read at most once).
    lazy var endsWithContinuation = continuations.contains(
      lowercasedWord(endingAt: lineEnd, floor: lineStart))
    // In a hard-wrapped paragraph, a line that stops well short of the width (8 columns to
    // spare beyond the next line's first word, for proportional fonts) ends its paragraph,
    // whatever ends it and however the next line starts (comments, messages, a question
    // answered in lowercase), unless it ends with a hyphen or dash, an opening mark (`«`, `(`)
    // or a word after which a sentence goes on.
    if wrap.isHardWrapped(paragraph, bytes), last != 0x2D, last != 0x2013, last != 0x2014,
      !(isOpeningMark(last) && !isClosingMark(last)),
      lineHadRoom(lineLength: lineLength + 8, next: next, paragraph: paragraph), !endsWithContinuation,
      wordAhead.holdsWord(sentenceStart, lineEnd, bytes)
    {
      return Cut(end: lineEnd, next: next)
    }
    // A line ending with a terminator was decided at the terminator; one ending inside a
    // sentence (comma, conjunction, hyphenated word) continues.
    if isTerminator(last)
      || isClosingMark(last) && lastStart > lineStart
        && isTerminator(scalar(bytes, scalarStart(before: lastStart, bytes)).0)
    {
      return nil
    }
    // A rule line (`-----`, `*****`) on either side is a boundary: it separates parts.
    let nextLineEnd = lineEndOffset(from: next, limit: end)
    if !holdsWord(lineStart..<lineEnd) || !holdsWord(next..<nextLineEnd) {
      return wordAhead.holdsWord(sentenceStart, lineEnd, bytes) ? Cut(end: lineEnd, next: next) : nil
    }
    if last == 0x2C {
      // A salutation or a closing (`Dear Nina,`, `Best regards,`): a line of at most three
      // words ending with a comma, before a capitalised line, where the line break was not
      // forced by wrapping. A longer line ending with a comma continues (verse, lists).
      guard wordCount(lineStart..<lineEnd) <= 3,
        nextWord(at: next, limit: end).shape == .upper,
        lineHadRoom(lineLength: lineLength, next: next, paragraph: paragraph)
      else { return nil }
      return Cut(end: lineEnd, next: next)
    }
    if last == 0x2D || last == 0x3B || last == 0x2013 || last == 0x2014
      || isOpeningMark(last) && !isClosingMark(last)
    {
      return nil
    }
    let lineFirst = skipSpaces(from: lineStart, limit: lineEnd)
    let thisIsItem = isListItemStart(at: lineFirst, limit: lineEnd)
    let nextIsItem = isListItemStart(at: next, limit: end)
    if nextIsItem || thisIsItem { return Cut(end: lineEnd, next: next) }
    // A headline, title, caption or list line: a line without final punctuation, then a
    // capitalised line, when the line does not end with a word after which a sentence goes on,
    // and in a hard-wrapped paragraph when the break was not forced (the next line's first word
    // would have fitted). A paragraph that is not hard-wrapped is a stack of lines broken by
    // meaning (headline and decks, a list, an address): each such line ends its part.
    let following = nextWord(at: next, limit: end)
    guard following.shape == .upper || following.shape == .digit else { return nil }
    guard !endsWithContinuation else { return nil }
    // A line ending with `:` too (`Ingrédients :` before a list).
    if !wrap.isHardWrapped(paragraph, bytes)
      || lineHadRoom(lineLength: lineLength, next: next, paragraph: paragraph)
    {
      return Cut(end: lineEnd, next: next)
    }
    // A forced-looking break before a dateline (`SEOUL –`, `PARIS (AFP) —`) still ends a
    // headline: a word in capitals, up to two more words in capitals or in brackets, then a dash.
    if startsWithDateline(at: next, limit: lineEndOffset(from: next, limit: end)) {
      return Cut(end: lineEnd, next: next)
    }
    return nil
  }

  /// True when a dateline starts at `start`: one to three words in capitals (or in brackets,
  /// `(AFP)`), then a dash (`-`, `–`, `—`) between spaces.
  func startsWithDateline(at start: Int, limit: Int) -> Bool {
    var k = start
    var words = 0
    while k < limit && words < 4 {
      let tokenEnd = tokenEnd(from: k, limit: limit)
      let token = string(k..<tokenEnd)
      if words > 0 && (token == "-" || token == "–" || token == "—") { return true }
      let letters = token.unicodeScalars.filter { letterCase($0.value) != .notLetter }
      let bracketed = token.hasPrefix("(") && token.hasSuffix(")")
      guard letters.count >= 2, bracketed || letters.allSatisfy({ letterCase($0.value) == .upper }) else {
        return false
      }
      words += 1
      k = skipSpaces(from: tokenEnd, limit: limit)
    }
    return false
  }

  /// A list item marker at `k`: a bullet or dash and a space, or "1." / "1)" / "a)" and a space.
  func isListItemStart(at k: Int, limit: Int) -> Bool {
    guard k < limit else { return false }
    let (u, w) = scalar(bytes, k)
    if isListMark(u) {
      guard k + w < limit else { return false }
      return isSpaceScalar(scalar(bytes, k + w).0)
    }
    var j = k
    var digits = 0
    while j < limit && isDigit(UInt32(bytes[j])) && digits < 3 {
      j += 1
      digits += 1
    }
    if digits == 0, j < limit, letterCase(UInt32(bytes[j])) != .notLetter, j + 1 < limit, bytes[j + 1] == 0x29
    {
      return j + 2 < limit && bytes[j + 2] == 0x20
    }
    guard digits > 0, j + 1 < limit, bytes[j] == 0x2E || bytes[j] == 0x29 else { return false }
    return isSpaceScalar(UInt32(bytes[j + 1]))
  }
}
