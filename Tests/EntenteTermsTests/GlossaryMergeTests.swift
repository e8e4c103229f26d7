import EntenteTerms
import Foundation
import Testing

@Suite("Merging proposed pairs into a glossary")
struct GlossaryMergeTests {
  static func pair(_ source: String, _ target: String) -> TermPair {
    TermPair(
      source: source, target: target, score: 1, count: 2, reasons: ["co-occurrence 2"], exampleSource: "e",
      exampleTarget: "f")
  }

  @Test("Known pairs are kept, new ones added, contradictions and clashes reported, nothing else changed")
  func merge() throws {
    let glossary = Glossary(
      title: "News",
      concepts: [
        Concept(
          id: "c-state",
          terms: ["en": [Term("State Department")], "fr": [Term("département d'État", status: .preferred)]]),
        Concept(
          id: "c-putin",
          terms: [
            "en": [Term("Vladimir Putin")],
            "fr": [
              Term("Vladimir Poutine", status: .preferred), Term("Vladimir Putin", status: .deprecated),
            ],
          ]),
        Concept(id: "c-shells", terms: ["en": [Term("artillery shell")], "fr": [Term("obus d'artillerie")]]),
      ])
    let merged = try GlossaryMerge(
      glossary: glossary,
      pairs: [
        Self.pair("artillery shells", "obus d'artillerie"),  // known, through the plural
        Self.pair("State Department", "ministère"),  // contradicts
        Self.pair("Vladimir Putin", "Vladimir Putin"),  // deprecated rendering
        Self.pair("Foreign Office", "département d'État"),  // target under another concept
        Self.pair("White House", "Maison Blanche"),  // new
        Self.pair("White Houses", "Maison-Blanche"),  // new, id made unique
      ], sourceLanguage: "en", targetLanguage: "fr")
    let outcomes = merged.outcomes.map(\.outcome)
    #expect(outcomes[0] == .known(conceptID: "c-shells"))
    #expect(outcomes[1] == .contradicts(conceptID: "c-state", preferred: "département d'État", status: nil))
    #expect(
      outcomes[2] == .contradicts(conceptID: "c-putin", preferred: "Vladimir Poutine", status: .deprecated))
    #expect(outcomes[3] == .targetElsewhere(conceptID: "c-state", source: "State Department"))
    #expect(outcomes[4] == .added(conceptID: "c-white-house"))
    #expect(outcomes[5] == .added(conceptID: "c-white-houses"))
    #expect(merged.glossary.concepts.count == 5)
    #expect(Array(merged.glossary.concepts.prefix(3)) == glossary.concepts)
    let added = merged.glossary.concepts[3]
    #expect(
      added.terms(in: "fr").map(\.text) == ["Maison Blanche"] && added.terms(in: "en")[0].context == "e")
    #expect(added.note?.contains("co-occurrence 2") == true)
  }

  @Test(
    "Homonyms: a pair agrees with any concept of its source term; two new pairs with one target make one concept"
  )
  func homonymsAndRepeats() throws {
    let glossary = Glossary(concepts: [
      Concept(id: "c-bank-river", terms: ["en": [Term("bank")], "fr": [Term("rive")]]),
      Concept(id: "c-bank-money", terms: ["en": [Term("bank")], "fr": [Term("banque")]]),
    ])
    let merged = try GlossaryMerge(
      glossary: glossary,
      pairs: [
        Self.pair("bank", "banque"), Self.pair("Blue House", "Maison bleue"),
        Self.pair("Cheong Wa Dae", "Maison bleue"),
      ], sourceLanguage: "en", targetLanguage: "fr")
    #expect(
      merged.outcomes.map(\.outcome) == [
        .known(conceptID: "c-bank-money"), .added(conceptID: "c-blue-house"),
        .targetElsewhere(conceptID: "c-blue-house", source: "Blue House"),
      ])
    #expect(merged.glossary.concepts.count == 3)
  }

  @Test("Proposed pairs as a TBX glossary read back without loss")
  func tbxRoundTrip() throws {
    var pair = Self.pair("KCNA", "Agence centrale de presse coréenne")
    pair.exampleSource = "The KCNA said <so> & more."
    let glossary = Glossary(
      title: "Proposed", description: ["From a.txt and b.txt."],
      concepts: [
        pair.concept(id: "c1", sourceLanguage: "en", targetLanguage: "fr"),
        Self.pair("White House", "Maison Blanche").concept(
          id: "c2", sourceLanguage: "en", targetLanguage: "fr"),
      ])
    #expect(glossary.concepts[0].terms(in: "en")[0].type == .acronym)
    #expect(glossary.concepts[0].terms(in: "fr")[0].type == nil)
    for style in [TBXStyle.dca, .dct, .v2] {
      let read = try TBXReader.read(Data(glossary.tbx(style: style).utf8), file: "g.tbx")
      #expect(read == glossary, "\(style)")
    }
  }

  @Test("Judged pairs: a tally counts pairs nobody judged as wrong")
  func judgements() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("judged-\(getpid()).tsv").path
    try "judgement\tsource\ttarget\nright\tWhite House\tMaison Blanche\nwrong\tHere\tVoici\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let judgements = try TermPairJudgements(contentsOfFile: path)
    let tally = judgements.tally([
      GlossaryMergeTests.pair("White House", "Maison Blanche"), GlossaryMergeTests.pair("Here", "Voici"),
      GlossaryMergeTests.pair("Kim", "Kim"), GlossaryMergeTests.pair("White House", "Maison blanche"),
    ])
    #expect(tally.right == 1 && tally.wrong == 1 && tally.unjudged.count == 2 && tally.precision == 0.25)
    try "judgement\tsource\ttarget\nmaybe\ta\tb\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: GlossaryError.self) { try TermPairJudgements(contentsOfFile: path) }
    try "source\ttarget\nright\ta\tb\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: GlossaryError.self) { try TermPairJudgements(contentsOfFile: path) }
    // Windows line ends.
    try "judgement\tsource\ttarget\r\nright\tKim\tKim\r\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect(
      try TermPairJudgements(contentsOfFile: path).isRight(GlossaryMergeTests.pair("Kim", "Kim")) == true)
  }
}
