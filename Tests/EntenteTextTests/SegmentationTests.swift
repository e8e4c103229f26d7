import EntenteText
import Foundation
import Testing
import _EntenteTestSupport

/// The sentences `segmenter` finds in `marked` (a text with `¦` between the expected sentences),
/// beside the expected ones.
private func sentences(_ marked: String, _ language: String, mode: InputMode = .text) throws -> (
  actual: [String], expected: [String]
) {
  let expected = marked.components(separatedBy: "¦").map {
    $0.trimmingCharacters(in: .whitespacesAndNewlines)
  }.filter { !$0.isEmpty }
  let text = marked.replacingOccurrences(of: "¦", with: "")
  let segmenter = try SentenceSegmenter(language: language)
  let actual = try segmenter.sentences(in: text, mode: mode).map { text.slice(utf8: $0.range) }
  return (actual, expected)
}

/// The three spaces French typography puts inside guillemets and before `; : ! ?`.
let frenchSpaces = [" ", "\u{00A0}", "\u{202F}"]

@Suite("Closing quotes and brackets stay with their sentence")
struct ClosingQuoteTests {
  @Test("French guillemets after the period, whatever space precedes »", arguments: frenchSpaces)
  func guillemets(space: String) throws {
    let (actual, expected) = try sentences(
      "Il a dit : «\(space)Nous viendrons demain.\(space)»¦ Le maire a confirmé.", "fr")
    #expect(actual == expected)
  }

  @Test(
    "English and straight quotes, single quotes, brackets",
    arguments: [
      "“We will come tomorrow.”¦ The mayor agreed.",
      "\"We will come tomorrow.\"¦ The mayor agreed.",
      "‘We will come tomorrow.’¦ The mayor agreed.",
      "He left (at last.)¦ The mayor agreed.",
      "He said: “They told me ‘no.’”¦ Then he left.",
    ])
  func english(marked: String) throws {
    let (actual, expected) = try sentences(marked, "en")
    #expect(actual == expected)
  }

  @Test(
    "A lowercase word after a closing quote continues the sentence (incise)",
    arguments: [
      ("« Quoi ? » dit-il en riant.¦ Puis il partit.", "fr"),
      ("“Stop!” he shouted.¦ Nobody moved.", "en"),
      ("\"Why?\" she asked.¦ He did not answer.", "en"),
    ])
  func incise(marked: String, language: String) throws {
    let (actual, expected) = try sentences(marked, language)
    #expect(actual == expected)
  }

  @Test("A spaced straight quote closes the quote that is open")
  func spacedStraightQuote() throws {
    let (actual, expected) = try sentences(
      "Il a crié \"tu es une bête ! \"¦ Les serveurs ont ri.", "fr")
    #expect(actual == expected)
  }

  @Test("A footnote call after the period stays with the sentence")
  func footnotes() throws {
    let (actual, expected) = try sentences("He stayed at Harrow until 1805.[6]¦ He then left.", "en")
    #expect(actual == expected)
    let (spaced, spacedExpected) = try sentences("He stayed at Harrow until 1805. [6]¦ He then left.", "en")
    #expect(spaced == spacedExpected)
  }

  @Test("A machine-translation artefact of stray marks stays with its sentence")
  func strayMarks() throws {
    let (actual, expected) = try sentences(
      "Il veut “diviser et détruire la Russie”. .”¦ Le Kremlin a répondu.", "fr")
    #expect(actual == expected)
  }
}

@Suite("Abbreviations, initials and acronyms")
struct AbbreviationTests {
  @Test(
    "French abbreviations",
    arguments: [
      "M. Dupont est arrivé.¦ Mme Martin aussi.",
      "Voir cf. p. 25 du rapport.¦ Le texte est clair.",
      "Des fruits, p. ex. des pommes, et des légumes.",
      "Il a lu, vu, entendu, etc.¦ Le reste est connu.",
      "Le Dr Martin et le Pr. Durand ont signé.",
      "Né en 493 av. J.-C. à Rome, il mourut jeune.",
      "L'art. 3 du code s'applique.¦ Le juge l'a dit.",
    ])
  func french(marked: String) throws {
    let (actual, expected) = try sentences(marked, "fr")
    #expect(actual == expected)
  }

  @Test(
    "English abbreviations",
    arguments: [
      "Mr. Smith arrived.¦ Mrs. Jones did too.",
      "Some fruit, e.g. apples, and vegetables.",
      "See p. 25 and No. 5 for details.¦ The rest is clear.",
      "We bought apples, pears, etc.¦ The rest was sold.",
      "Were Jane and co. at the party?",
      "St. Michael's Church is on 5th st. near the light.",
      "He met Dr. Who at 5 p.m. yesterday.",
    ])
  func english(marked: String) throws {
    let (actual, expected) = try sentences(marked, "en")
    #expect(actual == expected)
  }

  @Test(
    "Initials and dotted acronyms",
    arguments: [
      ("L'association a été créée par J.-P. Bruneau en 2000.", "fr"),
      ("Le livre de J. K. Rowling est sorti.", "fr"),
      ("La S.N.C.F. a annoncé une grève.", "fr"),
      ("Le président J. Chirac a parlé.", "fr"),
      ("President George W. Bush spoke.", "en"),
      ("The U.S. Department of State said so.", "en"),
      ("He lived in the U.S.¦ The war had ended.", "en"),
      ("Il est parti aux U.S.A.¦ Le voyage fut long.", "fr"),
    ])
  func initials(marked: String, language: String) throws {
    let (actual, expected) = try sentences(marked, language)
    #expect(actual == expected)
  }

  @Test("The user's abbreviations are added to the built-in list")
  func userAbbreviations() throws {
    let text = "Il habite la Rte. Nationale depuis dix ans."
    let plain = try SentenceSegmenter(language: "fr")
    #expect(try plain.sentences(in: text).count == 2)
    let extra = try Abbreviations(parsing: "# mine\nRte title\n", name: "mine.txt")
    let withUser = try SentenceSegmenter(language: "fr", extraAbbreviations: extra)
    #expect(try withUser.sentences(in: text).count == 1)
  }

  @Test("A malformed abbreviations file is an error naming the file and line")
  func malformedFile() throws {
    #expect(throws: TextError.malformedAbbreviation(file: "bad.txt", line: 2, entry: "p.\tex")) {
      try Abbreviations(parsing: "Rte\np.\tex\n", name: "bad.txt")
    }
  }
}

@Suite("Ellipsis, numbers, addresses, datelines")
struct TerminatorTests {
  @Test(
    "Ellipsis: a boundary before a capital, not before a lowercase word",
    arguments: [
      ("Il hésita… et puis il partit.", "fr"),
      ("Il hésita…¦ Le lendemain, il partit.", "fr"),
      ("Il hésita...¦ Le lendemain, il partit.", "fr"),
      ("Le texte cité […] continue ici.", "fr"),
      ("I wasn’t really ... well, I mean, nothing.", "en"),
      ("She waited...¦ Then she left.", "en"),
      ("He paused . . . and went on.", "en"),
    ])
  func ellipsis(marked: String, language: String) throws {
    let (actual, expected) = try sentences(marked, language)
    #expect(actual == expected)
  }

  @Test(
    "Numbers, times, addresses are not sentence ends",
    arguments: [
      "Le taux est de 3.5 ou 3,5 % selon les cas.",
      "Ouvert de 10 h 30 à 18 h.¦ Fermé le lundi.",
      "Il a payé 1 000 euros en 1962.¦ Le prix a doublé depuis.",
      "Écrivez à jean.dupont@example.fr.¦ Il répond vite.",
      "Voir www.example.org/a?b=1 pour le reste.",
      "Le fichier rapport.final.pdf est prêt.",
    ])
  func numbers(marked: String) throws {
    let (actual, expected) = try sentences(marked, "fr")
    #expect(actual == expected)
  }

  @Test(
    "Datelines and credits stay with their sentence",
    arguments: [
      "SEOUL – La Corée du Nord a démenti.¦ Washington a répondu.",
      "(Belga) La Corée du Nord a nié mercredi.¦ Les médias l'ont rapporté.",
      "La Russie était dans une situation désespérée. (Belga)",
      "PARIS (AFP) — Le gouvernement a annoncé une réforme.",
    ])
  func datelines(marked: String) throws {
    let (actual, expected) = try sentences(marked, "fr")
    #expect(actual == expected)
  }

  @Test(
    "Question and exclamation marks before a lowercase word",
    arguments: [
      ("Qui est là ? demanda-t-il.", "fr"),
      ("Qui est là ?¦ Personne ne répondit.", "fr"),
      ("what do you think?¦ i think they are mean.", "en"),
      ("She works at Yahoo! in the accounting department.", "en"),
    ])
  func questions(marked: String, language: String) throws {
    let (actual, expected) = try sentences(marked, language)
    #expect(actual == expected)
  }

  @Test(
    "A period before a lowercase word ends a sentence unless an abbreviation precedes",
    arguments: [
      ("Le dossier est clos.¦ à ce jour, rien n'a changé.", "fr"),
      ("i love it.¦ you should get one.", "en"),
      ("Prices rose approx. ten percent.", "en"),
    ])
  func lowercaseAfterPeriod(marked: String, language: String) throws {
    let (actual, expected) = try sentences(marked, language)
    #expect(actual == expected)
  }

  @Test(
    "A semicolon before a capitalised word ends a sentence, not before a name",
    arguments: [
      "Il croyait connaître les classiques ;¦ Il se trompait.",
      "Sont décédés : Paulette Bertrand ; Lucien Carillon ; Anita Dachaud.",
      "Il pleuvait ; le match a eu lieu.",
      "Voir les travaux (Martin, 2015 ; Dupont, 2016) sur ce point.",
    ])
  func semicolon(marked: String) throws {
    let (actual, expected) = try sentences(marked, "fr")
    #expect(actual == expected)
  }

  @Test("Speech broken off by a dash glued to the word")
  func interruption() throws {
    let (actual, expected) = try sentences("I know she's—¦ Then she left.", "en")
    #expect(actual == expected)
    let (incise, inciseExpected) = try sentences("Le président — Emmanuel Macron — a parlé.", "fr")
    #expect(incise == inciseExpected)
  }
}

@Suite("Paragraphs, headlines and lists")
struct StructureTests {
  @Test("Paragraph breaks are hard boundaries")
  func paragraphs() throws {
    let (actual, expected) = try sentences(
      "La Corée du Nord dément avoir vendu des armes\n\n¦SEOUL – La Corée du Nord a démenti.\n", "fr")
    #expect(actual == expected)
    let segmenter = try SentenceSegmenter(language: "fr")
    let text = "Un.\n\nDeux.\n \t\nTrois.\u{2029}Quatre sans point\u{2029}Cinq"
    #expect(try segmenter.sentences(in: text).map(\.paragraph) == [0, 1, 2, 3, 4])
  }

  @Test("A line break inside a sentence is not a boundary")
  func wrappedLines() throws {
    let (actual, expected) = try sentences(
      "La déclaration de jeudi, publiée par l'agence officielle,\nfait suite à une évaluation\ndes renseignements américains.",
      "fr")
    #expect(actual == expected)
  }

  @Test("A headline line before the text, and list items without final punctuation")
  func headlinesAndLists() throws {
    let (headline, headlineExpected) = try sentences(
      "Résultats\n¦Le comité a publié les résultats du vote de la semaine dernière, sans commentaire.", "fr")
    #expect(headline == headlineExpected)
    let (list, listExpected) = try sentences(
      "Le comité est composé de :\n¦- un président\n¦- deux vice-présidents\n¦- un trésorier", "fr")
    #expect(list == listExpected)
  }

  @Test(
    "Inline list items",
    arguments: [
      "1. The first item¦ 2. The second item",
      "1) The first item¦ 2) The second item",
      "a. The first item¦ b. The second item¦ c. The third list item",
      "• 9. The first item¦ • 10. The second item",
      "It ended in the world.¦ 1. Everyone has the right to a nationality.",
    ])
  func inlineLists(marked: String) throws {
    let (actual, expected) = try sentences(marked, "en")
    #expect(actual == expected)
  }

  @Test("Lines mode: every line is a paragraph, split further when it holds several sentences")
  func linesMode() throws {
    let (actual, expected) = try sentences(
      "First line without a period\n¦Second line. ¦Still the second line.\n\n¦Third line", "en", mode: .lines)
    #expect(actual == expected)
  }

  @Test("Other ICU locales get ICU's boundaries for their own terminators")
  func otherScripts() throws {
    let (actual, expected) = try sentences("今日は晴れ。¦明日は雨です。", "ja")
    #expect(actual == expected)
  }
}

@Suite("Every sentence keeps its range: sentences and gaps give back the input")
struct RoundTripTests {
  /// Checks the round-trip property and that sentences are trimmed, non-empty and in order.
  static func checkRoundTrip(_ text: String, language: String, mode: InputMode) throws {
    let segmenter = try SentenceSegmenter(language: language)
    let sentences = try segmenter.sentences(in: text, mode: mode)
    let utf8 = Array(text.utf8)
    var rebuilt: [UInt8] = []
    var position = 0
    for sentence in sentences {
      #expect(sentence.range.lowerBound >= position)
      #expect(!sentence.range.isEmpty)
      let gap = utf8[position..<sentence.range.lowerBound]
      let gapIsSpace = String(decoding: gap, as: UTF8.self).allSatisfy { $0.isWhitespace }
      #expect(gapIsSpace)
      let body = String(decoding: utf8[sentence.range], as: UTF8.self)
      #expect(body.first?.isWhitespace == false && body.last?.isWhitespace == false)
      rebuilt += gap
      rebuilt += utf8[sentence.range]
      position = sentence.range.upperBound
    }
    let tail = utf8[position...]
    let tailIsSpace = String(decoding: tail, as: UTF8.self).allSatisfy { $0.isWhitespace }
    #expect(tailIsSpace)
    rebuilt += tail
    #expect(rebuilt == utf8)
  }

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static var fixtures: [URL] {
    let folder = root.appendingPathComponent("Fixtures/articles")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
  }

  @Test("On every fixture, in both modes")
  func fixtures() throws {
    let files = Self.fixtures
    #expect(files.count >= 2)
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      let language = file.lastPathComponent.contains(".en.") ? "en" : "fr"
      for mode in InputMode.allCases { try Self.checkRoundTrip(text, language: language, mode: mode) }
    }
  }

  @Test("On every dev set of ../shared/eval, when it is there")
  func devSets() throws {
    let ud = Self.root.deletingLastPathComponent().appendingPathComponent("shared/eval/segmentation/ud")
    guard let sets = try? FileManager.default.contentsOfDirectory(atPath: ud.path) else { return }
    for set in sets.sorted() {
      let file = ud.appendingPathComponent(set).appendingPathComponent("dev.txt")
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      try Self.checkRoundTrip(text, language: set.contains("French") ? "fr" : "en", mode: .text)
    }
  }

  @Test("On random mixtures of the characters the rules look at")
  func randomText() throws {
    let pieces = [
      "M.", " ", "\u{00A0}", "\u{202F}", "«", "»", "“", "”", "\"", "'", "’", ".", "…", "...", "?", "!", ";",
      "\n", "\n\n", "\r\n", "Le", "mot", "U.S.", "J.-P.", "1.", "2)", "•", "-", "—", "[12]", "(", ")", "é",
      "Été", "今日", "。", "\t",
    ]
    for text in randomTexts(from: pieces, count: 300, maximumPieces: 60, seed: 42) {
      for language in ["fr", "en", "de"] {
        for mode in InputMode.allCases { try Self.checkRoundTrip(text, language: language, mode: mode) }
      }
    }
  }
}

@Suite("SRX rules decide first")
struct SegmenterSRXTests {
  static let document = """
    <?xml version="1.0" encoding="UTF-8"?>
    <srx xmlns="http://www.lisa.org/srx20" version="2.0">
      <header segmentsubflows="yes" cascade="yes"/>
      <body>
        <languagerules>
          <languagerule languagerulename="Mine">
            <rule break="no"><beforebreak>\\bBd\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
            <rule break="yes"><beforebreak>:</beforebreak><afterbreak>\\s+\\p{Lu}</afterbreak></rule>
          </languagerule>
        </languagerules>
        <maprules>
          <languagemap languagepattern="fr.*" languagerulename="Mine"/>
        </maprules>
      </body>
    </srx>
    """

  @Test("A no-break rule removes a boundary and a break rule adds one")
  func srxOverrides() throws {
    let srx = try SRXDocument(data: Data(Self.document.utf8), path: "mine.srx").ruleSet(forLanguage: "fr")
    let segmenter = try SentenceSegmenter(language: "fr", srx: srx)
    let text = "Il habite au 3 Bd. Voltaire à Paris. Le comité est inchangé: Vice-président André."
    let result = try segmenter.sentences(in: text).map { text.slice(utf8: $0.range) }
    #expect(
      result == [
        "Il habite au 3 Bd. Voltaire à Paris.", "Le comité est inchangé:", "Vice-président André.",
      ])
  }
}

@Suite("Segmentation: bounded work on hostile input")
struct BoundedSegmentationTests {
  /// The best seconds (of three, in turns) to segment `small` and `large` in French, and their
  /// numbers of sentences.
  private func segment(_ small: String, _ large: String) throws -> (
    small: Double, large: Double, sentences: (Int, Int)
  ) {
    let segmenter = try SentenceSegmenter(language: "fr")
    var counts = (0, 0)
    let (smallTime, largeTime) = try bestTimes(
      small: { counts.0 = try segmenter.sentences(in: small).count },
      large: { counts.1 = try segmenter.sentences(in: large).count })
    return (smallTime, largeTime, counts)
  }

  @Test("Semicolons before capitalised words inside a bracket never closed: linear (n and 4n)")
  func longBracket() throws {
    // Each «; Le» once read the sentence back to its start for the bracket depth: 120,000 of
    // them took 100 s in a release build.
    let times = try segment(
      "( " + String(repeating: "mot ; Le chat ", count: 20_000) + ".",
      "( " + String(repeating: "mot ; Le chat ", count: 80_000) + ".")
    #expect(times.sentences == (1, 1))
    #expect(times.large < 8 * max(times.small, 0.05), "20,000: \(times.small) s; 80,000: \(times.large) s")
  }

  @Test(
    "Lines without a word, capitalised words, hard-wrapped lines, headings in one line: linear (n and 4n)",
    arguments: [
      "-----\n", "Le Le Le Le x\n", "word word word word word word word word word\n",
      // No line feed: a heading cut before every «Les» of one long line.
      "mot Les gens ",
    ])
  func manyLines(line: String) throws {
    // Each line of `-----` once read the sentence back to its start: 80,000 took 129 s; each
    // «mot Les» once split its fragment with Unicode properties: 1,000,000 took 24 s.
    let times = try segment(String(repeating: line, count: 20_000), String(repeating: line, count: 80_000))
    #expect(times.large < 8 * max(times.small, 0.05), "20,000: \(times.small) s; 80,000: \(times.large) s")
  }

  @Test("The bracket depth is counted from each sentence's start, as before")
  func bracketDepthPerSentence() throws {
    let cases = [
      "Il cite (Smith, 2015; Mulligan, 2016) dans son texte.",
      "Une parenthèse (jamais fermée. ¦ Puis une autre phrase; ¦ Le chat dort.",
      "Voici [un crochet; Le texte continue] ici; ¦ Le chien aboie.",
      "Premier point; ¦ Le second (avec; Des détails) suit.",
    ]
    for marked in cases {
      let result = try sentences(marked, "fr")
      #expect(result.actual == result.expected, "\(marked)")
    }
  }
}

/// `text` hard-wrapped at `width` columns (words never cut, spaces become line feeds), as a
/// page or a PDF gives it.
private func hardWrapped(_ text: String, width: Int) -> String {
  var lines: [String] = []
  var line = ""
  for word in text.split(separator: " ") {
    if !line.isEmpty && line.count + 1 + word.count > width {
      lines.append(line)
      line = ""
    }
    line += (line.isEmpty ? "" : " ") + word
  }
  if !line.isEmpty { lines.append(line) }
  return lines.joined(separator: "\n")
}

/// Sentences with their spaces made single, to compare wrapped and unwrapped text.
private func normalized(_ sentences: [String]) -> [String] {
  sentences.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
}

@Suite("Text as it comes from pages: headings without punctuation, hard-wrapped lines")
struct PageTextTests {
  /// An article made of parts that each shape of page text has: a headline, a byline, a
  /// dateline paragraph, a list, a section title, paragraphs long enough to wrap.
  static let article: [(text: String, sentences: [String])] = [
    (
      "Storm closes the northern ports for a third day",
      ["Storm closes the northern ports for a third day"]
    ),
    ("By Maria Jensen and Tom Okafor", ["By Maria Jensen and Tom Okafor"]),
    (
      "HALDEN, Norway – The harbour authority kept every ferry in port on Thursday, after waves of"
        + " nine metres broke over the outer wall. Fishermen said they had not seen such a sea since"
        + " the winter of 1993. The coast guard asked boat owners to stay ashore until Saturday.",
      [
        "HALDEN, Norway – The harbour authority kept every ferry in port on Thursday, after waves of nine metres broke over the outer wall.",
        "Fishermen said they had not seen such a sea since the winter of 1993.",
        "The coast guard asked boat owners to stay ashore until Saturday.",
      ]
    ),
    ("What the closure means for travellers", ["What the closure means for travellers"]),
    (
      "Passengers with a booking can change it free of charge, the operator said in a statement"
        + " published on its website late on Wednesday evening, and refunds will follow within a week.",
      [
        "Passengers with a booking can change it free of charge, the operator said in a statement published on its website late on Wednesday evening, and refunds will follow within a week."
      ]
    ),
    (
      "Photo: the outer wall of the harbour on Thursday morning",
      ["Photo: the outer wall of the harbour on Thursday morning"]
    ),
  ]

  @Test(
    "Hard-wrapped without blank lines: the same sentences as the paragraphs unwrapped",
    arguments: [60, 72, 80])
  func hardWrappedArticle(width: Int) throws {
    let segmenter = try SentenceSegmenter(language: "en")
    let wrapped = Self.article.map { hardWrapped($0.text, width: width) }.joined(separator: "\n")
    let actual = try segmenter.sentences(in: wrapped).map { wrapped.slice(utf8: $0.range) }
    #expect(normalized(actual) == Self.article.flatMap(\.sentences))
    let plain = Self.article.map(\.text).joined(separator: "\n\n")
    let unwrapped = try segmenter.sentences(in: plain).map { plain.slice(utf8: $0.range) }
    #expect(normalized(unwrapped) == Self.article.flatMap(\.sentences))
  }

  @Test(
    "The seed articles hard-wrapped without blank lines give the sentences they give unwrapped",
    arguments: ["000_05abb257ab565b45", "001_783406020c5c45de"], [60, 72])
  func seedsWrapped(article: String, width: Int) throws {
    let folder = RoundTripTests.root.appendingPathComponent("Fixtures/articles")
    for (suffix, language) in [(".en.txt", "en"), (".txt", "fr")] {
      let text = try String(contentsOf: folder.appendingPathComponent(article + suffix), encoding: .utf8)
      let paragraphs = text.components(separatedBy: "\n\n").map {
        $0.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      }.filter { !$0.isEmpty }
      let wrapped = paragraphs.map { hardWrapped($0, width: width) }.joined(separator: "\n")
      let segmenter = try SentenceSegmenter(language: language)
      let plain = try segmenter.sentences(in: text).map { text.slice(utf8: $0.range) }
      let actual = try segmenter.sentences(in: wrapped).map { wrapped.slice(utf8: $0.range) }
      #expect(normalized(actual) == normalized(plain), "\(article)\(suffix) at \(width)")
    }
  }

  @Test(
    "A line break forced by wrapping is not a boundary, even before a capital; with CRLF too",
    arguments: ["\n", "\r\n"])
  func forcedWrap(lineEnd: String) throws {
    // Wrapped at 72 columns, a capitalised word starts a line because it did not fit on the one
    // before, which ends with a content word.
    let cases = [
      (
        "The minister said on Tuesday that the agreement would be signed by all European officials"
          + " at the headquarters of the commission in central Brussels next Monday, once the last"
          + " details of the text have been settled by the lawyers of both Parliament and Council, who"
          + " met on Friday.", "en", ["all\nEuropean", "central\nBrussels"]
      ),
      (
        "Le ministre a déclaré mardi que l'accord serait signé par les ministres européens réunis"
          + " Jeudi prochain au siège de la commission, une fois réglés les derniers détails du texte"
          + " par les équipes juridiques Nationales et Européennes, qui se retrouvent Vendredi.", "fr",
        ["juridiques\nNationales"]
      ),
    ]
    for (paragraph, language, breaks) in cases {
      let wrapped = hardWrapped(paragraph, width: 72)
      for line in breaks { #expect(wrapped.contains(line), "the test's text no longer wraps at \(line)") }
      let text = wrapped.replacingOccurrences(of: "\n", with: lineEnd)
      let segmenter = try SentenceSegmenter(language: language)
      let found = try segmenter.sentences(in: text).map { text.slice(utf8: $0.range) }
      #expect(found.count == 1, "\(found)")
    }
  }

  @Test(
    "A stack of short lines without final punctuation: each line ends its part",
    arguments: [
      "Introduction\n¦Methods\n¦Results\n¦Discussion",
      "Storm hits the coast\n¦Thousands without power\n¦Schools closed on Monday",
      "Ceasefire will hold, Zelensky says\n¦The Ukrainian president spoke on Sunday.",
      "Les prix ne baissent plus\n¦Les ménages ont réduit leurs achats de moitié.",
    ])
  func stacks(marked: String) throws {
    let (actual, expected) = try sentences(marked, marked.hasPrefix("Les") ? "fr" : "en")
    #expect(actual == expected)
  }

  @Test(
    "Headings, captions and list items run into the next sentence inside a line",
    arguments: [
      ("Posologie¦ La dose habituelle est de deux comprimés par jour.", "fr"),
      ("Conservation du produit¦ Il doit être gardé à l'abri de la lumière.", "fr"),
      ("Liens externes¦ L'association publie aussi une lettre mensuelle.", "fr"),
      ("Effets sur la conduite¦ Ensuite, les patients peuvent reprendre le volant.", "fr"),
      ("Visite du président Macron¦ Une délégation est arrivée hier à Berlin.", "fr"),
      ("Opening hours¦ The museum opens at nine every day but Monday.", "en"),
      ("Further reading¦ This list gives the main sources of the article.", "en"),
    ])
  func inlineHeadings(marked: String, language: String) throws {
    let (actual, expected) = try sentences(marked, language)
    #expect(actual == expected)
  }

  @Test(
    "Capitalised function words inside sentences: names, titles, pronouns, numbers",
    arguments: [
      ("Il lit Le Monde chaque matin avant de partir.", "fr"),
      ("Elle habite à La Rochelle depuis dix ans.", "fr"),
      ("He flew on Air Force One to Berlin on Monday.", "en"),
      ("I told Will about it yesterday.", "en"),
      ("Il lit le magazine Elle chaque semaine.", "fr"),
      ("Il a publié un roman intitulé Le rouge et le noir en 1830.", "fr"),
      ("Ils sont arrivés à la fin de la Seconde Guerre mondiale.", "fr"),
      ("(12) Les produits sont vendus en pharmacie.", "fr"),
      ("I know I'm late and I'll be quick.", "en"),
      ("Vitamin A is found in carrots.", "en"),
      ("1.1 What is a government?", "en"),
      ("She joined The New York Times in 2004.", "en"),
    ])
  func notHeadings(text: String, language: String) throws {
    let segmenter = try SentenceSegmenter(language: language)
    #expect(try segmenter.sentences(in: text).count == 1)
  }

  @Test(
    "In a hard-wrapped message: a salutation, a line before a rule line, a short line before a lowercase one")
  func messages() throws {
    let filler =
      "This paragraph is here so that the text is wrapped like a message copied from a mail"
      + " reader, with lines that all come close to the same width of seventy-two columns, as"
      + " the mail readers of many offices still write them today, and as most of the lines of"
      + " a message are long, the message as a whole reads as a text wrapped at one width, which"
      + " is what the rules about short lines need to know before they trust a short line."
    let text = [
      hardWrapped(filler, width: 72), "Dear Anna,", "The report is attached.", "Best regards",
      "-----", "Great place to stay", "the staff was friendly and the rooms were clean and quiet.",
    ].joined(separator: "\n")
    let segmenter = try SentenceSegmenter(language: "en")
    let actual = normalized(try segmenter.sentences(in: text).map { text.slice(utf8: $0.range) })
    // The rule line has no word: it goes with the part after it.
    #expect(
      actual.suffix(5) == [
        "Dear Anna,", "The report is attached.", "Best regards", "----- Great place to stay",
        "the staff was friendly and the rooms were clean and quiet.",
      ])
  }

  @Test("Lines broken by meaning, not wrapped, stay one sentence when they continue in lowercase")
  func semanticLineBreaks() throws {
    let text =
      "The aligner reads both texts,\nsplits them into sentences\nand aligns them with a band search."
    let segmenter = try SentenceSegmenter(language: "en")
    #expect(try segmenter.sentences(in: text).count == 1)
    let verse =
      "The woods are lovely, dark and deep,\nBut I have promises to keep,\nAnd miles to go before I sleep."
    #expect(try segmenter.sentences(in: verse).count == 1)
  }
}
