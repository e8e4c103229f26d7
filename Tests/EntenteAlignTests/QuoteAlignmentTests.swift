import EntenteAlign
import EntenteText
import Foundation
import Testing
import _EntenteTestSupport

@Suite("Quote alignment on the fixture articles")
struct QuoteAlignmentTests {
  struct GoldQuote: Decodable {
    var source: String
    var target: String?
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/articles")

  @Test(
    "Each English quote is found where the hand-made gold says (no dictionary)",
    arguments: ["000_05abb257ab565b45", "001_783406020c5c45de"])
  func matchesGold(article: String) throws {
    let english = try String(
      contentsOf: Self.folder.appendingPathComponent(article + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: Self.folder.appendingPathComponent(article + ".txt"), encoding: .utf8)
    let gold = try JSONDecoder().decode(
      [GoldQuote].self, from: Data(contentsOf: Self.folder.appendingPathComponent(article + ".quotes.json")))
    let result = try QuoteAligner().align(
      source: english, target: french, sourceLanguage: "en", targetLanguage: "fr")
    #expect(result.matches.map(\.source.text) == gold.map(\.source))
    for (match, expected) in zip(result.matches, gold) {
      // The ranges point at the words shown.
      #expect(english.slice(utf8: match.source.range) == match.source.text)
      if let target = match.target {
        #expect(french.slice(utf8: target.range) == target.text)
        // A rendering is a whole quote or words outside quotes, never a span across a mark.
        #expect(!target.text.contains { "«»“”\"„".contains($0) }, "\(target.text)")
      }
      let found = match.target?.text
      let agrees =
        found.map { found in
          expected.target.map {
            $0.contains(found) && Double(found.count) / Double($0.count) > 0.6 || found == $0
          }
            ?? false
        } ?? (expected.target == nil)
      #expect(agrees, "\(expected.source) → \(found ?? "nothing"), expected \(expected.target ?? "nothing")")
    }
  }

  @Test("A bare list of quotes is looked for in the whole target; a made-up quote is not rendered")
  func bareList() throws {
    let french = try String(
      contentsOf: Self.folder.appendingPathComponent("001_783406020c5c45de.txt"), encoding: .utf8)
    let result = try QuoteAligner().align(
      sourceQuotes: [
        "partial mobilization", "divide and destroy Russia", "The weather in Lisbon is lovely today",
      ],
      target: french, targetLanguage: "fr")
    #expect(result.matches[0].target?.text == "mobilisation partielle")
    #expect(result.matches[1].target?.text == "diviser et détruire la Russie")
    #expect(result.matches[2].target == nil || result.matches[2].score < 0.2)
  }
}

@Suite("Quote evidence")
struct QuoteEvidenceTests {
  @Test("A loose cognate alone is no evidence: “fake” is not rendered by «faire»")
  func looseCognateAlone() throws {
    let result = try QuoteAligner().align(
      sourceQuotes: ["fake"], target: "Il a dit qu'il fallait faire attention aux rumeurs.",
      targetLanguage: "fr")
    #expect(result.matches[0].target == nil)
  }

  @Test("Two loose cognates together still are: “a rumor of arms” finds «une rumeur d'armes»")
  func twoLooseCognates() throws {
    let result = try QuoteAligner().align(
      sourceQuotes: ["a rumor of arms"], target: "Il a parlé d'une rumeur d'armes venue du nord.",
      targetLanguage: "fr")
    #expect(result.matches[0].target?.text.contains("rumeur") == true)
  }
}

@Suite("Quote renderings are reserved")
struct QuoteReservationTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// Whether `outer` contains `inner`.
  static func contains(_ outer: Range<Int>, _ inner: Range<Int>) -> Bool {
    outer.lowerBound <= inner.lowerBound && inner.upperBound <= outer.upperBound
  }

  /// Fails when two renderings meet, unless their source quotes nest and the renderings nest
  /// the same way.
  static func expectReserved(_ result: QuoteAlignment, _ comment: String) {
    let rendered = result.matches.filter { $0.target != nil }
    for (i, a) in rendered.enumerated() {
      for b in rendered[(i + 1)...] {
        let (ra, rb) = (a.target!.range, b.target!.range)
        guard ra.overlaps(rb) else { continue }
        let nestsAsSources =
          contains(a.source.range, b.source.range) && contains(ra, rb)
          || contains(b.source.range, a.source.range) && contains(rb, ra)
        #expect(
          nestsAsSources && ra != rb,
          "\(comment): «\(a.target!.text)» and «\(b.target!.text)» meet")
      }
    }
  }

  @Test(
    "On the fixtures, no rendering lies inside or across another",
    arguments: [
      "articles/000_05abb257ab565b45", "articles/001_783406020c5c45de", "real/001-body", "real/001-dropped",
      "real/001-short",
    ])
  func fixturesKeepRenderingsApart(pair: String) throws {
    let english = try String(
      contentsOf: Self.fixtures.appendingPathComponent(pair + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: Self.fixtures.appendingPathComponent(pair + ".txt"), encoding: .utf8)
    let result = try QuoteAligner().align(
      source: english, target: french, sourceLanguage: "en", targetLanguage: "fr")
    Self.expectReserved(result, pair)
  }

  @Test("Two quotes wanting the same words: the better one gets them, the other another span or none")
  func sharedWords() throws {
    let result = try QuoteAligner().align(
      sourceQuotes: ["partial mobilization", "mobilization"],
      target: "Le président a annoncé une « mobilisation partielle » mercredi.", targetLanguage: "fr")
    #expect(result.matches[0].target?.text == "mobilisation partielle")
    Self.expectReserved(result, "bare list")
  }

  @Test("A quote nested in the source is rendered inside its enclosing quote's rendering")
  func nestedQuotes() throws {
    let english =
      "The minister said: “We reject the ‘total mobilization’ of the army and of the reserves.” Then he left."
    let french = MarkedText(
      "Le ministre a déclaré : « ⟦Nous rejetons la “⟦mobilisation totale⟧” de l'armée et des réserves⟧. »"
        + " Puis il est parti.")
    let result = try QuoteAligner().align(
      source: english, target: french.text, sourceLanguage: "en", targetLanguage: "fr")
    #expect(
      result.matches.map(\.source.text) == [
        "We reject the ‘total mobilization’ of the army and of the reserves", "total mobilization",
      ])
    #expect(result.matches.map(\.target?.range) == french.ranges)
    Self.expectReserved(result, "nested")
  }
}

@Suite("Quote positions and confidence")
struct QuotePositionTests {
  static let fixtures = QuoteReservationTests.fixtures

  /// The 1-based line and column, in Unicode scalars, where `text` starts in `file`, found as
  /// the only occurrence of `mark` followed by `text`.
  static func place(of text: String, after mark: String, in file: String) throws -> [Int] {
    let occurrences = file.ranges(of: mark + text)
    try #require(occurrences.count == 1, "\(mark)\(text) occurs \(occurrences.count) times")
    let before = file[..<occurrences[0].lowerBound].unicodeScalars + mark.unicodeScalars
    let line = before.count { $0 == "\n" } + 1
    let column = before.reversed().prefix { $0 != "\n" }.count + 1
    return [line, column]
  }

  static func records(_ pair: String) throws -> (english: String, french: String, records: [QuoteRecord]) {
    let english = try String(contentsOf: fixtures.appendingPathComponent(pair + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: fixtures.appendingPathComponent(pair + ".txt"), encoding: .utf8)
    let result = try QuoteAligner().align(
      source: english, target: french, sourceLanguage: "en", targetLanguage: "fr")
    return (english, french, result.records(source: english, target: french))
  }

  @Test(
    "Source and target spans carry the line and column where their text starts in each file",
    arguments: [
      ("articles/000_05abb257ab565b45", "\"", "other hostile forces", "\"", "d'autres forces hostiles"),
      ("articles/001_783406020c5c45de", "“", "partial mobilization", "“", "mobilisation partielle"),
      ("articles/001_783406020c5c45de", "“", "to keep its mouth shut", "“", "de se taire"),
      ("real/001-body", "“", "fake", "“", "faux"),
    ])
  func positions(
    pair: String, sourceMark: String, source: String, targetMark: String, target: String
  ) throws {
    let (english, french, records) = try Self.records(pair)
    let record = try #require(records.first { $0.source?.text == source })
    #expect(record.target?.text == target)
    let sourceSpan = try #require(record.source)
    let targetSpan = try #require(record.target)
    #expect(
      [sourceSpan.line, sourceSpan.column] == (try Self.place(of: source, after: sourceMark, in: english)))
    #expect(
      [targetSpan.line, targetSpan.column] == (try Self.place(of: target, after: targetMark, in: french)))
  }

  @Test("A target quote with no source gets its place too, and no confidence")
  func unmatchedTargetQuote() throws {
    let (_, french, records) = try Self.records("real/001-body")
    let record = try #require(
      records.first { $0.source == nil && $0.target?.text == "mobilisation partielle" })
    let span = try #require(record.target)
    #expect(
      [span.line, span.column] == (try Self.place(of: "mobilisation partielle", after: "“", in: french)))
    #expect(record.confidence == nil)
  }

  @Test(
    "Every decision, rendered or not, has a confidence in [0, 1]",
    arguments: [
      "articles/000_05abb257ab565b45", "articles/001_783406020c5c45de", "real/001-body", "real/001-dropped",
      "real/001-short",
    ])
  func confidenceInRange(pair: String) throws {
    let english = try String(
      contentsOf: Self.fixtures.appendingPathComponent(pair + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: Self.fixtures.appendingPathComponent(pair + ".txt"), encoding: .utf8)
    let result = try QuoteAligner().align(
      source: english, target: french, sourceLanguage: "en", targetLanguage: "fr")
    for match in result.matches {
      #expect((0...1).contains(match.confidence), "\(match.source.text): \(match.confidence)")
    }
  }

  @Test(
    "Among the decisions the gold agrees with, the strongest match is surer than the weakest",
    arguments: ["000_05abb257ab565b45", "001_783406020c5c45de"])
  func strongerIsSurer(article: String) throws {
    let folder = Self.fixtures.appendingPathComponent("articles")
    let english = try String(contentsOf: folder.appendingPathComponent(article + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: folder.appendingPathComponent(article + ".txt"), encoding: .utf8)
    let gold = try JSONDecoder().decode(
      [QuoteAlignmentTests.GoldQuote].self,
      from: Data(contentsOf: folder.appendingPathComponent(article + ".quotes.json")))
    let result = try QuoteAligner().align(
      source: english, target: french, sourceLanguage: "en", targetLanguage: "fr")
    let right = zip(result.matches, gold).filter { match, expected in
      guard let found = match.target?.text, let wanted = expected.target else { return false }
      return wanted.contains(found) && Double(found.count) / Double(wanted.count) > 0.6
    }.map(\.0)
    let strongest = try #require(right.max { $0.score < $1.score })
    let weakest = try #require(right.min { $0.score < $1.score })
    #expect(strongest.score > weakest.score + 0.3, "the fixture has a strong and a weak match")
    #expect(strongest.confidence > weakest.confidence)
  }

  @Test("A quote rendered twice in its region is less sure than one rendered once")
  func rivalLowersConfidence() throws {
    let once = try QuoteAligner().align(
      sourceQuotes: ["partial mobilization"],
      target: "Le président a annoncé une mobilisation partielle mercredi. Personne ne l'attendait.",
      targetLanguage: "fr")
    let twice = try QuoteAligner().align(
      sourceQuotes: ["partial mobilization"],
      target:
        "Le président a annoncé une mobilisation partielle mercredi. Une mobilisation partielle, déjà ?",
      targetLanguage: "fr")
    let single = try #require(once.matches.first)
    let doubled = try #require(twice.matches.first)
    #expect(single.target != nil && doubled.target != nil)
    #expect(single.confidence > 0.5)
    #expect(doubled.confidence < 0.1)
  }

  @Test("A quote with nothing like it in the target is surely not rendered")
  func notRenderedConfidence() throws {
    let result = try QuoteAligner().align(
      sourceQuotes: ["The weather in Lisbon is lovely today"],
      target: "Le président a annoncé une mobilisation partielle mercredi.", targetLanguage: "fr")
    let match = try #require(result.matches.first)
    #expect(match.target == nil)
    #expect(match.confidence > 0.5)
  }
}
