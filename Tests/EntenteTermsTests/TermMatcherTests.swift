import EntenteTerms
import Testing

@Suite("Finding terms in a text")
struct TermMatcherTests {
  static let glossary = Glossary(concepts: [
    Concept(
      id: "c-kcna",
      terms: [
        "fr": [
          Term("KCNA", status: .preferred, type: .acronym, caseSensitive: true),
          Term("Agence centrale de presse coréenne", type: .fullForm, firstMention: true),
          Term("Central News Agency de Corée du Nord", status: .deprecated),
        ]
      ]),
    Concept(id: "c-shells", terms: ["fr": [Term("obus d'artillerie", partOfSpeech: "noun")]]),
    Concept(id: "c-rockets", terms: ["fr": [Term("roquette", partOfSpeech: "noun")]]),
    Concept(
      id: "c-seoul",
      terms: [
        "fr": [
          Term("Séoul", status: .preferred, partOfSpeech: "properNoun", accentSensitive: true),
          Term("Seoul", status: .deprecated, partOfSpeech: "properNoun", accentSensitive: true),
        ]
      ]),
    Concept(id: "c-kirby", terms: ["fr": [Term("John Kirby", partOfSpeech: "properNoun"), Term("Kirby")]]),
    Concept(id: "c-wh", terms: ["fr": [Term("Maison Blanche", partOfSpeech: "properNoun")]]),
  ])

  func found(_ text: String) throws -> [String] {
    try TermMatcher(glossary: Self.glossary, language: "fr").matches(in: text).map {
      "\($0.conceptID):\($0.text)"
    }
  }

  @Test("Elision with either apostrophe, inflection, sentence-start capitals")
  func tricky() throws {
    #expect(
      try found("selon l'Agence centrale de presse coréenne (KCNA),")
        == ["c-kcna:Agence centrale de presse coréenne", "c-kcna:KCNA"])
    #expect(
      try found("L’Agence Centrale de Presse Coréenne a dit") == ["c-kcna:Agence Centrale de Presse Coréenne"]
    )
    #expect(
      try found("des obus d’artillerie et des roquettes") == [
        "c-shells:obus d’artillerie", "c-rockets:roquettes",
      ])
    #expect(
      try found("Roquettes et obus d'artillerie.") == ["c-rockets:Roquettes", "c-shells:obus d'artillerie"])
  }

  @Test("A term split across a line still matches; never inside another word")
  func boundaries() throws {
    #expect(try found("la Maison\nBlanche a dit") == ["c-wh:Maison\nBlanche"])
    #expect(try found("M. Kirbyson et la Maisonnette Blanche").isEmpty)
    #expect(try found("John Kirby puis Kirby") == ["c-kirby:John Kirby", "c-kirby:Kirby"])
  }

  @Test("Case- and accent-sensitive terms")
  func sensitivity() throws {
    #expect(try found("la kcna et la KCNA") == ["c-kcna:KCNA"])
    let seoul = try TermMatcher(glossary: Self.glossary, language: "fr").matches(in: "Séoul, pas Seoul")
    #expect(seoul.map(\.term.status) == [.preferred, .deprecated])
    #expect(seoul.map(\.text) == ["Séoul", "Seoul"])
  }

  @Test("The deprecated half-translated form is found as such")
  func deprecated() throws {
    let matches = try TermMatcher(glossary: Self.glossary, language: "fr").matches(
      in: "selon la Central News Agency de Corée du Nord, officielle")
    #expect(matches.map(\.term.status) == [.deprecated])
  }
}
