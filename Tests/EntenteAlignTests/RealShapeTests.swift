// Pairs of the shape real translated articles have: the French page adds a paragraph, a box and
// page lines the English lacks; the translator drops paragraphs; the stored English is cut short.
import EntenteAlign
import EntenteText
import Foundation
import Testing
import _EntenteTestSupport

@Suite("Real-shape article pairs (Fixtures/real)")
struct RealShapeTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/real")
  static let pairs = ["001-body", "001-dropped", "001-short"]

  static func documents(_ pair: String) throws -> (Document, Document) {
    let english = try String(contentsOf: folder.appendingPathComponent(pair + ".en.txt"), encoding: .utf8)
    let french = try String(contentsOf: folder.appendingPathComponent(pair + ".txt"), encoding: .utf8)
    return (
      try Document(name: pair + ".en.txt", text: english, language: "en"),
      try Document(name: pair + ".txt", text: french, language: "fr")
    )
  }

  static func gold(_ pair: String) throws -> [([Int], [Int])] {
    try goldBeads(at: folder.appendingPathComponent(pair + ".gold.enfr"))
  }

  @Test("Every bead of the gold is found, additions and omissions left unaligned", arguments: pairs)
  func alignment(pair: String) throws {
    let (source, target) = try Self.documents(pair)
    let expected = try Self.gold(pair)
    #expect(expected.contains { $0.0.isEmpty || $0.1.isEmpty }, "the gold has additions or omissions")
    // Running text (paragraphs known), and one sentence per line (no paragraphs).
    let lines = (
      try Document(sentences: source.sentenceTexts, language: "en"),
      try Document(sentences: target.sentenceTexts, language: "fr")
    )
    for (s, t) in [(source, target), lines] {
      let beads = try SentenceAligner().align(s, t).beads
      #expect(beads.map(\.source) == expected.map(\.0), "\(pair), knows paragraphs: \(s.knowsParagraphs)")
      #expect(beads.map(\.target) == expected.map(\.1), "\(pair), knows paragraphs: \(s.knowsParagraphs)")
      for bead in beads {
        #expect(bead.kind == (bead.source.isEmpty ? .addition : bead.target.isEmpty ? .omission : .match))
      }
    }
  }

  struct GoldQuote: Decodable {
    var source: String
    var target: String?
  }

  @Test(
    "Every quote is decided right: found where the gold says, or not rendered when left out", arguments: pairs
  )
  func quotes(pair: String) throws {
    let (source, target) = try Self.documents(pair)
    let gold = try JSONDecoder().decode(
      [GoldQuote].self, from: Data(contentsOf: Self.folder.appendingPathComponent(pair + ".quotes.json")))
    let alignment = try SentenceAligner().align(source, target)
    let result = try QuoteAligner().align(source: source, target: target, alignment: alignment)
    #expect(result.matches.map(\.source.text) == gold.map(\.source))
    for (match, expected) in zip(result.matches, gold) {
      if let expectedTarget = expected.target, let found = match.target?.text {
        #expect(
          expectedTarget.contains(found) && Double(found.count) / Double(expectedTarget.count) > 0.6,
          "\(expected.source) → \(found), expected \(expectedTarget)")
      } else {
        #expect(
          match.target?.text == expected.target, "\(expected.source) → \(match.target?.text ?? "nothing")")
      }
    }
  }
}

@Suite("What the search's bead sizes cannot say, and a cut-off end")
struct BeyondBeadSizeTests {
  static let articles = RealShapeTests.folder.deletingLastPathComponent().appendingPathComponent("articles")
  static let checks = RealShapeTests.folder.deletingLastPathComponent().appendingPathComponent("checks")

  /// Fixture 001's sentences (English and French, as `entente segment` cuts them) and its gold.
  static func article001() throws -> (english: [String], french: [String], gold: [([Int], [Int])]) {
    let english = try Document(
      name: "",
      text: String(
        contentsOf: articles.appendingPathComponent("001_783406020c5c45de.en.txt"), encoding: .utf8),
      language: "en")
    let french = try Document(
      name: "",
      text: String(contentsOf: articles.appendingPathComponent("001_783406020c5c45de.txt"), encoding: .utf8),
      language: "fr")
    let gold = try goldBeads(at: articles.appendingPathComponent("001_783406020c5c45de.gold.enfr"))
    return (english.sentenceTexts, french.sentenceTexts, gold)
  }

  @Test(
    "The untranslated end of a copy cut short and the box a page adds after its text are both left unaligned")
  func cutOffEndBesideABox() throws {
    let (english, french, gold) = try Self.article001()
    // The English goes on with a paragraph of another article (fixture 000) that the French
    // never translates; the French page ends with a box of lines about the same story.
    let more = try Document(
      name: "",
      text: String(
        contentsOf: Self.articles.appendingPathComponent("000_05abb257ab565b45.en.txt"), encoding: .utf8),
      language: "en"
    ).sentenceTexts.dropFirst()
    let box = try String(contentsOf: Self.checks.appendingPathComponent("planted.fr.txt"), encoding: .utf8)
      .split(separator: "\n").prefix(8).map(String.init)
    try #require(more.count >= 5 && box.count == 8)
    let source = try Document(sentences: english + more, language: "en")
    let target = try Document(sentences: french + box, language: "fr")
    let beads = try SentenceAligner().align(source, target).beads
    let expected =
      gold + (english.count..<(english.count + more.count)).map { ([$0], [Int]()) }
      + (french.count..<(french.count + box.count)).map { ([Int](), [$0]) }
    #expect(beads.map(\.source) == expected.map(\.0))
    #expect(beads.map(\.target) == expected.map(\.1))
  }

  @Test("Five sentences rendered by one French sentence become one bead, beyond the search's 3-1")
  func paragraphRenderedByOneSentence() throws {
    let (english, french, gold) = try Self.article001()
    // The French of the gold's beads [9]:[10] … [13]:[14] joined into one sentence.
    let first = try #require(gold.firstIndex { $0.1 == [10] })
    try #require(gold[first..<(first + 5)].map(\.1) == [[10], [11], [12], [13], [14]])
    let joined = Array(french[..<10]) + [french[10...14].joined(separator: " ")] + Array(french[15...])
    let beads = try SentenceAligner().align(source: english, target: joined)
    let merged = try #require(beads.first { $0.target == [10] })
    #expect(merged.source == gold[first..<(first + 5)].flatMap(\.0))
    #expect(merged.kind == .match)
    // Every other bead is the gold's, its French indices moved back by the four joined away.
    let others = beads.filter { $0.target != [10] }.map { ($0.source, $0.target) }
    let expected = (gold[..<first] + gold[(first + 5)...]).map { bead in
      (bead.0, bead.1.map { $0 > 14 ? $0 - 4 : $0 })
    }
    #expect(others.map(\.0) == expected.map(\.0))
    #expect(others.map(\.1) == expected.map(\.1))
  }
}

@Suite("Page lines without final punctuation")
struct PageLineTests {
  @Test(
    "A caption or credit line the French page adds between two sentences is left unaligned, not glued",
    arguments: [(3, "Photo : AFP"), (12, "Crédit photo : Reuters / Kim Hong-Ji"), (20, "Lire aussi")])
  func captionBetweenSentences(position: Int, line: String) throws {
    let (english, french, gold) = try BeyondBeadSizeTests.article001()
    let target = Array(french[..<position]) + [line] + Array(french[position...])
    let beads = try SentenceAligner().align(source: english, target: target)
    #expect(beads.contains { $0.source.isEmpty && $0.target == [position] }, "\(line) at \(position)")
    // The gold's beads are all there, French indices after the line moved on by one.
    let expected = gold.map { bead in (bead.0, bead.1.map { $0 >= position ? $0 + 1 : $0 }) }
    #expect(beads.filter { !$0.source.isEmpty }.map(\.target) == expected.map(\.1))
  }
}

@Suite("Paragraph evidence in running text")
struct ParagraphEvidenceTests {
  @Test("A box set where a translated paragraph was: the paragraph and the box are both left unaligned")
  func boxInPlaceOfAParagraph() throws {
    let articles = BeyondBeadSizeTests.articles
    let english = try String(
      contentsOf: articles.appendingPathComponent("001_783406020c5c45de.en.txt"), encoding: .utf8)
    let french = try String(
      contentsOf: articles.appendingPathComponent("001_783406020c5c45de.txt"), encoding: .utf8)
    let gold = try goldBeads(at: articles.appendingPathComponent("001_783406020c5c45de.gold.enfr"))
    // French paragraph 8 (its sentences: `replaced`) gives way to a box on another subject.
    var paragraphs = french.components(separatedBy: "\n\n")
    let box =
      "Le Conseil de sécurité s'est réuni lundi à huis clos pour la troisième fois ce mois-ci. "
      + "Les délégations n'ont publié aucun communiqué commun à l'issue de la séance. "
      + "Une nouvelle réunion est prévue la semaine prochaine, selon plusieurs diplomates."
    let before = try Document(name: "", text: paragraphs[..<7].joined(separator: "\n\n"), language: "fr")
      .count
    let replaced = before..<(before + (try Document(name: "", text: paragraphs[7], language: "fr").count))
    paragraphs[7] = box
    let source = try Document(name: "en.txt", text: english, language: "en")
    let target = try Document(name: "fr.txt", text: paragraphs.joined(separator: "\n\n"), language: "fr")
    let added = before..<(before + 3)
    let shift = added.count - replaced.count
    let beads = try SentenceAligner().align(source, target).beads
    let expectedMatches = gold.filter { !$0.0.isEmpty && !$0.1.isEmpty && !replaced.contains($0.1[0]) }.map {
      bead in [bead.0, bead.1.map { $0 >= replaced.upperBound ? $0 + shift : $0 }]
    }
    let expectedOmitted = gold.filter { $0.1.allSatisfy(replaced.contains) }.flatMap(\.0)
    #expect(beads.filter { $0.kind == .match }.map { [$0.source, $0.target] } == expectedMatches)
    #expect(beads.filter { $0.kind == .omission }.flatMap(\.source) == expectedOmitted)
    #expect(beads.filter { $0.kind == .addition }.flatMap(\.target) == Array(added))
    // The sentences taken out are charged as a run of their own, not left with their old
    // bead's cost: low confidence, as the search gives a run it finds itself.
    for bead in beads
    where bead.kind != .match
      && (replaced.contains(bead.source.first ?? -1) || added.contains(bead.target.first ?? -1))
    {
      #expect(bead.confidence < 0.5 && bead.cost > 0, "\(bead)")
    }
  }
}

@Suite("Repairs after the search keep the alignment whole")
struct RepairInvariantTests {
  /// Pairs that make every repair run: a paragraph replaced by a box, a passage rendered by one
  /// sentence, a cut-off end beside added lines, dropped paragraphs.
  static func pairs() throws -> [(String, [String], [String])] {
    let (english, french, _) = try BeyondBeadSizeTests.article001()
    let joined = Array(french[..<10]) + [french[10...14].joined(separator: " ")] + Array(french[15...])
    let boxed =
      Array(french[..<6]) + [
        "Le Conseil de sécurité s'est réuni lundi.", "Aucun communiqué n'a suivi.", "Photo : AFP",
      ]
      + Array(french[6...])
    var pairs = [
      ("five rendered by one", english, joined), ("box and caption", english, boxed),
      ("cut-off end", Array(english[..<(english.count - 6)]), french + ["Publicité", "Lire aussi"]),
      ("English dropped", Array(english[..<5] + english[12...]), french),
    ]
    for pair in RealShapeTests.pairs {
      let (source, target) = try RealShapeTests.documents(pair)
      pairs.append((pair, source.sentenceTexts, target.sentenceTexts))
    }
    return pairs
  }

  @Test("Every sentence in exactly one bead, in order; each side of a bead consecutive; costs finite")
  func wholeAndInOrder() throws {
    for (name, source, target) in try Self.pairs() {
      let beads = try SentenceAligner().align(source: source, target: target)
      #expect(beads.flatMap(\.source) == Array(source.indices), "\(name)")
      #expect(beads.flatMap(\.target) == Array(target.indices), "\(name)")
      for bead in beads {
        #expect(!(bead.source.isEmpty && bead.target.isEmpty), "\(name)")
        #expect(bead.source == Array(bead.source.indices.map { bead.source[0] + $0 }), "\(name)")
        #expect(bead.target == Array(bead.target.indices.map { bead.target[0] + $0 }), "\(name)")
        #expect(bead.cost.isFinite && (0...1).contains(bead.confidence), "\(name): \(bead)")
      }
    }
  }
}
