import EntenteTerms
import Testing

@Suite("Snowball stemmers")
struct StemmerTests {
  @Test("French: singular and plural, and inflected adjectives, share a stem")
  func french() throws {
    let stemmer = try #require(Stemmer(language: "fr"))
    #expect(stemmer.stem("roquette") == stemmer.stem("roquettes"))
    #expect(stemmer.stem("hostile") == stemmer.stem("hostiles"))
    #expect(stemmer.stem("munition") == stemmer.stem("munitions"))
    #expect(stemmer.stem("roquette") != stemmer.stem("rocher"))
  }

  @Test("English: shell/shells, rocket/rockets")
  func english() throws {
    let stemmer = try #require(Stemmer(language: "english"))
    #expect(stemmer.stem("shells") == "shell")
    #expect(stemmer.stem("rockets") == stemmer.stem("rocket"))
  }

  @Test("An unknown language gives no stemmer; the list names French and English")
  func unknown() {
    #expect(Stemmer(language: "klingon") == nil)
    #expect(Stemmer.algorithms.contains("french") && Stemmer.algorithms.contains("english"))
  }
}
