import EntenteText
import Foundation
import Testing

@testable import EntenteAlign

/// The quote aligner's bounds on work (issue #14): a region far longer than a quote is searched
/// around the quote's expected place, and a long quote's spans are taken with a stride.
@Suite("Quote alignment in long regions")
struct QuoteLimitTests {
  @Test("In one sentence of 200 unclosed quotes a side, each quote is rendered by its own")
  func manyUnclosedQuotes() throws {
    let count = 200
    let english = (0..<count).map { "He said “word \($0) and " }.joined() + ".\n"
    let french = (0..<count).map { "Il a dit « mot \($0) et " }.joined() + ".\n"
    // One sentence a side, so the region of every quote is the whole French text, longer than
    // the part searched around a quote's place.
    #expect(french.utf8.count > 2 * QuoteAligner.searchHalfWidth(expected: 20))
    let result = try QuoteAligner().align(
      source: english, target: french, sourceLanguage: "en", targetLanguage: "fr")
    #expect(result.matches.count == count)
    for (k, match) in result.matches.enumerated() {
      #expect(match.source.text.hasPrefix("word \(k) "))
      #expect(
        match.target?.text.hasPrefix("mot \(k) ") == true,
        "\(match.source.text) → \(match.target?.text ?? "nothing")")
    }
  }

  @Test("A quote of 120 words in a sentence of 2,500 is found, its ends within the stride")
  func longQuoteInLongSentence() throws {
    let quote = (1...60).map { "point \($0)" }.joined(separator: " ")
    let rendering = (1...60).map { "point \($0)" }.joined(separator: " ")
    let englishFiller = Array(repeating: "and the weather was fine", count: 240).joined(separator: " ")
    let frenchFiller = Array(repeating: "et le temps était beau", count: 240).joined(separator: " ")
    let english = "It began \(englishFiller) when he said “\(quote)” and \(englishFiller).\n"
    let french = "Cela commença \(frenchFiller) quand il dit \(rendering) et \(frenchFiller).\n"
    let result = try QuoteAligner().align(
      source: english, target: french, sourceLanguage: "en", targetLanguage: "fr")
    let match = try #require(result.matches.first)
    let found = try #require(match.target)
    let gold = try #require(french.utf8.firstRange(of: rendering.utf8))
    let goldRange =
      french.utf8.distance(
        from: french.utf8.startIndex, to: gold.lowerBound)..<french.utf8.distance(
        from: french.utf8.startIndex, to: gold.upperBound)
    let common = max(
      0, min(found.range.upperBound, goldRange.upperBound) - max(found.range.lowerBound, goldRange.lowerBound)
    )
    #expect(Double(common) >= 0.9 * Double(goldRange.count), "\(found.text)")
    #expect(Double(found.range.count) <= 1.1 * Double(goldRange.count), "\(found.text)")
  }

  @Test("The bounds: a search half-width of at least 1,500 bytes; candidates × words bounded")
  func bounds() {
    #expect(QuoteAligner.searchHalfWidth(expected: 100) == 1_500)
    #expect(QuoteAligner.searchHalfWidth(expected: 1_000) == 3_000)
    // Up to 20 words a quote keeps 20,000 spans: every span of an ordinary region.
    #expect(QuoteAligner.maximumCandidates(quoteWords: 20) == 20_000)
    #expect(QuoteAligner.maximumCandidates(quoteWords: 10_000) == 256)
  }
}
