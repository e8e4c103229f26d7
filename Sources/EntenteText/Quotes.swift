// Quote extraction for French and English text: one pass over the Unicode scalars with a stack
// of open quotes. Every range is in UTF-8 bytes of the string given.

/// One quotation in a text: where it is, with and without its marks, and how deep it is nested.
///
/// Ranges are `Range<Int>` of UTF-8 byte offsets into the string given to
/// ``extractQuotes(from:language:)``.
public struct Quote: Sendable, Hashable, Codable {
  /// The quotation with its marks: from the opening mark to the end of the closing mark, or,
  /// when it is unclosed, to the end of its last non-space character.
  public var range: Range<Int>
  /// The quoted text alone: inside the marks, without the spaces just inside them (U+0020,
  /// U+00A0, U+202F or any other white space, as in `« mot »`). Empty, at the end of the
  /// opening mark, when there is nothing but space between the marks.
  public var contentRange: Range<Int>
  /// The opening mark as written: `«`, `“`, `„`, `‘`, `‹` or `"`.
  public var opening: String
  /// The closing mark as written (`»`, `”`, `“`, `’`, `›` or `"`); empty when `isClosed` is false.
  public var closing: String
  /// How many of the quotes returned with this one enclose it: 0 for an outermost quote.
  public var depth: Int
  /// False when no mark closed the quote: it ran to the end of its paragraph or of the text,
  /// or an enclosing quote closed first.
  public var isClosed: Bool

  /// Makes a quote from its parts (ranges in UTF-8 bytes).
  public init(
    range: Range<Int>, contentRange: Range<Int>, opening: String, closing: String, depth: Int,
    isClosed: Bool
  ) {
    self.range = range
    self.contentRange = contentRange
    self.opening = opening
    self.closing = closing
    self.depth = depth
    self.isClosed = isClosed
  }
}

/// The quotations of `text`, nested ones included, in the order of their opening marks.
///
/// Marks recognised, in either language:
/// - `«` … `»` and `‹` … `›`, with or without a space (U+0020, U+00A0, U+202F) inside;
/// - `“` … `”`, and `„` closed by `“` or `”`. A `“` closes an open `“` or `„` only when it is
///   placed like a closing mark (after a word or punctuation, before a space, punctuation or
///   the end), as in `„Zitat“` or a mistyped `“mot“`; otherwise it opens.
/// - `‘` … `’`. A `’` with a letter or digit after it is an apostrophe (`l’Agence`, `don’t`);
///   any other `’` closes a `‘` only when that is the innermost open quote, and is otherwise an
///   apostrophe (`students’`). So `‘the students’ books’` ends at `students’`: without looking
///   ahead the two cannot be told apart. A `‘` between two letters (`l‘Agence`) or before a
///   digit (`the ‘90s`) is an apostrophe. A `‘` that no `’` closes is not reported.
/// - Straight `"`, opening or closing by its place: after a space, the start or an opening
///   bracket or apostrophe and before a word it opens (`d'"autres`); after a word or
///   punctuation and before a space, punctuation or the end it closes an open `"` (and is
///   otherwise ignored: `12" pizza`); between two spaces, or between two punctuation marks, it
///   closes an open `"` or else opens one (`" mot "`), unless the end or closing punctuation
///   follows.
/// - The straight `'` is always taken as an apostrophe or a prime, never as a quote mark.
///
/// A closing mark closes the innermost open quote it can close; quotes opened inside that one
/// and still open end there, unclosed. An opening mark met while the innermost open quote was
/// opened by the same mark ends that quote, unclosed, first: marks nest by alternating kinds
/// (`‘…’` inside `“…”`, `“…”` inside `«…»`), so `“A. “B.` is two unclosed quotes, not one
/// inside the other. A closing mark that nothing can close is ignored, so a
/// stray mark (the machine-translation artefact `“… la Russie”. .”`) produces nothing. A `”`
/// never closes a `«` (nor `»` a `“`): in a mixture such as `« mot ”` the quote runs on to its
/// `»` or to the end of the paragraph. Quotes never overlap: each one lies inside the quote
/// that was innermost when it opened.
///
/// Paragraphs are separated by a blank line (two line breaks with only spaces between them) or
/// U+2029; a single line break does not end a quote, so a quote may cover several lines and
/// sentences. At a paragraph break open quotes end unclosed, unless the next paragraph begins
/// with the outermost quote's own opening mark (the English and French convention for a
/// quotation of several paragraphs): then that quote goes on, the repeated mark is part of it,
/// and only the quotes inside it end at the break. In French, a `»` that begins a paragraph
/// or a line while a `«` is open is a reminder mark (guillemet de rappel), not a closing one.
/// An opening mark with nothing after it before its paragraph ends is not reported.
///
/// - Parameters:
///   - text: The text to search.
///   - language: A BCP 47 language tag; French (`fr`, `fr-CA`, `fr_BE`, `fra`) gets the French
///     reminder-mark rule above, any other language the English rules.
/// - Returns: The quotes, ordered by the position of their opening marks; ranges are UTF-8 byte
///   offsets into `text`.
/// - Complexity: O(n): one pass over the scalars of `text` with a stack of open quotes.
public func extractQuotes(from text: String, language: String) -> [Quote] {
  let primary = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first
  var scanner = QuoteScanner(isFrench: ["fr", "fra", "fre"].contains(primary ?? ""))
  var offset = 0
  var previous: Unicode.Scalar? = nil
  var iterator = text.unicodeScalars.makeIterator()
  var current = iterator.next()
  while let scalar = current {
    let next = iterator.next()
    scanner.consume(scalar, at: offset, previous: previous, next: next)
    offset += scalar.utf8.count
    previous = scalar
    current = next
  }
  return scanner.finish()
}

// MARK: - The scanner

/// The kinds of opening mark; each kind keeps the stack positions of its open quotes.
private enum OpeningKind: Int, CaseIterable {
  case guillemet, singleGuillemet, curlyDouble, lowDouble, curlySingle, straightDouble

  init?(_ scalar: Unicode.Scalar) {
    switch scalar {
    case "«": self = .guillemet
    case "‹": self = .singleGuillemet
    case "“": self = .curlyDouble
    case "„": self = .lowDouble
    case "‘": self = .curlySingle
    case "\"": self = .straightDouble
    default: return nil
    }
  }
}

/// A quote whose opening mark has been read and whose end has not.
private struct OpenQuote {
  /// Index of its slot in the result.
  var slot: Int
  var kind: OpeningKind
  var mark: Unicode.Scalar
  var start: Int
  var markEnd: Int
  /// Start of the first non-space scalar after the mark, once read.
  var contentStart: Int?
}

/// What a mark does to the stack.
private enum QuoteAction {
  case open(OpeningKind)
  case close(stackIndex: Int)
  case ignore
}

/// The state of one pass over a text.
private struct QuoteScanner {
  let isFrench: Bool
  /// Result slots, filled when a quote ends; nil for quotes that are not reported.
  var slots: [Quote?] = []
  var stack: [OpenQuote] = []
  /// For each `OpeningKind`, the stack indices of its open quotes, innermost last.
  var openByKind: [[Int]] = Array(repeating: [], count: OpeningKind.allCases.count)
  /// End of the last non-space scalar read.
  var lastContentEnd = 0
  /// Line breaks read since the last non-space scalar (U+2029 counts two); a CR LF counts one.
  var lineBreaks = 0
  var afterCarriageReturn = false
  var isAtTextStart = true

  init(isFrench: Bool) { self.isFrench = isFrench }

  mutating func consume(
    _ scalar: Unicode.Scalar, at offset: Int, previous: Unicode.Scalar?, next: Unicode.Scalar?
  ) {
    if scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    {
      countLineBreak(scalar)
      return
    }
    let isLineStart = isAtTextStart || lineBreaks >= 1
    if lineBreaks >= 2 && !stack.isEmpty && endParagraph(continuingWith: scalar) {
      // The paragraph repeats (or, in French, recalls) the outermost quote's mark: go on.
      finishScalar(scalar, at: offset)
      return
    }
    let action: QuoteAction
    if isFrench && isLineStart && scalar == "»" && !openByKind[OpeningKind.guillemet.rawValue].isEmpty {
      action = .ignore  // guillemet de rappel
    } else {
      action = self.action(for: scalar, previous: previous, next: next)
    }
    switch action {
    case .open(let kind):
      // A mark rarely nests inside a quote it opened itself (nesting takes the other kind: ‘ ’
      // inside “ ”, “ ” inside « »): the open one was left unclosed, and ends here. French
      // also nests « » inside « » (« Il a dit : « non » hier »), so a guillemet ends the one
      // it meets only when two are open already. Either way open quotes of one mark stay at
      // most two deep, and a text of many unclosed quotes is read in linear time.
      if let innermost = stack.last, innermost.kind == kind && innermost.mark == scalar,
        kind != .guillemet || openByKind[kind.rawValue].count >= 2
      {
        endUnclosed()
      }
      fillContentStart(at: offset)
      let slot = slots.count
      slots.append(nil)
      let end = offset + scalar.utf8.count
      openByKind[kind.rawValue].append(stack.count)
      stack.append(
        OpenQuote(slot: slot, kind: kind, mark: scalar, start: offset, markEnd: end, contentStart: nil))
    case .close(let index):
      while stack.count > index + 1 { endUnclosed() }
      let open = popQuote()
      let end = offset + scalar.utf8.count
      let content = open.contentStart.map { $0..<lastContentEnd } ?? open.markEnd..<open.markEnd
      slots[open.slot] = Quote(
        range: open.start..<end, contentRange: content, opening: String(open.mark),
        closing: String(scalar), depth: 0, isClosed: true)
    case .ignore:
      fillContentStart(at: offset)
    }
    finishScalar(scalar, at: offset)
  }

  /// Ends every open quote, unclosed, at the end of the text, and returns the quotes with
  /// their depths counted among the quotes reported (a dropped `‘` does not count).
  mutating func finish() -> [Quote] {
    while !stack.isEmpty { endUnclosed() }
    var quotes = slots.compactMap { $0 }
    var enclosingEnds: [Int] = []
    for k in quotes.indices {
      while let end = enclosingEnds.last, end <= quotes[k].range.lowerBound { enclosingEnds.removeLast() }
      quotes[k].depth = enclosingEnds.count
      enclosingEnds.append(quotes[k].range.upperBound)
    }
    return quotes
  }

  // MARK: Steps

  private mutating func countLineBreak(_ scalar: Unicode.Scalar) {
    switch scalar {
    case "\r":
      lineBreaks += 1
      afterCarriageReturn = true
      return
    case "\n":
      if !afterCarriageReturn { lineBreaks += 1 }
    case "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}":
      lineBreaks += 1
    case "\u{2029}":
      lineBreaks += 2
    default:
      break
    }
    afterCarriageReturn = false
  }

  private mutating func finishScalar(_ scalar: Unicode.Scalar, at offset: Int) {
    lastContentEnd = offset + scalar.utf8.count
    lineBreaks = 0
    afterCarriageReturn = false
    isAtTextStart = false
  }

  /// Handles a paragraph break before `scalar`: returns true when `scalar` continues the
  /// outermost quote (only the quotes inside it end), false when every open quote has ended.
  private mutating func endParagraph(continuingWith scalar: Unicode.Scalar) -> Bool {
    let outermost = stack[0]
    let continues =
      OpeningKind(scalar) == outermost.kind && scalar == outermost.mark
      || (isFrench && outermost.kind == .guillemet && scalar == "»")
    while stack.count > (continues ? 1 : 0) { endUnclosed() }
    return continues
  }

  /// The first non-space scalar after an opening mark starts that quote's content.
  private mutating func fillContentStart(at offset: Int) {
    if let last = stack.indices.last, stack[last].contentStart == nil {
      stack[last].contentStart = offset
    }
  }

  private mutating func popQuote() -> OpenQuote {
    let open = stack.removeLast()
    openByKind[open.kind.rawValue].removeLast()
    return open
  }

  /// Ends the innermost open quote without a closing mark, after the last non-space scalar.
  /// Empty quotes and unclosed `‘` (most often an apostrophe) are dropped.
  private mutating func endUnclosed() {
    let open = popQuote()
    guard let contentStart = open.contentStart, open.kind != .curlySingle else { return }
    slots[open.slot] = Quote(
      range: open.start..<max(lastContentEnd, open.markEnd), contentRange: contentStart..<lastContentEnd,
      opening: String(open.mark), closing: "", depth: 0, isClosed: false)
  }

  // MARK: Deciding

  /// Stack index of the innermost open quote of `kind` (or of `other`), if any.
  private func innermost(_ kind: OpeningKind, _ other: OpeningKind? = nil) -> Int? {
    let first = openByKind[kind.rawValue].last
    guard let other, let second = openByKind[other.rawValue].last else { return first }
    return max(first ?? -1, second)
  }

  private func action(for scalar: Unicode.Scalar, previous: Unicode.Scalar?, next: Unicode.Scalar?)
    -> QuoteAction
  {
    // Letters and most punctuation are no mark: decided before the place is looked at.
    if scalar.isASCII ? scalar != "\"" : !["«", "‹", "„", "»", "›", "”", "“", "‘", "’"].contains(scalar) {
      return .ignore
    }
    let place = MarkPlace(previous: previous, next: next)
    switch scalar {
    case "«": return .open(.guillemet)
    case "‹": return .open(.singleGuillemet)
    case "„": return .open(.lowDouble)
    case "»": return close(innermost(.guillemet))
    case "›": return close(innermost(.singleGuillemet))
    case "”": return close(innermost(.curlyDouble, .lowDouble))
    case "“":
      if place.isClosingOnly, let index = innermost(.curlyDouble, .lowDouble) {
        return .close(stackIndex: index)
      }
      return .open(.curlyDouble)
    case "‘":
      if place.isClosingOnly, stack.last?.kind == .curlySingle { return .close(stackIndex: stack.count - 1) }
      if place.isWithinWord || next?.properties.numericType != nil { return .ignore }
      return .open(.curlySingle)
    case "’":
      if let next, next.isWordScalar { return .ignore }  // l’Agence, don’t
      if stack.last?.kind == .curlySingle { return .close(stackIndex: stack.count - 1) }
      return .ignore
    case "\"":
      return straightQuoteAction(place)
    default:
      return .ignore
    }
  }

  private func close(_ index: Int?) -> QuoteAction {
    index.map { .close(stackIndex: $0) } ?? .ignore
  }

  private func straightQuoteAction(_ place: MarkPlace) -> QuoteAction {
    let open = innermost(.straightDouble)
    switch (place.canOpen, place.canClose) {
    case (true, false):
      return .open(.straightDouble)
    case (false, true):
      return close(open)
    case (true, true) where place.isWithinWord:
      return close(open)
    default:
      // Between two spaces or two punctuation marks: close if one is open, else open (not
      // before the end or closing punctuation).
      if let open { return .close(stackIndex: open) }
      return place.canStartQuote ? .open(.straightDouble) : .ignore
    }
  }
}

/// Where a mark stands between its neighbours, in the manner of CommonMark's flanking rules.
private struct MarkPlace {
  /// A word, or punctuation other than a closing one, follows; and either a word follows or a
  /// space or punctuation precedes.
  var canOpen: Bool
  /// A non-space precedes, and either a word precedes or a space or punctuation follows.
  var canClose: Bool
  /// Neither the end nor closing punctuation (`.`, `,`, `)`, `»`...) follows.
  var canStartQuote: Bool
  var isWithinWord: Bool

  init(previous: Unicode.Scalar?, next: Unicode.Scalar?) {
    let previousIsSpace = previous?.properties.isWhitespace ?? true
    let nextIsSpace = next?.properties.isWhitespace ?? true
    let previousIsPunctuation = previous?.isPunctuationOrSymbol ?? false
    let nextIsPunctuation = next?.isPunctuationOrSymbol ?? false
    canStartQuote = next.map { !$0.isClosingPunctuation } ?? false
    canOpen =
      !nextIsSpace && canStartQuote && (!nextIsPunctuation || previousIsSpace || previousIsPunctuation)
    canClose = !previousIsSpace && (!previousIsPunctuation || nextIsSpace || nextIsPunctuation)
    isWithinWord = (previous?.isWordScalar ?? false) && (next?.isWordScalar ?? false)
  }

  /// Placed like a closing mark only: after a word or punctuation, before a space,
  /// punctuation or the end.
  var isClosingOnly: Bool { canClose && !canOpen }
}

fileprivate extension Unicode.Scalar {
  /// A letter, digit or combining mark: part of a word.
  var isWordScalar: Bool {
    if properties.isAlphabetic || properties.numericType != nil { return true }
    switch properties.generalCategory {
    case .nonspacingMark, .spacingMark, .enclosingMark: return true
    default: return false
    }
  }

  /// Punctuation that ends something: `. , ; : ! ? … ) ] } » ” ’ ›`.
  var isClosingPunctuation: Bool {
    switch self {
    case ".", ",", ";", ":", "!", "?", "…", ")", "]", "}", "»", "”", "’", "›": true
    default: false
    }
  }

  /// General category P* or S*.
  var isPunctuationOrSymbol: Bool {
    switch properties.generalCategory {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
      .modifierSymbol, .otherSymbol:
      return true
    default:
      return false
    }
  }
}
