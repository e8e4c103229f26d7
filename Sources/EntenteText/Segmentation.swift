// Sentence segmentation: ICU's sentence break (UAX #29) plus language rules for French and English.
internal import CICUShim

/// How a text is cut into paragraphs before sentences.
public enum InputMode: String, Sendable, Hashable, Codable, CaseIterable {
  /// Paragraphs are separated by blank lines (or U+2029 PARAGRAPH SEPARATOR); a single line break
  /// inside a paragraph is a space, unless it ends a headline or a list item.
  case text
  /// Every line is a paragraph of its own (one segment per line, as hunalign and Vecalign take
  /// it); a line holding several sentences is still split.
  case lines
}

/// A paragraph: a hard boundary no sentence crosses.
public struct Paragraph: Sendable, Hashable, Codable {
  /// UTF-8 byte range in the text, without surrounding whitespace.
  public var range: Range<Int>
  /// 0-based position among the paragraphs of the text.
  public var index: Int

  public init(range: Range<Int>, index: Int) {
    self.range = range
    self.index = index
  }
}

/// A sentence: its range in the original text and its paragraph.
///
/// Ranges are UTF-8 byte offsets into the text that was segmented. A sentence has no leading or
/// trailing whitespace; the sentences of a text plus the gaps between them give back the text
/// exactly.
public struct Sentence: Sendable, Hashable, Codable {
  /// UTF-8 byte range in the text.
  public var range: Range<Int>
  /// 0-based index of the paragraph holding the sentence.
  public var paragraph: Int

  public init(range: Range<Int>, paragraph: Int) {
    self.range = range
    self.paragraph = paragraph
  }
}

extension String {
  /// The text of a UTF-8 byte range of this string.
  /// - Complexity: O(range length) for native strings.
  public func slice(utf8 range: Range<Int>) -> String {
    let view = utf8
    let start = view.index(view.startIndex, offsetBy: range.lowerBound)
    let end = view.index(start, offsetBy: range.count)
    return String(self[start..<end])
  }
}

/// The paragraphs of `text` in `mode` (UTF-8 byte ranges, trimmed; blank paragraphs omitted).
/// - Complexity: O(n).
public func paragraphs(of text: String, mode: InputMode) -> [Paragraph] {
  var copy = text
  return copy.withUTF8 { paragraphs(of: $0, mode: mode) }
}

func paragraphs(of bytes: UnsafeBufferPointer<UInt8>, mode: InputMode) -> [Paragraph] {
  var result: [Paragraph] = []
  let n = bytes.count
  var lineStart = 0
  var blockStart = -1  // first byte of the current paragraph's first non-blank line
  var blockEnd = 0  // end of its last non-blank line
  func close() {
    guard blockStart >= 0 else { return }
    var s = blockStart
    var e = blockEnd
    while s < e, isASCIISpace(bytes[s]) || startsWithUnicodeSpace(bytes, s, e) > 0 {
      s += isASCIISpace(bytes[s]) ? 1 : startsWithUnicodeSpace(bytes, s, e)
    }
    while e > s, isASCIISpace(bytes[e - 1]) || endsWithUnicodeSpace(bytes, s, e) > 0 {
      e -= isASCIISpace(bytes[e - 1]) ? 1 : endsWithUnicodeSpace(bytes, s, e)
    }
    if s < e { result.append(Paragraph(range: s..<e, index: result.count)) }
    blockStart = -1
  }
  while lineStart <= n {
    // A line ends at LF, or at U+2029 PARAGRAPH SEPARATOR (E2 80 A9), which also ends the paragraph.
    var lineEnd = lineStart
    var separatorWidth = 1
    var endsParagraph = false
    while lineEnd < n {
      let b = bytes[lineEnd]
      if b == 0x0A { break }
      if b == 0xE2 && lineEnd + 2 < n && bytes[lineEnd + 1] == 0x80 && bytes[lineEnd + 2] == 0xA9 {
        separatorWidth = 3
        endsParagraph = true
        break
      }
      lineEnd += 1
    }
    var blank = true
    var k = lineStart
    while k < lineEnd {
      let b = bytes[k]
      if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C {
        k += 1
      } else if let w = Optional(startsWithUnicodeSpace(bytes, k, lineEnd)), w > 0 {
        k += w
      } else {
        blank = false
        break
      }
    }
    switch mode {
    case .lines:
      if !blank {
        blockStart = lineStart
        blockEnd = lineEnd
        close()
      }
    case .text:
      if blank {
        close()
      } else {
        if blockStart < 0 { blockStart = lineStart }
        blockEnd = lineEnd
      }
      if endsParagraph { close() }
    }
    if lineEnd >= n { break }
    lineStart = lineEnd + separatorWidth
  }
  close()
  return result
}

/// Cuts text into sentences: ICU's sentence break iterator (UAX #29) for every script, and at
/// the terminators the language rules know (`.` `!` `?` `…` `;` and line breaks inside a
/// paragraph), Entente's rules for French and English, which fix what UAX #29 gets wrong there:
///
/// - closing quotes and brackets stay with their sentence whatever space precedes them
///   (`« … demain. » Le`, with U+0020, U+00A0 or U+202F), and so do footnote calls (`.[12]`);
/// - abbreviations from data files (`M.`, `Dr`, `cf.`, `p. ex.`, `etc.`), single initials
///   (`J. Chirac`), hyphenated and dotted initials and acronyms (`J.-P.`, `U.S.`, `S.N.C.F.`):
///   no boundary, unless a word that usually starts a sentence follows (`… aux U.S. The …`);
/// - list numbers at the start of a sentence (`1. Tout individu`) are not sentence ends;
/// - an ellipsis (`…`, `...`) is a boundary before a capitalised word, not before a lowercase one;
/// - a period before a lowercase word is a boundary unless an abbreviation or initial precedes;
///   `?` and `!` before a lowercase word are boundaries in English, not in French
///   (`Qui est là ? demanda-t-il`), and never after a closing quote (`« Quoi ? » dit-il`);
/// - `;` before a capitalised word is a boundary (list items, run-on sentences);
/// - no boundary where no space follows (`3.5`, `www.example.org`, `?q=1`);
/// - a line break inside a paragraph is a boundary only after a headline or list item (a line
///   without final punctuation that is short or starts or precedes a list marker);
/// - a trailing credit such as `(Belga)` or `(AFP)` at the end of a paragraph stays with the last
///   sentence; paragraph breaks are always boundaries.
///
/// Other languages get ICU's boundaries plus the generic rules (quotes, spaces, ellipsis, lists).
/// User SRX rules, when given, decide first wherever one of them matches.
///
/// Not thread-safe (it owns an ICU break iterator): use one per task.
public final class SentenceSegmenter {
  /// The language code the rules are for ("fr", "en", or another ICU locale).
  public let language: String
  /// The abbreviations in force: the built-in list plus the user's.
  public let abbreviations: Abbreviations
  private let starters: Set<String>
  private let rules: LanguageRules
  private let iterator: BreakIterator
  private let srx: SRXRuleSet?

  /// Makes a segmenter for `language`.
  /// - Parameters:
  ///   - language: a BCP 47 or ICU language code; `fr` and `en` (with any region) get their
  ///     rules and abbreviation lists.
  ///   - extraAbbreviations: the user's abbreviations, added to the built-in list.
  ///   - srx: compiled SRX rules whose decisions override Entente's where they match.
  /// - Throws: `ICUError` if ICU cannot open a sentence break iterator for the locale.
  public init(
    language: String, extraAbbreviations: Abbreviations = Abbreviations(), srx: SRXRuleSet? = nil
  ) throws(ICUError) {
    self.language = language
    let base = baseLanguage(language)
    var abbreviations = Abbreviations.builtIn(language: base)
    abbreviations.merge(extraAbbreviations)
    self.abbreviations = abbreviations
    starters = resourceWords("abbreviations/starters-\(base).txt")
    rules = LanguageRules(language: base)
    iterator = try BreakIterator(kind: .sentence, locale: language.replacingOccurrences(of: "-", with: "_"))
    self.srx = srx
  }

  /// The sentences of `text`, in order.
  /// - Parameters:
  ///   - text: the text; offsets in the result are UTF-8 byte offsets into it.
  ///   - mode: how paragraphs are delimited.
  /// - Throws: `ICUError` if ICU fails.
  /// - Complexity: O(n).
  public func sentences(in text: String, mode: InputMode = .text) throws(ICUError) -> [Sentence] {
    var copy = text
    var result: Result<[Sentence], ICUError> = .success([])
    copy.withUTF8 { buffer in
      result = Result { () throws(ICUError) in try self.sentences(in: buffer, mode: mode) }
    }
    return try result.get()
  }

  /// The sentences of UTF-8 `bytes` (already validated), in order.
  /// - Complexity: O(n).
  public func sentences(inUTF8 bytes: [UInt8], mode: InputMode = .text) throws(ICUError) -> [Sentence] {
    var result: Result<[Sentence], ICUError> = .success([])
    bytes.withUnsafeBufferPointer { buffer in
      result = Result { () throws(ICUError) in try self.sentences(in: buffer, mode: mode) }
    }
    return try result.get()
  }

  func sentences(in buffer: UnsafeBufferPointer<UInt8>, mode: InputMode) throws(ICUError) -> [Sentence] {
    let icuBoundaries = try iterator.boundaries(of: buffer)
    let srxDecisions = try srx.map { rules throws(ICUError) in try rules.decisions(in: Array(buffer)) } ?? []
    let paragraphList = paragraphs(of: buffer, mode: mode)
    let scanner = Scanner(
      bytes: buffer, abbreviations: abbreviations, starters: starters, rules: rules, mode: mode)
    var result: [Sentence] = []
    result.reserveCapacity(buffer.count / 100 + 1)
    var icuIndex = 0
    var srxIndex = 0
    for paragraph in paragraphList {
      var cuts = scanner.boundaries(in: paragraph.range)
      // ICU's boundaries after terminators the rules do not know (other scripts).
      while icuIndex < icuBoundaries.count && icuBoundaries[icuIndex] <= paragraph.range.lowerBound {
        icuIndex += 1
      }
      var extra: [Cut] = []
      while icuIndex < icuBoundaries.count && icuBoundaries[icuIndex] < paragraph.range.upperBound {
        if let cut = scanner.foreignCut(at: icuBoundaries[icuIndex], in: paragraph.range) {
          extra.append(cut)
        }
        icuIndex += 1
      }
      if !extra.isEmpty { cuts = mergeCuts(cuts, extra) }
      // SRX decisions inside this paragraph.
      while srxIndex < srxDecisions.count && srxDecisions[srxIndex].offset <= paragraph.range.lowerBound {
        srxIndex += 1
      }
      var decisions: [SRXDecision] = []
      while srxIndex < srxDecisions.count && srxDecisions[srxIndex].offset < paragraph.range.upperBound {
        decisions.append(srxDecisions[srxIndex])
        srxIndex += 1
      }
      if !decisions.isEmpty { cuts = scanner.applySRX(decisions, to: cuts, in: paragraph.range) }
      var start = paragraph.range.lowerBound
      for cut in cuts where cut.end > start && cut.next < paragraph.range.upperBound {
        result.append(Sentence(range: start..<cut.end, paragraph: paragraph.index))
        start = cut.next
      }
      result.append(Sentence(range: start..<paragraph.range.upperBound, paragraph: paragraph.index))
    }
    return result
  }
}

/// A boundary inside a paragraph: the sentence before ends at `end`, the next starts at `next`
/// (the whitespace between them is the gap).
struct Cut: Hashable {
  var end: Int
  var next: Int
}

func mergeCuts(_ a: [Cut], _ b: [Cut]) -> [Cut] {
  var all = a + b
  all.sort { $0.end < $1.end }
  var result: [Cut] = []
  for cut in all {
    if let last = result.last, cut.end < last.next { continue }
    result.append(cut)
  }
  return result
}

/// Switches of the language rules.
struct LanguageRules {
  /// `?` and `!` before a lowercase word end the sentence (English informal text), or not
  /// (French: `Qui est là ? demanda-t-il`).
  var breakBeforeLowercaseAfterQuestion: Bool
  /// A period before a lowercase word ends the sentence unless an abbreviation precedes.
  var breakBeforeLowercaseAfterPeriod: Bool

  init(language: String) {
    switch language {
    case "en":
      breakBeforeLowercaseAfterQuestion = true
      breakBeforeLowercaseAfterPeriod = true
    case "fr":
      breakBeforeLowercaseAfterQuestion = false
      breakBeforeLowercaseAfterPeriod = true
    default:
      breakBeforeLowercaseAfterQuestion = false
      breakBeforeLowercaseAfterPeriod = false
    }
  }
}

// MARK: - Character classes on UTF-8

@inline(__always) func isASCIISpace(_ b: UInt8) -> Bool {
  b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
}

/// Width of a non-ASCII space (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000, U+1680, U+0085,
/// U+2028, U+2029) starting at `i`, or 0.
@inline(__always) func startsWithUnicodeSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
  let c = b[i]
  if c == 0xC2 && i + 1 < end && (b[i + 1] == 0xA0 || b[i + 1] == 0x85) { return 2 }
  if c == 0xE2 && i + 2 < end {
    let c1 = b[i + 1]
    let c2 = b[i + 2]
    if c1 == 0x80 && ((0x80...0x8A).contains(c2) || c2 == 0xAF || c2 == 0xA8 || c2 == 0xA9) { return 3 }
    if c1 == 0x81 && c2 == 0x9F { return 3 }
  }
  if c == 0xE3 && i + 2 < end && b[i + 1] == 0x80 && b[i + 2] == 0x80 { return 3 }
  if c == 0xE1 && i + 2 < end && b[i + 1] == 0x9A && b[i + 2] == 0x80 { return 3 }
  return 0
}

/// Width of a non-ASCII space ending just before `e`, or 0.
@inline(__always) func endsWithUnicodeSpace(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
  if e - 2 >= s && b[e - 2] == 0xC2 && (b[e - 1] == 0xA0 || b[e - 1] == 0x85) { return 2 }
  if e - 3 >= s && startsWithUnicodeSpace(b, e - 3, e) == 3 { return 3 }
  return 0
}

/// Decodes the scalar starting at `i` (valid UTF-8 assumed); returns (value, width).
@inline(__always) func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
  let c = b[i]
  if c < 0x80 { return (UInt32(c), 1) }
  if c < 0xE0 { return (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
  if c < 0xF0 {
    return (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
  }
  return (
    UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
      | UInt32(b[i + 3] & 0x3F), 4
  )
}

/// Start of the scalar that ends just before `i`.
@inline(__always) func scalarStart(before i: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int {
  var k = i - 1
  while k > 0 && b[k] & 0xC0 == 0x80 { k -= 1 }
  return k
}

enum LetterCase { case upper, lower, other, notLetter }

@inline(__always) func letterCase(_ u: UInt32) -> LetterCase {
  if u < 0x80 {
    if u >= 0x41 && u <= 0x5A { return .upper }
    if u >= 0x61 && u <= 0x7A { return .lower }
    return .notLetter
  }
  switch ent_letter_case(Int32(bitPattern: u)) {
  case 1: return .upper
  case 2: return .lower
  case 0: return .other
  default: return .notLetter
  }
}

@inline(__always) func isDigit(_ u: UInt32) -> Bool { u >= 0x30 && u <= 0x39 }

@inline(__always) func isSpaceScalar(_ u: UInt32) -> Bool {
  u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0x0B || u == 0x0C || u == 0xA0
    || u == 0x85 || (u >= 0x2000 && u <= 0x200A) || u == 0x202F || u == 0x205F || u == 0x3000
    || u == 0x2028 || u == 0x2029 || u == 0x1680
}

/// Sentence terminators the rules know: . ! ? … ‼ ⁇ ⁈ ⁉ and the full-width forms of ! ? .
@inline(__always) func isTerminator(_ u: UInt32) -> Bool {
  u == 0x2E || u == 0x21 || u == 0x3F || u == 0x2026 || u == 0x203C || u == 0x2047 || u == 0x2048
    || u == 0x2049 || u == 0xFF01 || u == 0xFF1F || u == 0xFF0E
}

/// Closing quotation marks and brackets that stay with the sentence they follow.
@inline(__always) func isClosingMark(_ u: UInt32) -> Bool {
  switch u {
  case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0xBB, 0x2019, 0x201D, 0x203A, 0x300D, 0x300F, 0xFF09: true
  default: false
  }
}

/// Closing marks that may be preceded by a space in French typography (» › ”).
@inline(__always) func isSpacedClosingMark(_ u: UInt32) -> Bool { u == 0xBB || u == 0x203A || u == 0x201D }

/// Opening quotation marks and brackets.
@inline(__always) func isOpeningMark(_ u: UInt32) -> Bool {
  switch u {
  case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0xAB, 0x2018, 0x201C, 0x201E, 0x2039, 0xBF, 0xA1, 0x300C, 0x300E: true
  default: false
  }
}

/// List markers and dialogue dashes: - • * – — · ▪ ► ‣ ◦.
@inline(__always) func isListMark(_ u: UInt32) -> Bool {
  switch u {
  case 0x2D, 0x2A, 0x2022, 0x2013, 0x2014, 0xB7, 0x25AA, 0x25BA, 0x2023, 0x25E6, 0x2043: true
  default: false
  }
}

/// Superscript digits used as footnote calls.
@inline(__always) func isSuperscriptDigit(_ u: UInt32) -> Bool {
  u == 0xB9 || u == 0xB2 || u == 0xB3 || (u >= 0x2070 && u <= 0x2079)
}

// MARK: - The rules

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

/// The longest line of the current paragraph, computed once per paragraph.
final class LongestLine {
  var paragraph: Range<Int> = 0..<0
  var length = 0

  func longestLine(in range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    if range == paragraph { return length }
    paragraph = range
    length = 0
    var start = range.lowerBound
    for k in range where bytes[k] == 0x0A {
      length = max(length, k - start)
      start = k + 1
    }
    length = max(length, range.upperBound - start)
    return length
  }
}

struct Scanner {
  let parity = QuoteParity()
  let lines = LongestLine()
  let bytes: UnsafeBufferPointer<UInt8>
  let abbreviations: Abbreviations
  let starters: Set<String>
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
      guard let cut, cut.end > sentenceStart, holdsWord(sentenceStart..<cut.end) else { return false }
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
  func semicolonCut(at i: Int, sentenceStart: Int, paragraph: Range<Int>) -> Cut? {
    let end = paragraph.upperBound
    // Inside brackets ("(Smith, 2015; Mulligan, 2016)") a semicolon separates items.
    var depth = 0
    for k in sentenceStart..<i {
      if bytes[k] == 0x28 || bytes[k] == 0x5B {
        depth += 1
      } else if bytes[k] == 0x29 || bytes[k] == 0x5D {
        depth = max(0, depth - 1)
      }
    }
    if depth > 0 { return nil }
    // An HTML entity (&amp;) is not punctuation.
    let tokenFrom = tokenStart(endingAt: i, floor: paragraph.lowerBound)
    if tokenFrom < i && bytes[tokenFrom] == 0x26 { return nil }
    let closeEnd = i + 1
    let next = skipSpaces(from: closeEnd, limit: end)
    if next == closeEnd || next >= end { return nil }
    let following = nextWord(at: next, limit: end)
    guard following.shape == .upper else { return nil }
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

  /// A line break inside a paragraph (text mode): a boundary after a headline or list item.
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
    // A line ending with a terminator was decided at the terminator; one ending inside a
    // sentence (comma, conjunction, hyphenated word) continues.
    if isTerminator(last)
      || isClosingMark(last) && lastStart > lineStart
        && isTerminator(scalar(bytes, scalarStart(before: lastStart, bytes)).0)
    {
      return nil
    }
    if last == 0x2C || last == 0x2D || last == 0x3B { return nil }
    let lineFirst = skipSpaces(from: lineStart, limit: lineEnd)
    let thisIsItem = isListItemStart(at: lineFirst, limit: lineEnd)
    let nextIsItem = isListItemStart(at: next, limit: end)
    if nextIsItem || thisIsItem { return Cut(end: lineEnd, next: next) }
    // A headline: a short line without final punctuation, then a capitalised line.
    let following = nextWord(at: next, limit: end)
    guard following.shape == .upper || following.shape == .digit else { return nil }
    let longest = lines.longestLine(in: paragraph, bytes)
    if lineEnd - lineStart < longest * 6 / 10 || last == 0x3A { return Cut(end: lineEnd, next: next) }
    return nil
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
