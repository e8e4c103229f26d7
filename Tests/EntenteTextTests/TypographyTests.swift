import EntenteText
import Testing
import _EntenteTestSupport

/// One French text with the expected findings: `⟦…⟧` marks each finding's range (the offending
/// spaces, or `⟦⟧` where a space is missing), in order.
struct TypographyCase: Sendable, CustomTestStringConvertible {
  var marked: String
  /// Rule and suggestion of each finding, in order.
  var expected: [(rule: TypographyRule, suggestion: String)]

  init(_ marked: String, _ expected: [(TypographyRule, String)] = []) {
    self.marked = marked
    self.expected = expected.map { (rule: $0.0, suggestion: $0.1) }
  }

  var testDescription: String { marked.debugDescription }
}

private let narrow = "\u{202F}"
private let noBreak = "\u{00A0}"

@Suite("French typography")
struct TypographyTests {
  static let flagged: [TypographyCase] = [
    // No space at all.
    TypographyCase("Quoi⟦⟧?", [(.missingSpaceBefore, narrow)]),
    TypographyCase("Attention⟦⟧!", [(.missingSpaceBefore, narrow)]),
    TypographyCase("d’abord⟦⟧; ensuite", [(.missingSpaceBefore, narrow)]),
    TypographyCase("Le dernier⟦⟧: Le président russe", [(.missingSpaceBefore, noBreak)]),
    TypographyCase("Photos⟦⟧: Les photographes", [(.missingSpaceBefore, noBreak)]),
    TypographyCase("«\u{00A0}mot\u{00A0}»⟦⟧!", [(.missingSpaceBefore, narrow)]),
    TypographyCase("\"mot\"⟦⟧!", [(.missingSpaceBefore, narrow)]),
    TypographyCase("Écrivez à jean@exemple.fr, merci⟦⟧!", [(.missingSpaceBefore, narrow)]),
    // An ordinary or other breaking space.
    TypographyCase("Es-tu sur Telegram⟦ ⟧?", [(.breakingSpaceBefore, narrow)]),
    TypographyCase("Guerre en Ukraine⟦ ⟧: ce que vous devez savoir", [(.breakingSpaceBefore, noBreak)]),
    TypographyCase(
      "vice-président⟦ ⟧: André Ménétrez⟦ ⟧;",
      [(.breakingSpaceBefore, noBreak), (.breakingSpaceBefore, narrow)]),
    TypographyCase("mot⟦\u{2009}⟧!", [(.breakingSpaceBefore, narrow)]),
    TypographyCase("mot⟦\t⟧!", [(.breakingSpaceBefore, narrow)]),
    TypographyCase("mot⟦  ⟧!", [(.breakingSpaceBefore, narrow)]),
    TypographyCase("mot⟦ \u{00A0}⟧?", [(.breakingSpaceBefore, narrow)]),
    // Guillemets.
    TypographyCase(
      "dénommé ici «⟦⟧CPCC⟦⟧»", [(.missingSpaceInGuillemets, noBreak), (.missingSpaceInGuillemets, noBreak)]),
    TypographyCase("«⟦ ⟧mot⟦ ⟧»", [(.breakingSpaceAfter, noBreak), (.breakingSpaceBefore, noBreak)]),
    TypographyCase("«\u{00A0}mot⟦⟧»", [(.missingSpaceInGuillemets, noBreak)]),
    TypographyCase("«⟦⟧mot\u{202F}»", [(.missingSpaceInGuillemets, noBreak)]),
    TypographyCase(
      "«⟦ ⟧Quoi⟦ ⟧?⟦ ⟧»⟦⟧!",
      [
        (.breakingSpaceAfter, noBreak), (.breakingSpaceBefore, narrow), (.breakingSpaceBefore, noBreak),
        (.missingSpaceBefore, narrow),
      ]),
    // Runs: only the first mark needs the space.
    TypographyCase("Quoi⟦⟧?!", [(.missingSpaceBefore, narrow)]),
    TypographyCase("Hein⟦ ⟧!?", [(.breakingSpaceBefore, narrow)]),
    TypographyCase("Non⟦⟧!!!", [(.missingSpaceBefore, narrow)]),
    // A scheme name that is just a word.
    TypographyCase("Tel⟦⟧: 01 23 45 67 89", [(.missingSpaceBefore, noBreak)]),
    // Mark after a line break but not at its start.
    TypographyCase("premier\nsecond⟦⟧!", [(.missingSpaceBefore, narrow)]),
  ]

  @Test("Flagged: missing and breaking spaces", arguments: flagged)
  func flaggedSpaces(_ c: TypographyCase) {
    let text = MarkedText(c.marked)
    let findings = frenchTypographyFindings(in: text.text)
    #expect(findings.map(\.rule) == c.expected.map(\.rule))
    #expect(findings.map(\.range) == text.ranges)
    #expect(findings.map(\.suggestion) == c.expected.map(\.suggestion))
  }

  static let correct: [String] = [
    // Both no-break spaces accepted everywhere.
    "Quoi\u{202F}? Quoi\u{00A0}? Non\u{202F}! Non\u{00A0}! a\u{202F}; b\u{00A0};",
    "Note\u{00A0}: x, Note\u{202F}: y",
    "«\u{00A0}mot\u{00A0}» «\u{202F}mot\u{202F}» «\u{00A0}mot\u{202F}»",
    "Quoi\u{202F}?! Hein\u{00A0}!? Non\u{202F}!!! Quoi...! Hein…? Vraiment\u{202F}?!?",
    // Times, scores and ratios.
    "à 10:30, score 3:1, échelle 1:25000",
    // URLs, e-mail, entities.
    "Voir http://exemple.fr et https://exemple.fr/a?b=c&d=e pour plus",
    "Écrire à mailto:jean@exemple.fr?subject=Bonjour ou tel:+33123456789",
    "Allez sur www.exemple.fr/recherche?q=mot; puis revenez",
    "Avez-vous vu https://exemple.fr?",
    "jean.dupont@exemple.fr;marie@exemple.fr",
    "espace&nbsp;insécable",
    // Emoticons.
    "Super:) et génial :-) ou ;) et :D :P :'( :/ ;-)",
    // Editorial marks in brackets.
    "Il viendra (?) demain [!]",
    // Start of a line.
    "! Attention\n? Question\n  : indenté\n\u{00A0}; point-virgule",
    // Guillemets side by side, or at a line edge.
    "«» et «\n» et «  \nsuite",
    "",
  ]

  @Test("Not flagged: correct spacing and exempt marks", arguments: correct)
  func correctText(_ text: String) {
    #expect(frenchTypographyFindings(in: text) == [])
  }

  @Test("Rule names are stable")
  func ruleNames() {
    #expect(
      TypographyRule.allCases.map(\.rawValue) == [
        "missing-space-before", "breaking-space-before", "breaking-space-after",
        "missing-space-in-guillemets",
      ])
  }

  @Test("Messages name the mark and the space to use")
  func messages() {
    let findings = frenchTypographyFindings(in: "Quoi? Note : «mot»")
    #expect(findings.count == 4)
    guard findings.count == 4 else { return }
    #expect(findings[0].message.contains("?") && findings[0].message.contains("U+202F"))
    #expect(findings[1].message.contains(":") && findings[1].message.contains("U+00A0"))
    #expect(findings[2].message.contains("«") && findings[2].message.contains("U+00A0"))
    #expect(findings[3].message.contains("»"))
  }

  @Test("Findings on a French news paragraph")
  func newsParagraph() {
    let text = MarkedText(
      "Le dernier⟦⟧: Le président a annoncé une “mobilisation partielle”. "
        + "Es-tu sur Telegram⟦ ⟧? Abonnez-vous\u{00A0}! Il est 10:30. "
        + "Voir https://exemple.fr/a?b=c. «⟦ ⟧Non⟦⟧!⟦⟧» a-t-il dit.")
    let findings = frenchTypographyFindings(in: text.text)
    #expect(findings.map(\.range) == text.ranges)
    #expect(
      findings.map(\.rule) == [
        .missingSpaceBefore, .breakingSpaceBefore, .breakingSpaceAfter, .missingSpaceBefore,
        .missingSpaceInGuillemets,
      ])
  }

  /// Random strings: no crash, findings in order, each range either empty or spaces only.
  @Test("Any text gives ordered findings over spaces only")
  func invariants() {
    let pieces = [
      "«", "»", ";", ":", "!", "?", " ", "\u{00A0}", "\u{202F}", "\n", "a", "é", "1", "/", "@", ".", ")",
      "(", "-", "D", "&",
    ]
    for text in randomTexts(from: pieces, count: 2000, maximumPieces: 32, seed: 0x2545_F491_4F6C_DD1D) {
      let utf8 = Array(text.utf8)
      let findings = frenchTypographyFindings(in: text)
      var previousEnd = 0
      for finding in findings {
        #expect(finding.range.lowerBound >= previousEnd, "\(text.debugDescription)")
        #expect(finding.range.upperBound <= utf8.count)
        previousEnd = finding.range.upperBound
        let spaces = String(decoding: utf8[finding.range], as: UTF8.self)
        #expect(spaces.unicodeScalars.allSatisfy { $0.properties.isWhitespace && $0 != "\n" })
        #expect(spaces.isEmpty || !spaces.unicodeScalars.allSatisfy { $0 == "\u{00A0}" || $0 == "\u{202F}" })
        #expect(finding.suggestion == "\u{202F}" || finding.suggestion == "\u{00A0}")
      }
    }
  }
}
