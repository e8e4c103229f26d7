// Sentence segmentation: ICU's sentence break (UAX #29) plus language rules for French and English.

/// How a text is cut into paragraphs before sentences.
public enum InputMode: String, Sendable, Hashable, Codable, CaseIterable {
  /// Paragraphs are separated by blank lines (or U+2029 PARAGRAPH SEPARATOR); a single line break
  /// inside a paragraph is a space, unless it ends a headline, a caption, a list item or a
  /// hard-wrapped paragraph (see `SentenceSegmenter`).
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
/// - a line break inside a paragraph (text mode) is a boundary after a headline, caption, list
///   item, salutation or rule line, judged against the width the paragraph's lines were wrapped
///   at (a line whose break was not forced ends its part; a hard-wrapped paragraph is rejoined),
///   see `Scanner.lineBreakCut`;
/// - inside a line (text mode), a heading run into its text (`Posologie La dose habituelle…`)
///   ends before a capitalised sentence starter followed by a lowercase word, see
///   `Scanner.inlineHeadingCuts`;
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
  private let headingStarters: HeadingStarters
  private let continuations: Set<String>
  private let rules: LanguageRules
  private let iterator: BreakIterator
  private let srx: SRXRuleSet?

  /// Makes a segmenter for `language`.
  /// - Parameters:
  ///   - language: a BCP 47 or ICU language code; `fr` and `en` (with any region) get their
  ///     rules and abbreviation lists.
  ///   - extraAbbreviations: the user's abbreviations, added to the built-in list.
  ///   - srx: compiled SRX rules whose decisions override Entente's where they match.
  /// - Throws: `TextError.icu` if ICU cannot open a sentence break iterator for the locale.
  public init(
    language: String, extraAbbreviations: Abbreviations = Abbreviations(), srx: SRXRuleSet? = nil
  ) throws(TextError) {
    self.language = language
    let base = baseLanguage(language)
    var abbreviations = Abbreviations.builtIn(language: base)
    abbreviations.merge(extraAbbreviations)
    self.abbreviations = abbreviations
    starters = resourceWords("abbreviations/starters-\(base).txt")
    headingStarters = HeadingStarters(language: base, starters: starters)
    continuations = resourceWords("abbreviations/continuations-\(base).txt")
    rules = LanguageRules(language: base)
    iterator = try BreakIterator(kind: .sentence, locale: LanguageTag.icuLocale(of: language))
    self.srx = srx
  }

  /// The sentences of `text`, in order.
  /// - Parameters:
  ///   - text: the text; offsets in the result are UTF-8 byte offsets into it.
  ///   - mode: how paragraphs are delimited.
  /// - Throws: `TextError.icu` if ICU fails.
  /// - Complexity: O(n).
  public func sentences(in text: String, mode: InputMode = .text) throws(TextError) -> [Sentence] {
    var copy = text
    var result: Result<[Sentence], TextError> = .success([])
    copy.withUTF8 { buffer in
      result = Result { () throws(TextError) in try self.sentences(in: buffer, mode: mode) }
    }
    return try result.get()
  }

  /// The sentences of UTF-8 `bytes`, in order.
  /// - Throws: `TextError.icu` with `U_INVALID_CHAR_FOUND` and the byte offset when `bytes` are not
  ///   well-formed UTF-8, or when ICU fails.
  /// - Complexity: O(n).
  public func sentences(inUTF8 bytes: [UInt8], mode: InputMode = .text) throws(TextError) -> [Sentence] {
    var result: Result<[Sentence], TextError> = .success([])
    bytes.withUnsafeBufferPointer { buffer in
      result = Result { () throws(TextError) in
        // The rules read the bytes as UTF-8: ill-formed input is refused, not misread.
        if let offset = SourceText.invalidUTF8Offset(buffer) {
          throw TextError.icu(code: 10, operation: "segmenting bytes that are not UTF-8", offset: offset)
        }
        return try self.sentences(in: buffer, mode: mode)
      }
    }
    return try result.get()
  }

  func sentences(in buffer: UnsafeBufferPointer<UInt8>, mode: InputMode) throws(TextError) -> [Sentence] {
    let icuBoundaries = try iterator.boundaries(of: buffer)
    let srxDecisions = try srx.map { rules throws(TextError) in try rules.decisions(in: Array(buffer)) } ?? []
    let paragraphList = paragraphs(of: buffer, mode: mode)
    let scanner = Scanner(
      bytes: buffer, abbreviations: abbreviations, starters: starters, headingStarters: headingStarters,
      continuations: continuations, rules: rules, mode: mode)
    var result: [Sentence] = []
    result.reserveCapacity(buffer.count / 100 + 1)
    var icuIndex = 0
    var srxIndex = 0
    for paragraph in paragraphList {
      var cuts = scanner.boundaries(in: paragraph.range)
      // Headings run into their text: page text only (a line of `--input lines` is a segment
      // its maker chose).
      if mode == .text {
        let headings = scanner.inlineHeadingCuts(in: paragraph.range)
        if !headings.isEmpty { cuts = mergeCuts(cuts, headings) }
      }
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

/// The cuts of `a` and `b` (each sorted by `end`) in order, a cut that starts inside the gap of
/// the one before it dropped.
/// - Complexity: O(a + b), one array.
func mergeCuts(_ a: [Cut], _ b: [Cut]) -> [Cut] {
  var result: [Cut] = []
  result.reserveCapacity(a.count + b.count)
  var i = 0
  var j = 0
  while i < a.count || j < b.count {
    let cut: Cut
    if j == b.count || i < a.count && a[i].end <= b[j].end {
      cut = a[i]
      i += 1
    } else {
      cut = b[j]
      j += 1
    }
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
