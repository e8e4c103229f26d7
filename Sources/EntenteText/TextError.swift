// The text module's one error type: reading text, ICU, language tags, abbreviation files, SRX.
internal import CICUShim

/// What went wrong in the text module, and where.
///
/// Cases carry the file and the position as fields (1-based line and column, or a 0-based
/// offset); `description` renders them as `file:line:column: error: reason`, with the source
/// line and a caret under the place where the case has one.
public indirect enum TextError: Error, Hashable, Sendable, CustomStringConvertible {
  // MARK: Reading text

  /// Bytes that are not UTF-8; `byte` is the first bad one, at `line`:`column`.
  case invalidUTF8(file: String, line: Int, column: Int, byte: UInt8)
  /// UTF-16 with an unpaired surrogate or an odd number of bytes.
  case invalidUTF16(file: String, line: Int, column: Int)
  /// A NUL or other control character: a binary file, or Windows-1252 read as Latin-1.
  case binary(file: String, line: Int, column: Int, codePoint: UInt32)
  /// A file that holds no text (empty, or only spaces).
  case empty(file: String)
  /// A file that cannot be opened or read; `reason` is the system's (`strerror`).
  case unreadable(file: String, reason: String)
  /// An input larger than `limit` bytes (`InputLimits.maximumInputSize`, or
  /// `InputLimits.maximumInflatedSize` for a decompressed dictionary).
  case tooLarge(file: String, limit: Int)

  // MARK: ICU

  /// An ICU call failed with UErrorCode `code` (positive) while doing `operation` ("opening the
  /// sentence break iterator for fr"). `offset` is where in a pattern or rule text the error is,
  /// when ICU says (0-based, UTF-16 units; for bytes that are not UTF-8, the byte offset);
  /// `line` the line of a pattern, when ICU says (1-based).
  case icu(code: Int32, operation: String, offset: Int? = nil, line: Int? = nil)

  // MARK: Language tags

  /// `tag` is not a well-formed language tag; parsing stopped at `offset` (0-based, in
  /// characters of `tag`).
  case illFormedLanguageTag(String, offset: Int)

  // MARK: Abbreviation files

  /// A line of an abbreviations file that is not one abbreviation (a tab, or two spaces).
  case malformedAbbreviation(file: String, line: Int, entry: String)

  // MARK: SRX

  /// The SRX file could not be read; `reason` is the system's (`strerror`).
  case unreadableSRX(file: String, reason: String)
  /// The XML is not well-formed; `sourceLine` is the text of the line, for a caret.
  case malformedXML(SRXLocation, reason: String, sourceLine: String?)
  /// The document type declaration has an internal subset (`<!DOCTYPE srx [ ... ]>`). Entities
  /// are never resolved, so entity references would vanish silently: refused instead.
  case internalSubset(SRXLocation)
  /// The root element is not `<srx>` (or there is none: `element` is empty).
  case notSRX(SRXLocation, element: String)
  /// `<srx version="...">` is neither 2.0 nor 1.0 (nil: no version attribute).
  case unsupportedVersion(SRXLocation, version: String?)
  /// A required attribute is absent.
  case missingAttribute(SRXLocation, element: String, attribute: String)
  /// An attribute has a value outside its choices (`break="maybe"`).
  case invalidAttribute(SRXLocation, element: String, attribute: String, value: String)
  /// Two `languagerule`s have the same name.
  case duplicateLanguageRule(SRXLocation, name: String)
  /// A `languagemap` names a `languagerule` that the file does not have.
  case missingLanguageRule(SRXLocation, name: String)
  /// A `languagepattern` is not a valid ICU regular expression; `error` is ICU's (`.icu`).
  case invalidLanguagePattern(SRXLocation, pattern: String, error: TextError)
  /// A rule's regular expression does not compile; `error` is ICU's (`.icu`). `part` is nil
  /// when each part compiles alone but not the two together (a back reference across them).
  case invalidRule(SRXRule, part: SRXRule.Part?, error: TextError)
  /// A rule's regular expression took longer than ICU's time limit on a text (catastrophic
  /// backtracking, such as `(a+)+b`); `text` names the text being segmented.
  case ruleTimeLimit(SRXRule, text: String)

  // MARK: Fields

  /// The file the error is in, when it is about a file.
  public var file: String? {
    switch self {
    case .invalidUTF8(let file, _, _, _), .invalidUTF16(let file, _, _), .binary(let file, _, _, _),
      .empty(let file), .unreadable(let file, _), .malformedAbbreviation(let file, _, _),
      .unreadableSRX(let file, _), .tooLarge(let file, _):
      return file
    case .malformedXML(let location, _, _), .internalSubset(let location), .notSRX(let location, _),
      .unsupportedVersion(let location, _), .missingAttribute(let location, _, _),
      .invalidAttribute(let location, _, _, _), .duplicateLanguageRule(let location, _),
      .missingLanguageRule(let location, _), .invalidLanguagePattern(let location, _, _):
      return location.path
    case .invalidRule(let rule, _, _), .ruleTimeLimit(let rule, _):
      return rule.origin?.path
    case .icu, .illFormedLanguageTag:
      return nil
    }
  }

  /// The 1-based line of the error in `file`, when the error has one.
  public var line: Int? {
    switch self {
    case .invalidUTF8(_, let line, _, _), .invalidUTF16(_, let line, _), .binary(_, let line, _, _),
      .malformedAbbreviation(_, let line, _):
      return line
    case .malformedXML(let location, _, _), .internalSubset(let location), .notSRX(let location, _),
      .unsupportedVersion(let location, _), .missingAttribute(let location, _, _),
      .invalidAttribute(let location, _, _, _), .duplicateLanguageRule(let location, _),
      .missingLanguageRule(let location, _), .invalidLanguagePattern(let location, _, _):
      return location.line
    case .invalidRule(let rule, _, _), .ruleTimeLimit(let rule, _):
      return rule.origin?.line
    case .empty, .unreadable, .unreadableSRX, .tooLarge, .icu, .illFormedLanguageTag:
      return nil
    }
  }

  /// The 1-based column of the error in `file`, when the error has one.
  public var column: Int? {
    switch self {
    case .invalidUTF8(_, _, let column, _), .invalidUTF16(_, _, let column), .binary(_, _, let column, _):
      return column
    case .malformedAbbreviation:
      return 1
    case .malformedXML(let location, _, _), .internalSubset(let location), .notSRX(let location, _),
      .unsupportedVersion(let location, _), .missingAttribute(let location, _, _),
      .invalidAttribute(let location, _, _, _), .duplicateLanguageRule(let location, _),
      .missingLanguageRule(let location, _), .invalidLanguagePattern(let location, _, _):
      return location.column
    case .invalidRule(let rule, _, _), .ruleTimeLimit(let rule, _):
      return rule.origin?.column
    case .empty, .unreadable, .unreadableSRX, .tooLarge, .icu, .illFormedLanguageTag:
      return nil
    }
  }

  /// ICU's UErrorCode when ICU failed (here or in the pattern of an SRX rule), else nil.
  public var icuCode: Int32? {
    switch self {
    case .icu(let code, _, _, _): code
    case .invalidLanguagePattern(_, _, let error), .invalidRule(_, _, let error): error.icuCode
    default: nil
    }
  }

  /// ICU's name of the status code, e.g. `U_REGEX_RULE_SYNTAX`, when ICU failed, else nil.
  /// Calls `u_errorName`.
  public var icuStatusName: String? { icuCode.map { String(cString: ent_error_name($0)) } }

  /// What went wrong, without the file and position (`description` adds them).
  public var reason: String {
    switch self {
    case .invalidUTF8(_, _, _, let byte):
      let hex = String(byte, radix: 16, uppercase: true)
      return "invalid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex));"
        + " convert the file to UTF-8 (for example with iconv)"
    case .invalidUTF16:
      return "invalid UTF-16 (unpaired surrogate or odd length)"
    case .binary(_, _, _, let codePoint):
      let hex = String(codePoint, radix: 16, uppercase: true)
      let name = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
      if codePoint >= 0x80 {
        return "C1 control character \(name); the text looks like"
          + " Windows-1252 read as Latin-1 (convert it from Windows-1252 to UTF-8)"
      }
      return "control character \(name); this looks like a binary file"
    case .empty:
      return "the file holds no text"
    case .unreadable(_, let reason):
      return "cannot read: \(reason)"
    case .tooLarge(_, let limit):
      return "the input is larger than the maximum of \(byteCountDescription(limit));"
        + " raise it with --max-input-size if this is intended"
    case .icu(_, let operation, let offset, let line):
      var text = "ICU error \(icuStatusName ?? "") while \(operation)"
      if let line, line > 0 { text += " at line \(line)" }
      if let offset, offset >= 0 { text += " at offset \(offset)" }
      return text
    case .illFormedLanguageTag(let tag, let offset):
      return tag.isEmpty
        ? "'' is not a language tag (it is empty)"
        : "'\(tag)' is not a language tag (at character \(offset + 1))"
    case .malformedAbbreviation(_, _, let entry):
      return "malformed abbreviation '\(entry)': one abbreviation per line,"
        + " words separated by single spaces, then optionally 'title', 'number' or 'plain'"
    case .unreadableSRX(_, let reason):
      return "cannot read the SRX file: \(reason)"
    case .malformedXML(_, let reason, _):
      return "malformed XML: \(reason)"
    case .internalSubset:
      return "DOCTYPE with an internal subset: entity declarations are not "
        + "supported (entities are never resolved)"
    case .notSRX(_, let element):
      let found = element.isEmpty ? "no root element" : "root element <\(element)>"
      return "not an SRX document: \(found), expected <srx>"
    case .unsupportedVersion(_, let version):
      let found = version.map { "version \"\($0)\"" } ?? "no version attribute"
      return "unsupported SRX version: \(found), expected \"2.0\" (or \"1.0\")"
    case .missingAttribute(_, let element, let attribute):
      return "<\(element)> has no \(attribute) attribute"
    case .invalidAttribute(_, let element, let attribute, let value):
      return "<\(element) \(attribute)=\"\(value)\">: expected \"yes\" or \"no\""
    case .duplicateLanguageRule(_, let name):
      return "a languagerule named \"\(name)\" is already defined"
    case .missingLanguageRule(_, let name):
      return "languagemap names the languagerule \"\(name)\", which is not defined"
    case .invalidLanguagePattern(_, _, let error):
      return "invalid languagepattern: \(error.reason)"
    case .invalidRule(let rule, let part, let error):
      var text = ""
      if let origin = rule.origin {
        text += "invalid rule at index \(origin.index) of languagerule \"\(origin.languageRuleName)\""
      } else {
        text += "invalid SRX rule"
      }
      switch part {
      case .some(let part): text += ": \(part.rawValue): \(error.reason)"
      case .none:
        text += ": beforebreak \(rule.beforeBreak) with afterbreak \(rule.afterBreak): \(error.reason)"
      }
      return text
    case .ruleTimeLimit(let rule, let text):
      let name =
        rule.origin.map { "rule at index \($0.index) of languagerule \"\($0.languageRuleName)\"" }
        ?? "SRX rule"
      return "\(name) takes too long on \(text) and was stopped (catastrophic backtracking?):"
        + " beforebreak \(rule.beforeBreak) afterbreak \(rule.afterBreak); rewrite it without nested repetition"
    }
  }

  /// `file:line:column: error: reason` (`file: error: reason` without a position; the reason
  /// alone for ICU and language-tag errors), then the source line or pattern with a caret under
  /// the place, where the case has one.
  public var description: String {
    switch self {
    case .icu, .illFormedLanguageTag:
      return reason
    case .invalidRule(let rule, _, _) where rule.origin == nil,
      .ruleTimeLimit(let rule, _) where rule.origin == nil:
      return "error: " + reason + caret
    default:
      var place = file ?? ""
      if let line { place += ":\(line)" }
      if let column { place += ":\(column)" }
      return "\(place): error: \(reason)" + caret
    }
  }

  /// The source line or pattern and a caret under the place, or "".
  private var caret: String {
    switch self {
    case .malformedXML(let location, _, let sourceLine?):
      return "\n" + sourceLine + "\n" + caretLine(column: location.column, in: sourceLine)
    case .invalidLanguagePattern(_, let pattern, let error):
      return patternCaret(pattern, error: error)
    case .invalidRule(let rule, let part?, let error):
      return patternCaret(part == .beforeBreak ? rule.beforeBreak : rule.afterBreak, error: error)
    default:
      return ""
    }
  }

  /// Throws `.icu` when `status` is a failure; warnings (negative) and success (0) pass.
  static func checkICU(_ status: Int32, _ operation: @autoclosure () -> String) throws(TextError) {
    if status > 0 { throw .icu(code: status, operation: operation()) }
  }
}

/// Spaces then `^` under 1-based `column` of `line` (columns counted in Unicode scalars).
private func caretLine(column: Int, in line: String) -> String {
  let width = max(0, min(column - 1, line.unicodeScalars.count))
  let spaces = line.unicodeScalars.prefix(width).map { $0 == "\t" ? "\t" : " " }.joined()
  return spaces + "^"
}

/// The pattern and a caret under ICU's error offset (UTF-16 units), or "" when ICU gives none.
private func patternCaret(_ pattern: String, error: TextError) -> String {
  guard case .icu(_, _, let offset?, _) = error, offset >= 0, !pattern.contains("\n") else { return "" }
  let utf16 = pattern.utf16
  let index = utf16.index(utf16.startIndex, offsetBy: min(offset, utf16.count))
  let column = pattern.unicodeScalars[..<index].count + 1
  return "\n  " + pattern + "\n  " + caretLine(column: column, in: pattern)
}

/// `bytes` for messages: "1 GiB", "256 MiB", "1500 bytes".
package func byteCountDescription(_ bytes: Int) -> String {
  for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)]
  where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
    return "\(bytes >> shift) \(unit)"
  }
  return "\(bytes) bytes"
}
