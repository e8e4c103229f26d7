import EntenteTerms
import Foundation
import Testing
import _EntenteTestSupport

/// Issue #16: variant spellings of one term, the case of proper names, a word inserted inside a
/// term, and adjective forms of names.
@Suite("Variants, case of names, forms around terms")
struct VariantTests {
  static let glossary = Glossary(concepts: [
    Concept(
      id: "c-hq",
      terms: [
        "en": [Term("White House")],
        "fr": [
          Term("Maison Blanche", status: .preferred, partOfSpeech: "noun"),
          Term("Maison-Blanche", status: .admitted, type: .variant, partOfSpeech: "noun"),
        ],
      ]),
    Concept(
      id: "c-nk",
      terms: ["en": [Term("North Korea")], "fr": [Term("Corée du Nord", partOfSpeech: "properNoun")]]),
    Concept(id: "c-shell", terms: ["fr": [Term("obus d'artillerie", partOfSpeech: "noun")]]),
    Concept(id: "c-cold", terms: ["fr": [Term("guerre froide", partOfSpeech: "noun")]]),
    Concept(
      id: "c-mod",
      terms: [
        "en": [Term("Ministry of Defense")],
        "fr": [Term("ministère de la Défense", partOfSpeech: "properNoun")],
      ]),
    Concept(id: "c-council", terms: ["fr": [Term("Conseil d'État", caseSensitive: true)]]),
    Concept(id: "c-un", terms: ["fr": [Term("ONU", type: .acronym, caseSensitive: true)]]),
    Concept(
      id: "c-russia",
      terms: [
        "en": [Term("Russia")],
        "fr": [Term("Russie", partOfSpeech: "properNoun", note: "derivedForm: russe\nderivedForm: russo")],
      ]),
    Concept(
      id: "c-ukraine",
      terms: [
        "en": [Term("Ukraine")],
        "fr": [
          Term(
            "Ukraine", partOfSpeech: "properNoun", note: "Not l'Ukraine in a title.\nderivedForm: ukrainien")
        ],
      ]),
  ])

  static func targetFindings(_ text: String) throws -> [Finding] {
    try TargetChecker(glossary: glossary, targetLanguage: "fr").check(text)
  }

  /// One variant rendering marked ⟦…⟧, after the reference rendering it must be compared with.
  struct Variant: CustomTestStringConvertible, Sendable {
    var marked: String
    var reference: String
    var difference: String
    var testDescription: String { marked }
  }

  @Test("A text that mixes apostrophes throughout: no term is reported for its apostrophe alone")
  func mixedApostrophes() throws {
    let text =
      "Des obus d'artillerie, puis d’autres tirs, l'attaque et l’offensive ; enfin des obus d’artillerie."
    #expect(try Self.targetFindings(text).isEmpty)
  }

  @Test(
    "term-inconsistent: a later rendering written with another hyphen, space, apostrophe, accent or case",
    arguments: [
      Variant(
        marked: "La Maison Blanche a parlé. Puis la ⟦Maison-Blanche⟧ a nié.", reference: "Maison Blanche",
        difference: "hyphen or space"),
      // The reference is the glossary's preferred spelling when the text has it, even later.
      Variant(
        marked: "La ⟦Maison-Blanche⟧ a parlé.\n\nPuis la Maison Blanche a nié.", reference: "Maison Blanche",
        difference: "hyphen or space"),
      Variant(
        marked: "En Corée du Nord, rien. La ⟦Corée-du-Nord⟧ dément.", reference: "Corée du Nord",
        difference: "hyphen or space"),
      // A text that keeps to the curly apostrophe: the straight one is the variant.
      Variant(
        marked:
          "Des obus d’artillerie, puis d’autres tirs, l’attaque et l’offensive ; enfin des ⟦obus d'artillerie⟧.",
        reference: "obus d’artillerie", difference: "apostrophe"),
      Variant(
        marked: "La Corée du Nord et la ⟦Coree du Nord⟧.", reference: "Corée du Nord", difference: "accent"),
      Variant(
        marked: "Depuis la guerre froide, et la ⟦Guerre froide⟧ encore.", reference: "guerre froide",
        difference: "case"),
      Variant(
        marked: "LA ⟦MAISON-BLANCHE⟧ DÉMENT\n\nLa Maison Blanche a démenti.", reference: "Maison Blanche",
        difference: "hyphen or space"),
      Variant(
        marked: "Guerre froide ? La guerre froide, puis la ⟦Guerre froide⟧.", reference: "guerre froide",
        difference: "case"),
    ])
  func variant(_ variant: Variant) throws {
    let marked = MarkedText(variant.marked)
    let findings = try Self.targetFindings(marked.text)
    #expect(findings.map(\.rule) == ["term-inconsistent"])
    let finding = try #require(findings.first)
    #expect(finding.start..<finding.end == marked.ranges[0])
    #expect(finding.suggestion == variant.reference)
    #expect(finding.message.contains("«\(variant.reference)» at line"))
    #expect(finding.message.hasSuffix("(\(variant.difference))"), "\(finding.message)")
  }

  @Test(
    "No variant: sentence-start capitals, capitals in a headline, a variant used alone, inflection, a line break",
    arguments: [
      "Guerre froide ou pas, la guerre froide revient.",
      "«Guerre froide», dit-il. La guerre froide revient.",
      "LA MAISON BLANCHE DÉMENT\n\nLa Maison Blanche a démenti.",
      "La Maison-Blanche a parlé. La Maison-Blanche a redit.",
      "Un obus d'artillerie, puis dix obus d'artillerie.",
      "La Maison\nBlanche a dit, la Maison Blanche a redit.",
      "Ils habitent une maison blanche. La Maison Blanche n'a rien dit.",
    ])
  func noVariant(_ text: String) throws {
    #expect(try Self.targetFindings(text).isEmpty)
  }

  @Test(
    "term-case: a proper name in another case, with the glossary's form as suggestion",
    arguments: [
      ("Hier, la ⟦maison blanche⟧ a publié un texte.", "Maison Blanche"),
      ("Il vit en ⟦Corée du nord⟧.", "Corée du Nord"),
      ("Selon le ⟦Ministère de la Défense⟧, tout va bien.", "ministère de la Défense"),
      ("Le ⟦conseil d'État⟧ a tranché.", "Conseil d'État"),
      ("La ⟦russie⟧ dément.", "Russie"),
    ])
  func termCase(_ marked: String, _ suggestion: String) throws {
    let text = MarkedText(marked)
    let findings = try Self.targetFindings(text.text)
    #expect(findings.map(\.rule) == ["term-case"])
    #expect(findings.first.map { $0.start..<$0.end } == text.ranges[0])
    #expect(findings.first?.suggestion == suggestion)
  }

  @Test(
    "No case error: a capital at a sentence start, a name in capitals, a common noun, an acronym's homograph",
    arguments: [
      "Ministère de la Défense : le communiqué est tombé.",
      "MOSCOU ET LA MAISON BLANCHE\n\nLa Maison Blanche a parlé à la Russie.",
      "Une maison blanche aux volets verts.",
      "Cette maison blanche est à vendre, la Maison Blanche aussi.",
      "L'onu, dit-il, c'est l'ONU.",
    ])
  func noCaseError(_ text: String) throws {
    #expect(try Self.targetFindings(text).isEmpty)
  }

  @Test(
    "One adjective or adverb inside a multi-word term is part of the match; two words, or a function word, are not"
  )
  func insertedWord() throws {
    let matcher = try TermMatcher(glossary: Self.glossary, language: "fr")
    let russe = MarkedText("Le ministère ⟦russe⟧ de la Défense a parlé.")
    let match = try #require(try matcher.matches(in: russe.text).first)
    #expect(match.conceptID == "c-mod" && match.inserted == russe.ranges[0])
    #expect(match.rendering == "ministère de la Défense")
    let hyphenated = MarkedText("Le ministère ⟦nord-coréen⟧ de la Défense a parlé.")
    #expect(try matcher.matches(in: hyphenated.text).first?.inserted == hyphenated.ranges[0])
    let adjective = MarkedText("des obus ⟦lourds⟧ d'artillerie")
    #expect(try matcher.matches(in: adjective.text).first?.inserted == adjective.ranges[0])
    let adverb = MarkedText("la guerre ⟦désormais⟧ froide")
    #expect(try matcher.matches(in: adverb.text).first?.inserted == adverb.ranges[0])
    for text in [
      "le ministère russe fédéral de la Défense", "le ministère et de la Défense",
      "le ministère de la Russie",
    ] {
      #expect(try matcher.matches(in: text).allSatisfy { $0.conceptID != "c-mod" }, "\(text)")
    }
    // Not before the first word or after the last.
    #expect(try matcher.matches(in: "la nouvelle guerre froide actuelle").map(\.text) == ["guerre froide"])
  }

  func bilingual(_ source: String, _ target: String) throws -> [String] {
    var checker = BilingualChecker(glossary: Self.glossary, sourceLanguage: "en", targetLanguage: "fr")
    checker.alignmentOptions.learnsLexicon = false
    return try checker.check(source: source, target: target).map { "\($0.rule):\($0.concept ?? "")" }
  }

  @Test("term-missing: an inserted adjective, or a name's declared adjective form, renders the term")
  func formsAroundTerms() throws {
    #expect(
      try bilingual(
        "The Ministry of Defense is buying rockets.", "Le ministère russe de la Défense achète des roquettes."
      ).isEmpty)
    #expect(
      try bilingual(
        "The Russia-Ukraine crisis deepened.\n\nRussia's troops left.",
        "La crise russo-ukrainienne s'est aggravée.\n\nLes troupes russes sont parties."
      )
      .isEmpty)
    #expect(try bilingual("Ukraine's soldiers advanced.", "Les soldates ukrainiennes ont avancé.").isEmpty)
    #expect(
      try bilingual("The Russia-Ukraine crisis deepened.", "La crise s'est aggravée.")
        == ["term-missing:c-russia", "term-missing:c-ukraine"])
    // A derived form is not a naming of its concept for the target-side rules.
    #expect(try Self.targetFindings("Les troupes russes et la Russie.").isEmpty)
  }

  @Test("derivedForm notes: read from TBX, kept through every format, apart from the free-text note")
  func derivedFormNotes() throws {
    let tbx = """
      <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
      <conceptEntry id="c-ru"><langSec xml:lang="fr"><termSec><term>Russie</term>
      <termNote type="partOfSpeech">properNoun</termNote>
      <note>derivedForm: russe</note><note>Not Russe.</note><note>derived-form: russo</note>
      </termSec></langSec></conceptEntry></body></text></tbx>
      """
    let glossary = try TBXReader.read(Data(tbx.utf8), file: "a.tbx")
    let term = try #require(glossary.concepts.first?.terms["fr"]?.first)
    #expect(term.derivedForms == ["russe", "russo"])
    #expect(term.isProperName)
    #expect(try TBXReader.read(Data(glossary.tbx().utf8), file: "b.tbx") == glossary)
    #expect(
      try GlossaryCSV.read(GlossaryCSV.write(glossary, separator: ","), separator: ",", file: "a.csv")
        == glossary)
  }

  @Test("Proper names: properNoun, a case-sensitive term of several words, or every word capitalised")
  func properNames() {
    #expect(Term("Séoul", partOfSpeech: "properNoun").isProperName)
    #expect(Term("Conseil d'État", caseSensitive: true).isProperName)
    #expect(Term("Maison Blanche").isProperName && Term("États-Unis").isProperName)
    #expect(!Term("KCNA", caseSensitive: true).isProperName)
    #expect(!Term("Nations unies").isProperName && !Term("guerre froide").isProperName)
    // English writes titles in Title Case in a glossary and in lowercase in running text: only
    // declared names have their case checked there.
    #expect(!Term("Prime Minister").isProperName(in: "en") && Term("Prime Minister").isProperName(in: "fr"))
    #expect(Term("White House", partOfSpeech: "properNoun").isProperName(in: "en-GB"))
  }

  @Test("Case and variants where the text shows no case or where the words are not the name")
  func noCaseShown() throws {
    // A name at the start of a line of hard-wrapped text is inside its sentence.
    #expect(
      try Self.targetFindings("Le texte a été publié hier soir par le\nministère de la défense à Moscou.")
        .map(\.rule)
        == ["term-case"])
    // A sentence in Title Case shows no case.
    let english = Glossary(concepts: [
      Concept(id: "c-state", terms: ["en": [Term("Department of State", partOfSpeech: "properNoun")]])
    ])
    let title = "White House Says Department Of State Will Respond Soon"
    #expect(try TargetChecker(glossary: english, targetLanguage: "en").check(title).isEmpty)
    // A lowercase description before the words: not the name.
    #expect(try Self.targetFindings("La petite maison blanche est à vendre.").isEmpty)
    // After «du» (de le), a name in lowercase is still a case error.
    #expect(
      try Self.targetFindings("La politique du ministère de la défense a changé.").map(\.rule) == [
        "term-case"
      ])
  }

  @Test("Many mentions in one sentence: the places are found in linear time (n and 4n)")
  func manyMentions() throws {
    // Each mention once read its whole sentence for Title Case: 20,000 took 269 s.
    func text(_ count: Int) -> String { String(repeating: "la Maison Blanche et ", count: count) + "." }
    _ = try Self.targetFindings(text(10))
    let (smallText, largeText) = (text(2_000), text(8_000))
    let (small, large) = try bestTimes(
      small: { _ = try Self.targetFindings(smallText) }, large: { _ = try Self.targetFindings(largeText) })
    #expect(large < 8 * max(small, 0.05), "2,000: \(small) s; 8,000: \(large) s")
  }

  @Test("A one-word common term in another case is another word, not a variant")
  func oneWordCommonTerm() throws {
    let glossary = Glossary(concepts: [Concept(id: "c-state", terms: ["fr": [Term("État")]])])
    let findings = try TargetChecker(glossary: glossary, targetLanguage: "fr").check(
      "L'État a décidé. Son état de santé est bon.")
    #expect(findings.isEmpty, "\(findings.map(\.message))")
  }

  @Test("A non-breaking hyphen is a hyphen")
  func nonBreakingHyphen() throws {
    #expect(
      try Self.targetFindings("La Maison Blanche a parlé. Puis la Maison‑Blanche a nié.").map(\.message)
        .first?
        .hasSuffix("(hyphen or space)") == true)
    #expect(try Self.targetFindings("La Maison-Blanche a parlé. Puis la Maison‑Blanche a nié.").isEmpty)
  }

  @Test(
    "No inserted word inside a capitalised name unless a declared derived form; no derived form inside a compound"
  )
  func insertionsAndCompounds() throws {
    let news = try TBXReader.read(
      contentsOfFile: FixtureTermsTests.root.appendingPathComponent("Glossaries/news-en-fr.tbx").path)
    var checker = BilingualChecker(glossary: news, sourceLanguage: "en", targetLanguage: "fr")
    checker.alignmentOptions.learnsLexicon = false
    let missing = { (source: String, target: String) in
      try checker.check(source: source, target: target).filter { $0.rule == "term-missing" }.map {
        $0.concept ?? ""
      }
    }
    #expect(
      try missing(
        "The National Security Council met.", "Le Conseil européen de sécurité nationale s'est réuni.")
        == ["c-national-security-council"])
    #expect(
      try missing(
        "The General Bureau of Equipment spoke.", "Le Bureau général nord-coréen de l'équipement a parlé."
      ).filter { $0 != "c-north-korea" }.isEmpty)
    #expect(try missing("The United States reacted.", "Les pays sud-américains ont réagi.") != [])
  }
}
