import EntenteTerms
import Foundation
import Testing

@Suite("Target-side terminology checks")
struct CheckerTests {
  static let glossary = Glossary(concepts: [
    Concept(
      id: "c-kcna",
      terms: [
        "en": [Term("Korean Central News Agency", status: .preferred), Term("KCNA", type: .acronym)],
        "fr": [
          Term("Agence centrale de presse coréenne", status: .preferred, type: .fullForm, firstMention: true),
          Term("KCNA", status: .preferred, type: .acronym, caseSensitive: true),
          Term("Central News Agency de Corée du Nord", status: .deprecated),
        ],
      ]),
    Concept(
      id: "c-kirby",
      terms: [
        "fr": [
          Term("John Kirby", status: .preferred, firstMention: true),
          Term("Kirby", status: .admitted, type: .shortForm),
        ]
      ]),
    Concept(
      id: "c-putin",
      terms: [
        "fr": [Term("Vladimir Poutine", status: .preferred), Term("Putin", status: .deprecated)]
      ]),
    Concept(
      id: "c-wh", terms: ["en": [Term("White House")], "fr": [Term("Maison Blanche", status: .preferred)]]),
    Concept(
      id: "c-dprk",
      terms: [
        "fr": [
          Term("République populaire démocratique de Corée", status: .preferred),
          Term("Corée du Nord", status: .admitted),
        ]
      ]),
  ])

  func rules(_ text: String) throws -> [String] {
    try TargetChecker(glossary: Self.glossary, targetLanguage: "fr").check(text).map {
      "\($0.rule):\($0.text)"
    }
  }

  @Test("Each rule fires on its planted error, with line and column")
  func planted() throws {
    #expect(
      try rules("Selon la Central News Agency de Corée du Nord, rien.") == [
        "term-deprecated:Central News Agency de Corée du Nord"
      ])
    #expect(try rules("Kirby a parlé. Puis John Kirby a répété.") == ["first-mention:Kirby"])
    #expect(
      try rules("La KCNA a publié. L'Agence centrale de presse coréenne a dit.") == ["first-mention:KCNA"])
    #expect(try rules("La White House a réagi.") == ["untranslated:White House"])
    #expect(try rules("M. Poutin a parlé à Vladimir Poutine.") == ["name-spelling:Poutin"])
    #expect(
      try rules("La Corée du Nord, ou République populaire démocratique de Corée.") == [
        "term-inconsistent:République populaire démocratique de Corée"
      ])
    let finding = try #require(
      try TargetChecker(glossary: Self.glossary, targetLanguage: "fr").check("Titre\n\nVladimir Putin parle.")
        .first)
    #expect(finding.rule == "term-deprecated" && finding.line == 3 && finding.column == 10)
    #expect(finding.suggestion == "Vladimir Poutine" && finding.severity == .error)
  }

  @Test("Correct but tricky renderings give no finding")
  func tricky() throws {
    #expect(
      try rules(
        """
        John Kirby a cité l’Agence centrale de presse coréenne (KCNA). Selon la KCNA,
        la Maison
        Blanche se trompe ; Kirby l'a redit à la Maison Blanche. Vladimir Poutine aussi.
        """
      ).isEmpty)
  }

  @Test("SARIF 2.1.0: version, rules, results with regions")
  func sarif() throws {
    let findings = try TargetChecker(glossary: Self.glossary, targetLanguage: "fr").check(
      "Vladimir Putin parle.")
    let text = try findingsSARIF(findings, file: "a.txt")
    let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == 1 && results[0]["ruleId"] as? String == "term-deprecated")
    let region = try #require(
      ((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]
        as? [String: Any])
    #expect(region["startLine"] as? Int == 1 && region["startColumn"] as? Int == 10)
  }
}
