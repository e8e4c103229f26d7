// Language tags: one parser, on ICU's uloc_* functions through the shim.
internal import CICUShim
import Foundation

/// A well-formed language tag ("fr", "fr-CA", "en-GB", "zh-Hant-TW"), parsed and canonicalized
/// by ICU.
///
/// Two tags are equal when their canonical identifiers are ("FR_ca" and "fr-CA" are). Compare
/// languages with `hasSameLanguage(as:)` or `isLanguage(_:)`: "fr-CA" and "fr-FR" are both
/// French. Encoded (Codable) as its identifier string.
public struct LanguageTag: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The language subtag, lowercase ("fr"); "und" when the tag has none ("und", "x-private").
  /// ICU maps a 3-letter code to its 2-letter equivalent ("fra" → "fr") and a deprecated code
  /// to its replacement ("iw" → "he").
  public let language: String
  /// The script subtag in title case ("Hant"), if the tag has one.
  public let script: String?
  /// The region subtag, uppercase ("CA", "GB") or three digits ("419"), if the tag has one.
  public let region: String?
  /// The canonical BCP 47 tag ("fr-CA").
  public let identifier: String
  /// ICU's locale ID for the tag ("fr_CA"), the form `ubrk_open` and other ICU services take;
  /// "" (ICU's root locale) for "und".
  public let icuLocale: String
  /// Whether `language` is one of ICU's ISO 639 language codes ("fr", "en", "tlh"), not an
  /// unassigned one ("xx", "qq") nor a special code ("und", "mul", "mis", "zxx").
  public let isKnownLanguage: Bool

  /// Parses `tag`, in BCP 47 form ("fr-CA") or ICU's form ("fr_CA"), in any case ("FR-ca").
  ///
  /// Calls `uloc_forLanguageTag` (the whole tag must be read), `uloc_toLanguageTag` for the
  /// canonical identifier, then `uloc_getLanguage`, `uloc_getScript`, `uloc_getCountry` and
  /// `uloc_getISOLanguages`.
  ///
  /// - Parameter tag: The tag, without surrounding spaces.
  /// - Throws: `TextError.illFormedLanguageTag` with the character offset where parsing stopped, for
  ///   an empty tag, a character that is not an ASCII letter, digit, `-` or `_`, an empty or
  ///   misplaced subtag ("fr--", "fr-CA-") or a subtag of the wrong length ("12", "a").
  /// - Complexity: O(n) in the length of the tag, plus a scan of ICU's list of about 600
  ///   ISO 639 codes.
  public init(_ tag: String) throws(TextError) {
    guard !tag.isEmpty else { throw .illFormedLanguageTag(tag, offset: 0) }
    var bytes: [CChar] = []
    bytes.reserveCapacity(tag.utf8.count + 1)
    for (offset, character) in tag.enumerated() {
      guard let ascii = character.asciiValue,
        character.isLetter || character.isNumber || ascii == UInt8(ascii: "-") || ascii == UInt8(ascii: "_")
      else { throw .illFormedLanguageTag(tag, offset: offset) }
      // ICU's form ("fr_CA") is the BCP 47 form with another separator; offsets are the same.
      bytes.append(CChar(bitPattern: ascii == UInt8(ascii: "_") ? UInt8(ascii: "-") : ascii))
    }
    bytes.append(0)

    var parsed: Int32 = 0
    guard
      let parsedLocale = localeString({ out, capacity, status in
        ent_locale_from_tag(bytes, out, capacity, &parsed, &status)
      }),
      Int(parsed) == bytes.count - 1,
      let identifier = localeString({ ent_locale_to_tag(parsedLocale, $0, $1, &$2) })
    else { throw .illFormedLanguageTag(tag, offset: min(max(Int(parsed), 0), bytes.count - 1)) }

    // Parse the canonical form again, so that every field agrees with `identifier` ("iw" → "he").
    var canonicalParsed: Int32 = 0
    let locale =
      localeString({ out, capacity, status in
        ent_locale_from_tag(identifier, out, capacity, &canonicalParsed, &status)
      }) ?? parsedLocale
    let language = localeString({ ent_locale_language(locale, $0, $1, &$2) }) ?? ""
    let script = localeString({ ent_locale_script(locale, $0, $1, &$2) }) ?? ""
    let region = localeString({ ent_locale_country(locale, $0, $1, &$2) }) ?? ""

    self.identifier = identifier
    self.icuLocale = locale
    self.language = language.isEmpty ? "und" : language
    self.script = script.isEmpty ? nil : script
    self.region = region.isEmpty ? nil : region
    self.isKnownLanguage =
      !language.isEmpty && !["und", "mul", "mis", "zxx"].contains(language)
      && ent_is_iso_language(language) == 1
  }

  /// Whether `other` has the same language subtag ("fr-CA" and "fr-FR": yes; "fr" and "en": no).
  public func hasSameLanguage(as other: LanguageTag) -> Bool { language == other.language }

  /// Whether this tag's language subtag is that of `code` ("fr", "FR", "fr_BE", "fra"); false
  /// when `code` is not a language tag.
  /// - Complexity: that of `init(_:)` on `code`.
  public func isLanguage(_ code: String) -> Bool {
    guard let other = try? LanguageTag(code) else { return false }
    return hasSameLanguage(as: other)
  }

  public var description: String { identifier }

  public static func == (a: LanguageTag, b: LanguageTag) -> Bool { a.identifier == b.identifier }

  public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

  /// Decodes a tag from its string.
  /// - Throws: `DecodingError.dataCorrupted` when the string is not a language tag, with the
  ///   `TextError.illFormedLanguageTag` as its underlying error.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(text)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: container.codingPath, debugDescription: "not a language tag", underlyingError: error))
    }
  }

  /// Encodes the tag as its identifier string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(identifier)
  }
}

/// The ASCII string a shim function writes into a buffer (`out`, `capacity`, `status`), or nil
/// when it fails (`status` > 0).
private func localeString(
  _ body: (UnsafeMutablePointer<CChar>, Int32, inout Int32) -> Int32
) -> String? {
  let capacity = 256
  var buffer = [CChar](repeating: 0, count: capacity)
  var status: Int32 = 0
  let length = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, Int32(capacity), &status) }
  guard status <= 0, length >= 0, Int(length) < capacity else { return nil }
  return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

extension LanguageTag {
  /// Parsed tags, by the text they were parsed from (tags are few; parsing calls ICU).
  private static let cache = TagCache()

  /// The tag `text` names, parsed once per process (`init(_:)`), or nil when it is ill-formed.
  /// - Complexity: O(1) after the first call for a text.
  public static func parsed(_ text: String) -> LanguageTag? { cache.tag(text) }

  /// The language subtag of `text` ("fr" for "fr-CA", "fra" or "FR_ca"); the text itself,
  /// lowercased, when it is not a well-formed tag.
  public static func language(of text: String) -> String { parsed(text)?.language ?? text.lowercased() }

  /// ICU's locale ID for `text` ("fr_CA"); the text itself when it is not a well-formed tag.
  public static func icuLocale(of text: String) -> String { parsed(text)?.icuLocale ?? text }
}

/// A thread-safe memo of parsed tags.
private final class TagCache: @unchecked Sendable {
  private var tags: [String: LanguageTag?] = [:]
  private let lock = NSLock()

  func tag(_ text: String) -> LanguageTag? {
    if let known = lock.withLock({ tags[text] }) { return known }
    let tag = try? LanguageTag(text)
    lock.withLock { tags[text] = tag }
    return tag
  }
}
