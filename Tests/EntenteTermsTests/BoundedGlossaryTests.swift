// Bounded work in glossary building (issue #14): hostile shapes stay near-linear, normal text
// gives what it gave.
import EntenteAlign
import Foundation
import Testing
import _EntenteTestSupport

@testable import EntenteTerms

/// `count` made-up capitalised words (Alphabra Vocharlie …), the same for the same seed.
private func capitalisedWords(_ count: Int, seed: UInt64) -> String {
  var generator = SplitMix(seed: seed)
  let syllables = ["al", "pha", "bra", "vo", "char", "lie", "del", "ta", "ec", "ho", "fox", "trot"]
  return (0..<count).map { _ in
    (0..<Int.random(in: 2...3, using: &generator)).map { _ in syllables.randomElement(using: &generator)! }
      .joined().capitalized
  }.joined(separator: " ")
}

@Suite("Glossary building: bounded work on hostile input")
struct BoundedGlossaryTests {
  @Test("A capitalised run of 20,000 words gives at most maximumNameTokens name candidates (was 20,000)")
  func longCapitalisedRun() throws {
    let builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    let sentence = capitalisedWords(20_000, seed: 1) + "."
    let candidates = try builder.candidates(
      in: sentence, language: "en", tokenizer: TermTokenizer(language: "en"))
    #expect(candidates.count <= GlossaryBuilder.maximumNameTokens)
    #expect(candidates.allSatisfy { $0.key.split(separator: " ").count <= GlossaryBuilder.maximumNameTokens })
  }

  @Test("A name of up to maximumNameTokens tokens is still taken whole, with its endings")
  func namesUpToTheCap() throws {
    let builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    let tokenizer = try TermTokenizer(language: "en")
    let words = capitalisedWords(GlossaryBuilder.maximumNameTokens, seed: 2)
    let keys = Set(
      try builder.candidates(in: "We met " + words + " here.", language: "en", tokenizer: tokenizer).map(
        \.key))
    #expect(keys.contains(words.lowercased()))
    #expect(keys.count == GlossaryBuilder.maximumNameTokens - 1)  // the whole and 10 endings
    let longer = capitalisedWords(GlossaryBuilder.maximumNameTokens + 1, seed: 2)
    let longerKeys = try builder.candidates(
      in: "We met " + longer + " here.", language: "en", tokenizer: tokenizer
    )
    .map(\.key)
    #expect(!longerKeys.contains(longer.lowercased()))
    #expect(longerKeys.count == GlossaryBuilder.maximumNameTokens - 1)  // endings of 2 to 12 words
  }

  @Test("glossary build on one sentence of capitalised words grows near-linearly (n and 4n)")
  func capitalisedRunBuild() throws {
    func pair(_ words: Int) -> (source: String, target: String) {
      (capitalisedWords(words, seed: 3) + ".\n", capitalisedWords(words, seed: 4) + ".\n")
    }
    func build(_ texts: (source: String, target: String)) throws {
      _ = try GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr").build(
        source: texts.source, target: texts.target)
    }
    try build(pair(500))  // warm-up: word lists, ICU data
    let (smallPair, largePair) = (pair(2_000), pair(8_000))
    let (small, large) = try bestTimes(small: { try build(smallPair) }, large: { try build(largePair) })
    // Quadratic work grows 16×; the bound leaves room for a loaded machine. Before, 2,000 words
    // took over 200 s in a release build.
    #expect(large < 8 * max(small, 0.05), "2,000 words: \(small) s; 8,000 words: \(large) s")
    #expect(large < 60)
  }

  @Test("Acronym definitions in one long sentence are read in linear time (n and 4n)")
  func manyAcronymDefinitions() {
    func text(_ count: Int) -> String {
      var generator = SplitMix(seed: 5)
      return (0..<count).map { _ in
        let letters = (0..<5).map { _ in "ABCDEFGHJKNPQRSTUWYZ".randomElement(using: &generator)! }
        return "the Central Office (\(String(letters)))"
      }.joined(separator: " , ") + "."
    }
    let (small, large) = (text(5_000), text(20_000))
    var found = 0
    let (smallTime, largeTime) = bestTimes(
      small: { found = GlossaryBuilder.acronymExpansions(in: small, language: "en").count },
      large: { _ = GlossaryBuilder.acronymExpansions(in: large, language: "en") })
    #expect(found > 4_000)
    #expect(largeTime < 8 * max(smallTime, 0.05), "5,000: \(smallTime) s; 20,000: \(largeTime) s")
  }

  @Test("Co-occurrence: every pair up to the limit, O(n) pairs beyond, every item paired")
  func coOccurrence() {
    var count = 0
    CoOccurrence.forEachPair(40, 256) { _, _ in count += 1 }
    #expect(count == 40 * 256)
    for (s, t) in [(10_000, 10_000), (300, 20_000), (20_000, 1)] {
      var pairs = 0
      var sources = Set<Int>()
      var targets = Set<Int>()
      CoOccurrence.forEachPair(s, t) { a, b in
        #expect(a >= 0 && a < s && b >= 0 && b < t)
        pairs += 1
        sources.insert(a)
        targets.insert(b)
      }
      #expect(pairs <= max(s, t) * (2 * CoOccurrence.window + 1))
      #expect(sources.count == s && targets.count == t)
    }
  }

  @Test("Output on the fixture articles: the pairs issue #5 names keep their ranks")
  func fixtureRanksUnchanged() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/articles")
    var builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
    for name in ["000_05abb257ab565b45", "001_783406020c5c45de"] {
      try builder.addDocument(
        source: String(contentsOf: root.appendingPathComponent(name + ".en.txt"), encoding: .utf8),
        target: String(contentsOf: root.appendingPathComponent(name + ".txt"), encoding: .utf8))
    }
    let top = builder.pairs().prefix(10).map { "\($0.source) ↔ \($0.target)" }
    // The README's figures, measured before the bounds were added.
    #expect(top[0] == "Ukraine ↔ Ukraine")
    #expect(top[1] == "North Korea ↔ Corée du Nord")
    #expect(top[2] == "Washington ↔ Washington")
    #expect(top[9] == "Vladimir Putin ↔ Vladimir Poutine")
  }
}
