// French typography findings: the spaces French wants before ; : ! ? and inside « », reported
// as data for a checker to show. Every range is in UTF-8 bytes of the string given.

/// A French typography rule a finding breaks; the raw value is the rule's stable name.
public enum TypographyRule: String, Sendable, Hashable, Codable, CaseIterable {
  /// No space at all before `;`, `:`, `!`, `?` or `»` where French wants one: `mot!`.
  case missingSpaceBefore = "missing-space-before"
  /// A breaking space (U+0020, U+2009, a tab...) before `;`, `:`, `!`, `?` or `»`, which lets
  /// the mark start a line: `mot !`.
  case breakingSpaceBefore = "breaking-space-before"
  /// A breaking space after `«`, which lets the guillemet end a line: `« mot`.
  case breakingSpaceAfter = "breaking-space-after"
  /// No space after `«` or before `»`: `«mot»`.
  case missingSpaceInGuillemets = "missing-space-in-guillemets"
}

/// One place where French text breaks a typography rule, and how to mend it.
public struct TypographyFinding: Sendable, Hashable, Codable {
  /// The rule broken.
  public var rule: TypographyRule
  /// The offending space (or run of spaces), or, when a space is missing, the empty range where
  /// it belongs. UTF-8 byte offsets into the string given to ``frenchTypographyFindings(in:)``.
  public var range: Range<Int>
  /// What is wrong, in English, naming the mark.
  public var message: String
  /// The text to put in place of `range`: `"\u{202F}"` (narrow no-break space) before `;`, `!`
  /// and `?`, `"\u{00A0}"` (no-break space) before `:` and inside `« »`.
  public var suggestion: String

  /// Makes a finding from its parts (`range` in UTF-8 bytes).
  public init(rule: TypographyRule, range: Range<Int>, message: String, suggestion: String) {
    self.rule = rule
    self.range = range
    self.message = message
    self.suggestion = suggestion
  }
}

/// The places where `text` breaks French spacing around `; : ! ?` and `« »`.
///
/// Either no-break space, U+00A0 or U+202F, is accepted wherever French wants one; suggestions
/// use U+202F before `;`, `!`, `?` and U+00A0 before `:` and inside guillemets. A run of
/// spaces is reported once, as a whole. The text is taken as French throughout: a caller with
/// English passages should not pass them.
///
/// Not reported:
/// - a mark at the start of a line (only spaces before it), and a space before a line break;
/// - every mark but the first of a run: `?!`, `!!`, `!?`, `...!`, `…?`; a mark right after an
///   opening bracket or quote (`(?)`);
/// - `:` followed by a digit or `/` (`10:30`, `3:1`, `http://`);
/// - marks in a URL or e-mail address: in a word holding `://` or `@`, starting `www.`, or
///   starting with a scheme (`mailto:`, `tel:`, `https:`...), from there to the next space;
///   a `?` ending such a word is taken as part of it;
/// - `;` ending an HTML entity (`&nbsp;`);
/// - emoticons: `:)`, `:-(`, `;)`, `:D`, `:P`, `:'(`, `:/`...;
/// - the inner side of two guillemets side by side (`«»`, `»»`).
///
/// - Parameter text: French text.
/// - Returns: The findings in text order; ranges are UTF-8 byte offsets into `text`.
/// - Complexity: O(n) in the length of `text`.
public func frenchTypographyFindings(in text: String) -> [TypographyFinding] {
  let scalars = Array(text.unicodeScalars)
  var offsets: [Int] = []
  offsets.reserveCapacity(scalars.count + 1)
  var offset = 0
  for scalar in scalars {
    offsets.append(offset)
    offset += scalar.utf8.count
  }
  offsets.append(offset)

  var findings: [TypographyFinding] = []
  var word = WordState()
  for i in scalars.indices {
    let scalar = scalars[i]
    if scalar.properties.isWhitespace {
      word = WordState()
      continue
    }
    word.read(scalars, at: i)
    switch scalar {
    case ";", ":", "!", "?":
      guard !word.isAddress, !isExempt(scalars, markAt: i, word: word) else { continue }
      let space: Unicode.Scalar = scalar == ":" ? "\u{00A0}" : "\u{202F}"
      findings += spaceBefore(scalars, offsets, markAt: i, space: space, missingRule: .missingSpaceBefore)
    case "»":
      if i > 0, scalars[i - 1] == "«" || scalars[i - 1] == "»" { continue }
      findings += spaceBefore(
        scalars, offsets, markAt: i, space: "\u{00A0}", missingRule: .missingSpaceInGuillemets)
    case "«":
      findings += spaceAfterGuillemet(scalars, offsets, at: i)
    default:
      continue
    }
  }
  return findings
}

// MARK: - Checks

/// The check before a mark at `i`: nothing (start of line, or the « check's business), a
/// missing space, or a run of spaces holding a breaking one.
private func spaceBefore(
  _ scalars: [Unicode.Scalar], _ offsets: [Int], markAt i: Int, space: Unicode.Scalar,
  missingRule: TypographyRule
) -> [TypographyFinding] {
  var start = i
  while start > 0, scalars[start - 1].isHorizontalSpace { start -= 1 }
  guard start > 0, !scalars[start - 1].isLineBreak else { return [] }  // start of a line
  let mark = scalars[i]
  if start == i {
    return [
      TypographyFinding(
        rule: missingRule, range: offsets[i]..<offsets[i],
        message: "No space before ‘\(mark)’: French puts a \(space.spaceName) before it.",
        suggestion: String(space))
    ]
  }
  if scalars[start - 1] == "«" { return [] }  // reported after the «
  if scalars[start..<i].allSatisfy(\.isNoBreakSpace) { return [] }
  return [
    TypographyFinding(
      rule: .breakingSpaceBefore, range: offsets[start]..<offsets[i],
      message: "Breaking space before ‘\(mark)’: use a \(space.spaceName) so the mark cannot start a line.",
      suggestion: String(space))
  ]
}

/// The check after a `«` at `i`.
private func spaceAfterGuillemet(_ scalars: [Unicode.Scalar], _ offsets: [Int], at i: Int)
  -> [TypographyFinding]
{
  var end = i + 1
  while end < scalars.count, scalars[end].isHorizontalSpace { end += 1 }
  guard end < scalars.count, !scalars[end].isLineBreak else { return [] }  // end of a line
  let space: Unicode.Scalar = "\u{00A0}"
  if end == i + 1 {
    if scalars[end] == "«" || scalars[end] == "»" { return [] }
    return [
      TypographyFinding(
        rule: .missingSpaceInGuillemets, range: offsets[end]..<offsets[end],
        message: "No space after ‘«’: French puts a \(space.spaceName) inside guillemets.",
        suggestion: String(space))
    ]
  }
  if scalars[(i + 1)..<end].allSatisfy(\.isNoBreakSpace) { return [] }
  return [
    TypographyFinding(
      rule: .breakingSpaceAfter, range: offsets[i + 1]..<offsets[end],
      message: "Breaking space after ‘«’: use a \(space.spaceName) so the guillemet cannot end a line.",
      suggestion: String(space))
  ]
}

/// Marks that need no space: the later marks of a run, marks after an opening bracket, `:`
/// before a digit or `/`, the `;` of an HTML entity, emoticons.
private func isExempt(_ scalars: [Unicode.Scalar], markAt i: Int, word: WordState) -> Bool {
  let mark = scalars[i]
  let next = i + 1 < scalars.count ? scalars[i + 1] : nil
  if i > 0 {
    switch scalars[i - 1] {
    case "!", "?", ";", ":", ".", "…", "(", "[", "{", "«", "“", "‘": return true
    default: break
    }
  }
  if mark == ":", let next, next == "/" || next.properties.numericType == .decimal { return true }
  if mark == ";" && endsEntity(scalars, at: i) { return true }
  if mark == ":" || mark == ";" { return isEmoticon(scalars, from: i + 1) }
  return false
}

/// Whether the `;` at `i` ends an HTML entity: `&`, then up to 31 ASCII letters, digits or `#`.
private func endsEntity(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
  var k = i - 1
  while k >= 0 && i - k <= 32 {
    let scalar = scalars[k]
    if scalar == "&" { return k < i - 1 }
    guard scalar == "#" || (scalar.isASCII && scalar.isLetterOrDigit) else { return false }
    k -= 1
  }
  return false
}

/// Whether the scalars from `start` end an emoticon begun by `:` or `;`: an optional `-` or
/// `'`, then a face mark, then no letter or digit.
private func isEmoticon(_ scalars: [Unicode.Scalar], from start: Int) -> Bool {
  var i = start
  if i < scalars.count, scalars[i] == "-" || scalars[i] == "'" { i += 1 }
  guard i < scalars.count else { return false }
  switch scalars[i] {
  case ")", "(", "]", "[", "|", "/", "\\", "*", "$", "@":
    return true
  case "D", "P", "p", "O", "o", "3":
    return i + 1 == scalars.count || !scalars[i + 1].isLetterOrDigit
  default:
    return false
  }
}

/// What is known of the word (run of non-space scalars) read so far.
private struct WordState {
  /// The word is (part of) a URL or e-mail address.
  var isAddress = false
  /// Letters read at the start of the word (lowercased), while it holds only letters.
  var leadingLetters = ""
  var isLeadingLettersOnly = true
  var length = 0

  private static let schemes: Set<String> = [
    "http", "https", "ftp", "ftps", "sftp", "mailto", "tel", "sms", "file", "urn", "data", "news",
    "irc", "ssh", "git", "ws", "wss", "geo", "doi",
  ]

  /// Reads the scalar at `i`, the next one after it in the word.
  mutating func read(_ scalars: [Unicode.Scalar], at i: Int) {
    let scalar = scalars[i]
    defer { length += 1 }
    switch scalar {
    case "@":
      isAddress = true
    case ":":
      let next = i + 1 < scalars.count ? scalars[i + 1] : nil
      if next == "/" && i + 2 < scalars.count && scalars[i + 2] == "/" { isAddress = true }
      if isLeadingLettersOnly, Self.schemes.contains(leadingLetters), let next, !next.properties.isWhitespace
      {
        isAddress = true
      }
    case "." where isLeadingLettersOnly && leadingLetters == "www":
      isAddress = true
    default:
      break
    }
    if isLeadingLettersOnly {
      if scalar.isASCII && scalar.properties.isAlphabetic && leadingLetters.count < 8 {
        leadingLetters.unicodeScalars.append(scalar.properties.lowercaseMapping.unicodeScalars.first!)
      } else {
        isLeadingLettersOnly = false
      }
    }
  }
}

fileprivate extension Unicode.Scalar {
  /// U+00A0 or U+202F, the spaces French accepts before a high mark.
  var isNoBreakSpace: Bool { self == "\u{00A0}" || self == "\u{202F}" }

  var isLineBreak: Bool {
    switch self {
    case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": true
    default: false
    }
  }

  var isHorizontalSpace: Bool { properties.isWhitespace && !isLineBreak }

  var isLetterOrDigit: Bool { properties.isAlphabetic || properties.numericType != nil }

  /// How a message names this space.
  var spaceName: String {
    self == "\u{202F}" ? "narrow no-break space (U+202F)" : "no-break space (U+00A0)"
  }
}
