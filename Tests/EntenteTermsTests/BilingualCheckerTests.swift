import EntenteAlign
import EntenteTerms
import Foundation
import Testing

@Suite("Checks against the source")
struct BilingualCheckerTests {
  static let glossary = Glossary(concepts: [
    Concept(
      id: "c-shells",
      terms: [
        "en": [Term("artillery shell", partOfSpeech: "noun")],
        "fr": [Term("obus d'artillerie", status: .preferred, partOfSpeech: "noun")],
      ]),
    Concept(
      id: "c-wh",
      terms: ["en": [Term("White House")], "fr": [Term("Maison Blanche", status: .preferred)]]),
  ])

  func findings(_ source: String, _ target: String) throws -> [String] {
    var checker = BilingualChecker(glossary: Self.glossary, sourceLanguage: "en", targetLanguage: "fr")
    checker.alignmentOptions.learnsLexicon = false
    return try checker.check(source: source, target: target).map { "\($0.rule)@\($0.line)" }
  }

  @Test("term-missing: a source term whose aligned target sentence has no rendering")
  func termMissing() throws {
    let source = """
      The White House spoke on Monday.

      Russia bought millions of artillery shells from North Korea.

      Nobody knows how many were used.
      """
    let good = """
      La Maison Blanche s'est exprimée lundi.

      La Russie a acheté des millions d'obus d'artillerie à la Corée du Nord.

      Personne ne sait combien ont été utilisés.
      """
    #expect(try findings(source, good).isEmpty)
    let bad = good.replacingOccurrences(of: "d'obus d'artillerie", with: "de projectiles")
    #expect(try findings(source, bad) == ["term-missing@3"])
  }

  @Test("number-mismatch: numbers read with each language's separators")
  func numbers() throws {
    let source =
      "It measured 8,848.86 m in 2020.\n\nThe budget was 1,000,000 dollars.\n\nThe rest is unknown."
    let good =
      "Il mesurait 8 848,86 m en 2020.\n\nLe budget était de 1 000 000 dollars.\n\nLe reste est inconnu."
    #expect(try findings(source, good).isEmpty)
    let narrow = good.replacingOccurrences(of: "1 000 000", with: "1\u{202F}000\u{202F}000")
    #expect(try findings(source, narrow).isEmpty)
    let bad = good.replacingOccurrences(of: "8 848,86", with: "8 848,68")
    #expect(try findings(source, bad) == ["number-mismatch@1"])
  }
}
