import Testing

@testable import EntenteTerms

/// The glossary builder's word lists load from Resources/wordlists with every word the Swift
/// literals they replaced held (the counts are those literals' distinct words).
@Suite("Glossary builder word lists")
struct WordListTests {
  @Test(
    "Each list loads with all its words",
    arguments: [
      ("stopwords en", GlossaryBuilder.stopwords["en"] ?? [], 118, ["the", "of", "whether", "van", "den"]),
      ("stopwords fr", GlossaryBuilder.stopwords["fr"] ?? [], 125, ["le", "d", "à", "était", "quelles"]),
      ("verbs en", GlossaryBuilder.verbs["en"] ?? [], 124, ["make", "according", "exclaimed", "wished"]),
      ("verbs fr", GlossaryBuilder.verbs["fr"] ?? [], 74, ["dire", "donne", "repondit", "indique"]),
      ("verb endings fr", Set(GlossaryBuilder.frenchVerbEndings), 13, ["aient", "amment", "ierement"]),
      (
        "numbers en", GlossaryBuilder.numbersAndDates["en"] ?? [], 72,
        ["one", "thousands", "monday", "minutes"]
      ),
      ("numbers fr", GlossaryBuilder.numbersAndDates["fr"] ?? [], 67, ["un", "fevrier", "aout", "minutes"]),
      ("titles fr", GlossaryBuilder.frenchTitles, 38, ["monsieur", "imperatrice", "soeur", "senateur"]),
      ("titles en", GlossaryBuilder.titles, 12, ["mr", "mlle", "messrs", "gen"]),
    ] as [(String, Set<String>, Int, [String])])
  func loads(name: String, words: Set<String>, count: Int, samples: [String]) {
    #expect(!words.isEmpty, "\(name) did not load")
    #expect(words.count == count, "\(name)")
    for sample in samples { #expect(words.contains(sample), "\(name) lacks \(sample)") }
    // Comments and blank lines are not words.
    #expect(!words.contains { $0.hasPrefix("#") || $0.contains(" ") || $0.isEmpty }, "\(name)")
  }

  @Test("The French endings keep their file order")
  func endingsOrder() {
    #expect(
      GlossaryBuilder.frenchVerbEndings == [
        "aient", "erent", "erait", "eraient", "issait", "amment", "emment", "alement", "ellement", "iquement",
        "ivement", "eusement", "ierement",
      ])
  }
}
