import Foundation
import Testing

@testable import EntenteText

@Suite("Language tags")
struct LanguageTagTests {
  struct WellFormed: Sendable, CustomStringConvertible {
    var tag: String
    var identifier: String
    var language: String
    var script: String?
    var region: String?
    var icuLocale: String
    var description: String { tag }
  }

  @Test(
    "well-formed tags are parsed and canonicalized",
    arguments: [
      WellFormed(tag: "fr", identifier: "fr", language: "fr", icuLocale: "fr"),
      WellFormed(tag: "fr-CA", identifier: "fr-CA", language: "fr", region: "CA", icuLocale: "fr_CA"),
      WellFormed(tag: "en-GB", identifier: "en-GB", language: "en", region: "GB", icuLocale: "en_GB"),
      WellFormed(
        tag: "zh-Hant-TW", identifier: "zh-Hant-TW", language: "zh", script: "Hant", region: "TW",
        icuLocale: "zh_Hant_TW"),
      WellFormed(tag: "FR-ca", identifier: "fr-CA", language: "fr", region: "CA", icuLocale: "fr_CA"),
      WellFormed(tag: "es-419", identifier: "es-419", language: "es", region: "419", icuLocale: "es_419"),
      WellFormed(tag: "fra", identifier: "fr", language: "fr", icuLocale: "fr"),
      WellFormed(tag: "iw", identifier: "he", language: "he", icuLocale: "he"),
      WellFormed(tag: "und", identifier: "und", language: "und", icuLocale: ""),
    ])
  func wellFormed(_ expected: WellFormed) throws {
    let tag = try LanguageTag(expected.tag)
    #expect(tag.identifier == expected.identifier)
    #expect(tag.description == expected.identifier)
    #expect(tag.language == expected.language)
    #expect(tag.script == expected.script)
    #expect(tag.region == expected.region)
    #expect(tag.icuLocale == expected.icuLocale)
  }

  @Test(
    "ICU-style tags are read like BCP 47 ones",
    arguments: [("fr_CA", "fr-CA"), ("en_gb", "en-GB"), ("zh_Hant_TW", "zh-Hant-TW"), ("fr", "fr")])
  func icuStyle(_ input: String, _ identifier: String) throws {
    let tag = try LanguageTag(input)
    #expect(tag.identifier == identifier)
    #expect(tag == (try LanguageTag(identifier)))
  }

  // `¦` marks where parsing stops.
  @Test(
    "ill-formed tags are refused where parsing stops",
    arguments: ["¦", "fr¦--", "¦12", "fr-CA¦-", "¦a", "fr¦_", "fr-ca¦ ", "fr-¦é", "¦ fr", "en¦-a"])
  func illFormed(_ marked: String) throws {
    let mark = try #require(marked.firstIndex(of: "¦"))
    let offset = marked.distance(from: marked.startIndex, to: mark)
    var text = marked
    text.remove(at: mark)
    #expect(throws: TextError.illFormedLanguageTag(text, offset: offset)) { try LanguageTag(text) }
  }

  @Test("the error names the text and the character")
  func errorDescription() {
    #expect(
      TextError.illFormedLanguageTag("fr--", offset: 2).description
        == "'fr--' is not a language tag (at character 3)")
    #expect(
      TextError.illFormedLanguageTag("", offset: 0).description == "'' is not a language tag (it is empty)")
    #expect(TextError.illFormedLanguageTag("12", offset: 0).reason.hasPrefix("'12'"))
  }

  @Test("known languages are ICU's ISO 639 codes", arguments: ["fr", "en", "de", "fr-CA", "tlh", "fra"])
  func known(_ tag: String) throws {
    #expect(try LanguageTag(tag).isKnownLanguage)
  }

  @Test("unassigned and special codes are not known languages", arguments: ["xx", "qq", "und", "mul", "zxx"])
  func unknown(_ tag: String) throws {
    #expect(try !LanguageTag(tag).isKnownLanguage)
  }

  @Test("languages are compared by their language subtag only")
  func sameLanguage() throws {
    let canadian = try LanguageTag("fr-CA")
    #expect(canadian.hasSameLanguage(as: try LanguageTag("fr-FR")))
    #expect(canadian.hasSameLanguage(as: try LanguageTag("fr")))
    #expect(!canadian.hasSameLanguage(as: try LanguageTag("en-CA")))
    #expect(canadian.isLanguage("fr"))
    #expect(canadian.isLanguage("FR"))
    #expect(canadian.isLanguage("fr_BE"))
    #expect(canadian.isLanguage("fra"))
    #expect(!canadian.isLanguage("en"))
    #expect(!canadian.isLanguage("fr--"))
    #expect(canadian != (try LanguageTag("fr")))
  }

  @Test("Codable as the identifier string")
  func codable() throws {
    let tags = [try LanguageTag("fr_ca"), try LanguageTag("zh-hant-tw")]
    let data = try JSONEncoder().encode(tags)
    #expect(String(decoding: data, as: UTF8.self) == #"["fr-CA","zh-Hant-TW"]"#)
    #expect(try JSONDecoder().decode([LanguageTag].self, from: data) == tags)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([LanguageTag].self, from: Data(#"["fr--"]"#.utf8))
    }
  }
}
