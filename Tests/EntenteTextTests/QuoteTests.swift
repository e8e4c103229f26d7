import EntenteText
import Testing
import _EntenteTestSupport

/// One text with its expected quotes: each quote is written `⟦` range `⟦` content `⟧` … `⟧`, so
/// the marked ranges are, in order, each quote's range then its content range.
struct QuoteCase: Sendable, CustomTestStringConvertible {
  /// Opening mark, closing mark ("" when unclosed) and depth of each quote, in order.
  struct Marks: Sendable {
    var opening: String
    var closing: String
    var depth: Int
  }

  var name: String
  var marked: String
  var language: String
  var marks: [Marks]

  init(_ name: String, _ marked: String, _ language: String, _ marks: [(String, String, Int)]) {
    self.name = name
    self.marked = marked
    self.language = language
    self.marks = marks.map { Marks(opening: $0.0, closing: $0.1, depth: $0.2) }
  }

  var testDescription: String { "\(language): \(name)" }

  /// The quotes the marked text says to expect.
  func expected(_ text: MarkedText) -> [Quote] {
    precondition(text.ranges.count == 2 * marks.count, "\(name): two marked ranges per quote")
    return marks.enumerated().map { k, mark in
      Quote(
        range: text.ranges[2 * k], contentRange: text.ranges[2 * k + 1], opening: mark.opening,
        closing: mark.closing, depth: mark.depth, isClosed: !mark.closing.isEmpty)
    }
  }
}

/// A quote as a reader checks it: marks, quoted words, depth.
private func describe(_ quotes: [Quote], in text: MarkedText) -> [String] {
  quotes.map {
    "\($0.depth) \($0.opening)[\(text.slice($0.contentRange))]\($0.closing) ← \(text.slice($0.range))"
  }
}

private func check(_ c: QuoteCase) {
  let text = MarkedText(c.marked)
  let expected = c.expected(text)
  let quotes = extractQuotes(from: text.text, language: c.language)
  #expect(describe(quotes, in: text) == describe(expected, in: text), "\(c.name)")
  #expect(quotes == expected, "\(c.name)")
}

@Suite("Quotes")
struct QuoteTests {
  static let guillemets: [QuoteCase] = [
    QuoteCase("spaces", "Il a dit ⟦« ⟦Bonjour à tous⟧ »⟧.", "fr", [("«", "»", 0)]),
    QuoteCase("no-break spaces", "Il a dit ⟦«\u{00A0}⟦Bonjour⟧\u{00A0}»⟧.", "fr", [("«", "»", 0)]),
    QuoteCase("narrow no-break spaces", "Il a dit ⟦«\u{202F}⟦Bonjour⟧\u{202F}»⟧.", "fr", [("«", "»", 0)]),
    QuoteCase(
      "no spaces", "(dénommé ici ⟦«⟦CPCC⟧»⟧ ou ⟦«⟦Contrat⟧»⟧)", "fr", [("«", "»", 0), ("«", "»", 0)]),
    QuoteCase(
      "mixed spaces", "⟦«\u{202F}⟦mot⟧ »⟧ et ⟦« ⟦autre⟧\u{00A0}»⟧", "fr", [("«", "»", 0), ("«", "»", 0)]),
    QuoteCase("several spaces", "⟦«  \u{00A0}⟦mot⟧ \u{202F}»⟧", "fr", [("«", "»", 0)]),
    QuoteCase("in English text", "The so-called ⟦«⟦Contrat⟧»⟧ was signed.", "en", [("«", "»", 0)]),
    QuoteCase("single guillemets", "⟦‹ ⟦mot⟧ ›⟧ et ⟦‹⟦autre⟧›⟧", "fr", [("‹", "›", 0), ("‹", "›", 0)]),
    QuoteCase("empty", "Il a dit ⟦«⟦⟧ »⟧.", "fr", [("«", "»", 0)]),
  ]

  @Test("« » with every kind of inner space, ‹ ›", arguments: guillemets)
  func guillemetQuotes(_ c: QuoteCase) { check(c) }

  static let curly: [QuoteCase] = [
    QuoteCase("English", "He said ⟦“⟦Hello, world.⟧”⟧ and left.", "en", [("“", "”", 0)]),
    QuoteCase(
      "French translation",
      "Le responsable a accusé ⟦“⟦les États-Unis et d’autres forces hostiles⟧”⟧ de répandre "
        + "⟦“⟦une rumeur de trafic d’armes⟧”⟧, faisant",
      "fr", [("“", "”", 0), ("“", "”", 0)]),
    QuoteCase(
      "with spaces inside", "il a dit ⟦“ ⟦mot⟧ ”⟧ et ⟦“\u{202F}⟦autre⟧\u{00A0}”⟧", "fr",
      [("“", "”", 0), ("“", "”", 0)]),
    QuoteCase("low opening, “ closing", "Er sagte ⟦„⟦Zitat⟧“⟧ und ging.", "en", [("„", "“", 0)]),
    QuoteCase("low opening, ” closing", "il a dit ⟦„⟦mot⟧”⟧.", "fr", [("„", "”", 0)]),
    QuoteCase("mistyped “…“ closes", "the ⟦“⟦word⟧“⟧ again", "en", [("“", "“", 0)]),
    QuoteCase("“ after a space opens", "⟦“⟦a⟧”⟧ ⟦“⟦b⟧”⟧", "en", [("“", "”", 0), ("“", "”", 0)]),
    QuoteCase("single", "It was ⟦‘⟦fine⟧’⟧, he said.", "en", [("‘", "’", 0)]),
    QuoteCase("single with spaces", "C’est ⟦‘ ⟦fin⟧ ’⟧ ici.", "fr", [("‘", "’", 0)]),
  ]

  @Test("“ ” „ ‘ ’ quotes", arguments: curly)
  func curlyQuotes(_ c: QuoteCase) { check(c) }

  static let straight: [QuoteCase] = [
    QuoteCase("English", "He said ⟦\"⟦yes⟧\"⟧ and ⟦\"⟦no⟧\"⟧.", "en", [("\"", "\"", 0), ("\"", "\"", 0)]),
    QuoteCase(
      "at the start, closed before a comma",
      "⟦\"⟦Nous n'avons jamais exporté d'armes⟧\"⟧, a déclaré un responsable.", "fr", [("\"", "\"", 0)]),
    QuoteCase(
      "after an apostrophe",
      "Washington et ⟦\"⟦d'autres forces hostiles répandaient une rumeur⟧\"⟧ entre", "fr",
      [("\"", "\"", 0)]),
    QuoteCase(
      "closed before a period",
      "les achats ⟦\"⟦pourraient inclure des millions d'obus⟧\"⟧. Cependant", "fr", [("\"", "\"", 0)]),
    QuoteCase("inside brackets", "(⟦\"⟦mot⟧\"⟧)", "fr", [("\"", "\"", 0)]),
    QuoteCase(
      "spaces inside", "il a dit ⟦\" ⟦mot⟧ \"⟧ et ⟦\"\u{00A0}⟦autre⟧\u{202F}\"⟧.", "fr",
      [("\"", "\"", 0), ("\"", "\"", 0)]),
    QuoteCase("with ! and a space", "⟦\"⟦Verdun, ville de lumière !⟧\"⟧ La gare", "fr", [("\"", "\"", 0)]),
    QuoteCase("inch mark is not a quote", "a 12\" pizza and a 10\" one", "en", []),
    QuoteCase("within a word, nothing open", "a\"b c", "en", []),
    QuoteCase("straight ' is an apostrophe", "'Hello' she said, l'Agence", "en", []),
  ]

  @Test("Straight \" opens or closes by its place; ' is never a quote", arguments: straight)
  func straightQuotes(_ c: QuoteCase) { check(c) }

  static let apostrophes: [QuoteCase] = [
    QuoteCase("French elisions", "l’Agence, nous n’avons, aujourd’hui, jusqu’à", "fr", []),
    QuoteCase("English contractions and possessives", "don’t, it’s, the students’ rights, ’tis", "en", []),
    QuoteCase("possessive inside double quotes", "⟦“⟦The students’ rights⟧”⟧", "en", [("“", "”", 0)]),
    QuoteCase("apostrophes inside single quotes", "⟦‘⟦It’s l’Agence⟧’⟧ he said", "en", [("‘", "’", 0)]),
    QuoteCase(
      "nested single quote with apostrophes",
      "⟦“⟦She said ⟦‘⟦I’m here⟧’⟧ to me⟧”⟧", "en", [("“", "”", 0), ("‘", "’", 1)]),
    QuoteCase(
      "s’ closes an open ‘ (documented ambiguity)", "⟦‘⟦the students⟧’⟧ books’", "en", [("‘", "’", 0)]),
    QuoteCase("‘ used as an apostrophe", "l‘Agence and the ‘90s", "en", []),
    QuoteCase("unclosed ‘ is not reported", "He said ‘hello and left.", "en", []),
  ]

  @Test("Apostrophes are not quote marks", arguments: apostrophes)
  func apostrophesAreNotQuotes(_ c: QuoteCase) { check(c) }

  static let nesting: [QuoteCase] = [
    QuoteCase(
      "“ inside «", "⟦« ⟦Il a parlé de ⟦“⟦nouveaux sommets⟧”⟧ hier⟧ »⟧", "fr",
      [("«", "»", 0), ("“", "”", 1)]),
    QuoteCase(
      "three levels",
      "⟦« ⟦a ⟦“⟦b ⟦‘⟦c⟧’⟧ d⟧”⟧ e⟧ »⟧", "fr", [("«", "»", 0), ("“", "”", 1), ("‘", "’", 2)]),
    QuoteCase("‘ inside “", "⟦“⟦He said ⟦‘⟦no⟧’⟧ twice.⟧”⟧", "en", [("“", "”", 0), ("‘", "’", 1)]),
    QuoteCase(
      "straight inside «", "⟦« ⟦Il a dit ⟦\"⟦non⟧\"⟧ hier⟧ »⟧", "fr", [("«", "»", 0), ("\"", "\"", 1)]),
    QuoteCase(
      "ends together", "⟦« ⟦Il a dit ⟦“⟦non⟧”⟧⟧ »⟧.", "fr", [("«", "»", 0), ("“", "”", 1)]),
    QuoteCase(
      "inner quote left open ends at the outer closing mark",
      "⟦« ⟦a ⟦“⟦b c⟧⟧⟧ »⟧ d", "fr", [("«", "»", 0), ("“", "", 1)]),
  ]

  @Test("Nested quotes and their depth", arguments: nesting)
  func nestedQuotes(_ c: QuoteCase) { check(c) }

  static let spans: [QuoteCase] = [
    QuoteCase("several sentences", "⟦“⟦Non. Jamais! Vraiment?⟧”⟧ dit-il.", "en", [("“", "”", 0)]),
    QuoteCase(
      "several sentences, French",
      "⟦« ⟦Non seulement le développement. Mais aussi l’exportation.⟧ »⟧ Fin.", "fr", [("«", "»", 0)]),
    QuoteCase("over a line break", "⟦“⟦Line one.\nLine two.⟧”⟧", "en", [("“", "”", 0)]),
    QuoteCase(
      "over a paragraph break, repeated “",
      "⟦“⟦First paragraph.\n\n“Second paragraph.⟧”⟧ Then.", "en", [("“", "”", 0)]),
    QuoteCase(
      "over a paragraph break, repeated «",
      "⟦« ⟦Premier paragraphe.\n\n« Second.⟧ »⟧", "fr", [("«", "»", 0)]),
    QuoteCase(
      "over a paragraph break, repeated straight quote",
      "⟦\"⟦First.\r\n\r\n\"Second.⟧\"⟧", "en", [("\"", "\"", 0)]),
    QuoteCase(
      "French reminder » at a paragraph start",
      "⟦« ⟦Premier.\n\n» Second.⟧ »⟧", "fr", [("«", "»", 0)]),
    QuoteCase(
      "French reminder » at a line start",
      "⟦« ⟦Premier.\n» Second.⟧ »⟧", "fr", [("«", "»", 0)]),
    QuoteCase(
      "no reminder mark in English",
      "⟦« ⟦First.⟧⟧\n\n» Second. »", "en", [("«", "", 0)]),
    QuoteCase(
      "inner quote ends at the paragraph break, the outer goes on",
      "⟦« ⟦A ⟦“⟦b⟧⟧\n\n« c⟧ »⟧", "fr", [("«", "»", 0), ("“", "", 1)]),
    QuoteCase(
      "unclosed at a paragraph break",
      "Il a dit ⟦« ⟦bonjour.⟧⟧ \n\nPuis ⟦« ⟦au revoir⟧ »⟧.", "fr", [("«", "", 0), ("«", "»", 0)]),
    QuoteCase(
      "blank line holding spaces",
      "He said ⟦“⟦hi⟧⟧\n \t\nThen ⟦“⟦bye⟧”⟧", "en", [("“", "", 0), ("“", "”", 0)]),
    QuoteCase(
      "paragraph separator U+2029",
      "He said ⟦“⟦hi⟧⟧\u{2029}Then ⟦“⟦bye⟧”⟧", "en", [("“", "", 0), ("“", "”", 0)]),
    QuoteCase(
      "next paragraph opens another kind of quote",
      "He said ⟦“⟦hi⟧⟧\n\n⟦«⟦mot⟧»⟧", "en", [("“", "", 0), ("«", "»", 0)]),
    QuoteCase("unclosed at the end", "Il a dit ⟦« ⟦bonjour à tous⟧⟧ \n", "fr", [("«", "", 0)]),
  ]

  @Test("Quotes over sentences, lines and paragraphs", arguments: spans)
  func quoteSpans(_ c: QuoteCase) { check(c) }

  static let unmatched: [QuoteCase] = [
    QuoteCase(
      "machine-translation artefact",
      "pour ⟦“⟦diviser et détruire la Russie⟧”⟧. .” Suivez nos mises à jour", "fr", [("“", "”", 0)]),
    QuoteCase("closing marks alone", "Fin » de ” texte › ici’ et là\".", "fr", []),
    QuoteCase("lone straight quote between spaces opens", "Fin ⟦\" ⟦là⟧⟧", "fr", [("\"", "", 0)]),
    QuoteCase("« closed by ” (mixture) runs on", "⟦« ⟦mot ” suite⟧⟧", "fr", [("«", "", 0)]),
    QuoteCase("“ closed by »", "⟦“⟦mot» suite⟧⟧", "en", [("“", "", 0)]),
    QuoteCase("opening mark at the end", "Texte «", "fr", []),
    QuoteCase("opening mark at a paragraph end", "Texte « \n\nSuite ⟦“⟦x⟧”⟧", "fr", [("“", "”", 0)]),
    QuoteCase("empty text", "", "en", []),
  ]

  @Test("Unmatched and stray marks", arguments: unmatched)
  func unmatchedMarks(_ c: QuoteCase) { check(c) }

  @Test(
    "The language tag selects the French reminder mark",
    arguments: [("fr", true), ("fr-CA", true), ("FR_be", true), ("fra", true), ("en", false), ("fry", false)])
  func frenchTags(_ language: String, _ isFrench: Bool) {
    // In French the » opening the second paragraph recalls the quote; elsewhere it is stray.
    let quotes = extractQuotes(from: "« Premier.\n\n» Second. »", language: language)
    #expect(quotes.map(\.isClosed) == [isFrench])
  }

  /// Random strings of marks, letters, spaces and line breaks: no crash, and every result is
  /// well-formed.
  @Test("Any mixture of marks gives well-formed, properly nested quotes", arguments: ["fr", "en"])
  func invariants(_ language: String) {
    let pieces = [
      "«", "»", "“", "”", "„", "‘", "’", "‹", "›", "\"", "'", " ", "\u{00A0}", "\u{202F}", "\n", "\n\n",
      "\r\n", "a", "é", "s", "1", ".", ",", "(", ")", "!", "\u{2029}",
    ]
    for text in randomTexts(from: pieces, count: 2000, maximumPieces: 32, seed: 0x9E37_79B9_7F4A_7C15) {
      let quotes = extractQuotes(from: text, language: language)
      let utf8 = Array(text.utf8)
      var enclosing: [Quote] = []
      var previousStart = -1
      for quote in quotes {
        #expect(quote.range.lowerBound > previousStart, "document order: \(text.debugDescription)")
        previousStart = quote.range.lowerBound
        #expect(quote.range.upperBound <= utf8.count)
        #expect(quote.range.contains(quote.contentRange.lowerBound) || quote.contentRange.isEmpty)
        #expect(quote.contentRange.upperBound <= quote.range.upperBound)
        #expect(text.utf8Slice(quote.range).hasPrefix(quote.opening))
        #expect(quote.isClosed == !quote.closing.isEmpty)
        if quote.isClosed { #expect(text.utf8Slice(quote.range).hasSuffix(quote.closing)) }
        while let last = enclosing.last, last.range.upperBound <= quote.range.lowerBound {
          enclosing.removeLast()
        }
        // Inside the innermost enclosing quote's content, never across its edge.
        if let last = enclosing.last {
          #expect(last.contentRange.lowerBound <= quote.range.lowerBound, "\(text.debugDescription)")
          #expect(quote.range.upperBound <= last.contentRange.upperBound, "\(text.debugDescription)")
        }
        #expect(quote.depth == enclosing.count, "\(text.debugDescription)")
        enclosing.append(quote)
      }
    }
  }
}

extension String {
  /// The text of a UTF-8 byte range.
  fileprivate func utf8Slice(_ range: Range<Int>) -> String {
    String(decoding: Array(utf8)[range], as: UTF8.self)
  }
}

@Suite("Unclosed quotes of one mark")
struct RepeatedOpeningMarkTests {
  @Test("An opening mark met inside a quote it opened ends that quote, unclosed: no deep nesting")
  func sameMarkDoesNotNest() {
    let text = String(repeating: "He said “hello there. ", count: 300) + "She said “bye.”"
    let quotes = extractQuotes(from: text, language: "en")
    #expect(quotes.count == 301)
    #expect(quotes.allSatisfy { $0.depth == 0 })
    #expect(quotes.dropLast().allSatisfy { !$0.isClosed })
    #expect(quotes.last?.isClosed == true)
    let first = quotes[0]
    #expect(String(decoding: Array(text.utf8)[first.contentRange], as: UTF8.self) == "hello there. He said")
  }

  @Test("French guillemets nest inside guillemets, one level")
  func guillemetsNestInGuillemets() {
    let text = "« Il a dit : « non » hier »"
    let quotes = extractQuotes(from: text, language: "fr")
    #expect(quotes.map(\.depth) == [0, 1])
    #expect(quotes.allSatisfy { $0.isClosed })
    #expect(
      quotes.map { String(decoding: Array(text.utf8)[$0.contentRange], as: UTF8.self) } == [
        "Il a dit : « non » hier", "non",
      ])
  }

  @Test("Many unclosed guillemets stay at most two deep")
  func unclosedGuillemetsStayShallow() {
    let text = String(repeating: "Il a dit « bonjour. ", count: 300) + "Elle a dit « au revoir »."
    let quotes = extractQuotes(from: text, language: "fr")
    #expect(quotes.count == 301)
    #expect(quotes.allSatisfy { $0.depth <= 1 })
    #expect(quotes.last?.isClosed == true)
    #expect(quotes.filter { $0.isClosed }.count == 1)
  }

  @Test("Alternating marks still nest")
  func alternatingMarksNest() {
    let quotes = extractQuotes(from: "« Il a dit “ non ” hier »", language: "fr")
    #expect(quotes.map(\.depth) == [0, 1])
  }
}
