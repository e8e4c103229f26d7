import Foundation
import Testing
import _EntenteTestSupport

@testable import EntenteText

// SRX documents are string literals here: a resource directory would need a Package.swift
// change. In marked texts, `¦` marks an expected break decision and `⟦⟧` a no-break decision.

/// A realistic SRX 2.0 file: French and English rules, then a default for every language.
private let realistic = #"""
  <?xml version="1.0" encoding="UTF-8"?>
  <srx xmlns="http://www.lisa.org/srx20" version="2.0">
    <header segmentsubflows="yes" cascade="yes">
      <formathandle type="start" include="no"/>
      <formathandle type="end" include="yes"/>
    </header>
    <body>
      <languagerules>
        <languagerule languagerulename="French">
          <!-- Titres et abréviations : pas de coupure. -->
          <rule break="no">
            <beforebreak>\b(?:M|MM|Mme|Mlle|Dr|Pr|Me|Mgr|Ste|Sté|Éts)\.</beforebreak>
            <afterbreak>\s</afterbreak>
          </rule>
          <rule break="no">
            <beforebreak>\b(?:p|pp|cf|env)\.</beforebreak>
            <afterbreak>\s</afterbreak>
          </rule>
          <rule>
            <beforebreak>[.!?…]+</beforebreak>
            <afterbreak>\s+\p{Lu}</afterbreak>
          </rule>
        </languagerule>
        <languagerule languagerulename="English">
          <rule break="no">
            <beforebreak>\b(?:Mr|Mrs|Ms|Dr|Prof|St|e\.g|i\.e)\.</beforebreak>
            <afterbreak>\s</afterbreak>
          </rule>
          <rule break="yes">
            <beforebreak>[.!?]+["”’)]?</beforebreak>
            <afterbreak>\s+\p{Lu}</afterbreak>
          </rule>
        </languagerule>
        <languagerule languagerulename="Default">
          <rule break="yes">
            <beforebreak>\n\s*\n</beforebreak>
            <afterbreak/>
          </rule>
        </languagerule>
      </languagerules>
      <maprules>
        <languagemap languagepattern="FR.*" languagerulename="French"/>
        <languagemap languagepattern="EN.*" languagerulename="English"/>
        <languagemap languagepattern=".*" languagerulename="Default"/>
      </maprules>
    </body>
  </srx>
  """#

/// An SRX document around `languageRules` (XML text), mapping `maps` (pattern, name) pairs.
private func srx(
  cascade: Bool = false, version: String = "2.0", _ languageRules: String, maps: [(String, String)]
) -> String {
  let mapText = maps.map { #"<languagemap languagepattern="\#($0.0)" languagerulename="\#($0.1)"/>"# }
  return """
    <?xml version="1.0"?>
    <srx xmlns="http://www.lisa.org/srx20" version="\(version)">
    <header cascade="\(cascade ? "yes" : "no")"/>
    <body>
    <languagerules>
    \(languageRules)
    </languagerules>
    <maprules>
    \(mapText.joined(separator: "\n"))
    </maprules>
    </body>
    </srx>
    """
}

private func parse(_ text: String, path: String = "test.srx") throws(TextError) -> SRXDocument {
  try SRXDocument(data: Data(text.utf8), path: path)
}

/// The error parsing `text` throws, or nil.
private func parseError(_ text: String) -> TextError? {
  do {
    _ = try parse(text)
    return nil
  } catch {
    return error
  }
}

/// 1-based line and column (in Unicode scalars) of UTF-8 byte `offset` of `text`.
private func lineAndColumn(of offset: Int, in text: String) -> (line: Int, column: Int) {
  let prefix = String(decoding: Array(text.utf8)[..<offset], as: UTF8.self)
  let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
  return (lines.count, lines.last!.unicodeScalars.count + 1)
}

/// The decisions of `rules` over the marked text, as (break points, no-break points).
private func decisions(_ rules: SRXRuleSet, _ marked: MarkedText) throws -> (breaks: [Int], noBreaks: [Int]) {
  let found = try rules.decisions(in: marked.text)
  return (found.filter(\.isBreak).map(\.offset), found.filter { !$0.isBreak }.map(\.offset))
}

private func expected(_ marked: MarkedText) -> (breaks: [Int], noBreaks: [Int]) {
  (marked.points, marked.ranges.map(\.lowerBound).sorted())
}

@Suite("SRX")
struct SRXTests {
  // MARK: Parsing

  @Test func parsesRealisticDocument() throws {
    let document = try parse(realistic, path: "rules/entente.srx")
    #expect(document.version == "2.0")
    #expect(document.isCascading)
    #expect(document.segmentsSubflows)
    #expect(document.languageRules.map(\.name) == ["French", "English", "Default"])
    #expect(document.languageRules.map(\.rules.count) == [3, 2, 1])
    let french = try #require(document.languageRule(named: "French"))
    #expect(french.rules[0].isBreak == false)
    #expect(french.rules[0].beforeBreak == #"\b(?:M|MM|Mme|Mlle|Dr|Pr|Me|Mgr|Ste|Sté|Éts)\."#)
    #expect(french.rules[0].afterBreak == #"\s"#)
    #expect(french.rules[2].isBreak, "break defaults to yes")
    let origin = try #require(french.rules[2].origin)
    #expect(origin.path == "rules/entente.srx")
    #expect(origin.languageRuleName == "French")
    #expect(origin.index == 2)
    #expect(origin.line == 19)
    let defaultRule = try #require(document.languageRule(named: "Default")?.rules.first)
    #expect(defaultRule.afterBreak == "", "<afterbreak/> is empty")
    #expect(
      document.languageMaps.map { [$0.languagePattern, $0.languageRuleName] } == [
        ["FR.*", "French"], ["EN.*", "English"], [".*", "Default"],
      ])
    #expect(document.languageMaps.map(\.line) == [42, 43, 44])
  }

  @Test func takesCDATAAndEntitiesLiterally() throws {
    let document = try parse(
      srx(
        """
        <languagerule languagerulename="X">
        <rule><beforebreak><![CDATA[a<b&c]]></beforebreak><afterbreak>&lt;&amp;&#x2026;</afterbreak></rule>
        </languagerule>
        """, maps: [(".*", "X")]))
    let rule = try #require(document.languageRules.first?.rules.first)
    #expect(rule.beforeBreak == "a<b&c")
    #expect(rule.afterBreak == "<&…")
  }

  @Test func readsVersion1Loosely() throws {
    let text = """
      <?xml version="1.0"?>
      <srx version="1.0">
        <header segmentsubflows="no"/>
        <body>
          <languagerules>
            <languagerule languagerulename="Any"><rule><beforebreak>\\.</beforebreak></rule></languagerule>
          </languagerules>
          <maprules>
            <maprule maprulename="Default"><languagemap languagepattern=".*" languagerulename="Any"/></maprule>
            <maprule maprulename="Other"><languagemap languagepattern="fr" languagerulename="Any"/></maprule>
          </maprules>
        </body>
      </srx>
      """
    let document = try parse(text)
    #expect(document.version == "1.0")
    #expect(!document.isCascading)
    #expect(!document.segmentsSubflows)
    #expect(document.languageMaps.map(\.languagePattern) == [".*"], "only the first maprule is read")
  }

  // MARK: Language maps

  @Test(arguments: [
    ("fr", ["French", "Default"]),
    ("FR-ca", ["French", "Default"]),
    ("fr_FR", ["French", "Default"]),
    ("en-GB", ["English", "Default"]),
    ("de", ["Default"]),
    ("", ["Default"]),
  ])
  func cascadeConcatenatesEveryMatchingMap(language: String, names: [String]) throws {
    let document = try parse(realistic)
    let rules = try document.rules(forLanguage: language)
    let expected = names.flatMap { document.languageRule(named: $0)!.rules }
    #expect(rules == expected)
  }

  @Test(arguments: [("fr-CA", "French"), ("en", "English"), ("de", "Default")])
  func withoutCascadeTheFirstMatchingMapWins(language: String, name: String) throws {
    var document = try parse(realistic)
    document.isCascading = false
    let rules = try document.rules(forLanguage: language)
    #expect(rules == document.languageRule(named: name)!.rules)
  }

  @Test(arguments: [("en", true), ("EN", true), ("en-GB", false), ("fren", false), ("e", false)])
  func languagePatternMatchesTheWholeCodeIgnoringCase(language: String, isMatch: Bool) throws {
    let document = try parse(
      srx(
        #"<languagerule languagerulename="E"><rule><beforebreak>\.</beforebreak></rule></languagerule>"#,
        maps: [("en", "E")]))
    #expect(try document.rules(forLanguage: language).count == (isMatch ? 1 : 0))
  }

  // MARK: Decisions

  @Test func frenchRules() throws {
    let rules = try parse(realistic).ruleSet(forLanguage: "fr-FR")
    let marked = MarkedText(
      "M.⟦⟧ Dupont est arrivé.¦ Mme.⟦⟧ Durand aussi !¦ Quelle surprise…¦ Voir p.⟦⟧ 12 et la Sté.⟦⟧ "
        + "Générale, les Éts.⟦⟧ Martin.¦\n\n¦Fin.")
    let found = try decisions(rules, marked)
    #expect(found.breaks == expected(marked).breaks)
    #expect(found.noBreaks == expected(marked).noBreaks)
  }

  @Test func englishRules() throws {
    let rules = try parse(realistic).ruleSet(forLanguage: "en")
    let marked = MarkedText(
      "Mr.⟦⟧ Smith met Dr.⟦⟧ Watson, e.g.⟦⟧ in London.¦ He said “Hello.”¦ Then (he left.)¦ Done!")
    let found = try decisions(rules, marked)
    #expect(found.breaks == expected(marked).breaks)
    #expect(found.noBreaks == expected(marked).noBreaks)
  }

  @Test func firstMatchingRuleDecides() throws {
    let noBreak = SRXRule(isBreak: false, beforeBreak: #"\bDr\."#, afterBreak: #"\s"#)
    let isBreak = SRXRule(isBreak: true, beforeBreak: #"\."#, afterBreak: #"\s+\p{Lu}"#)
    let text = MarkedText("Dr.¦ Who.¦ Yes.")
    let exceptionFirst = try SRXRuleSet(rules: [noBreak, isBreak]).decisions(in: text.text)
    #expect(exceptionFirst.map(\.offset) == text.points)
    #expect(exceptionFirst.map(\.isBreak) == [false, true])
    #expect(exceptionFirst.map(\.ruleIndex) == [0, 1])
    let breakFirst = try SRXRuleSet(rules: [isBreak, noBreak]).decisions(in: text.text)
    #expect(breakFirst.map(\.isBreak) == [true, true])
    #expect(breakFirst.map(\.ruleIndex) == [0, 0])
  }

  @Test func breakNoListedFirstWinsInADocument() throws {
    let document = try parse(
      srx(
        #"""
        <languagerule languagerulename="A">
          <rule break="no"><beforebreak>\bSt\.</beforebreak><afterbreak>\s</afterbreak></rule>
          <rule break="yes"><beforebreak>\.</beforebreak><afterbreak>\s</afterbreak></rule>
        </languagerule>
        """#, maps: [(".*", "A")]))
    let marked = MarkedText("St.⟦⟧ Paul.¦ Ok.")
    let found = try decisions(document.ruleSet(forLanguage: "en"), marked)
    #expect(found.breaks == expected(marked).breaks)
    #expect(found.noBreaks == expected(marked).noBreaks)
  }

  @Test func emptyBeforeOrAfterMatchesAnyText() throws {
    let document = try parse(
      srx(
        #"""
        <languagerule languagerulename="A">
          <rule><beforebreak></beforebreak><afterbreak>\p{Lu}</afterbreak></rule>
          <rule break="no"><beforebreak>;</beforebreak></rule>
        </languagerule>
        """#, maps: [(".*", "A")]))
    let marked = MarkedText("Un ¦Deux;⟦⟧ trois ¦É;")
    let found = try decisions(document.ruleSet(forLanguage: "fr"), marked)
    #expect(found.breaks == expected(marked).breaks, "no decision at 0")
    #expect(found.noBreaks == expected(marked).noBreaks, "no decision at the end")
  }

  @Test func bothPartsEmptyDecideAtEveryCodePoint() throws {
    let rules = try SRXRuleSet(rules: [SRXRule(isBreak: false, beforeBreak: "", afterBreak: "")])
    #expect(try rules.decisions(in: "aé€b").map(\.offset) == [1, 3, 6])
  }

  @Test func overlappingBeforeMatchesAreAllFound() throws {
    // Matching from every start finds "b.c|" although it overlaps "a.b|"; non-overlapping
    // matching (Okapi) finds only the first.
    let rule = SRXRule(isBreak: true, beforeBreak: #"[a-z]+\.[a-z]+"#, afterBreak: #"\."#)
    let marked = MarkedText("a.b¦.c¦.d")
    #expect(try SRXRuleSet(rules: [rule]).decisions(in: marked.text).map(\.offset) == marked.points)
  }

  @Test func onlyTheFirstEndFromAStartCounts() throws {
    // The documented limit: greedy `\d+` from "1" ends at "12", so "1|23" is not found.
    let rule = SRXRule(isBreak: true, beforeBreak: #"\d+"#, afterBreak: #"\d"#)
    let marked = MarkedText("12¦3")
    #expect(try SRXRuleSet(rules: [rule]).decisions(in: marked.text).map(\.offset) == marked.points)
  }

  @Test func multibyteText() throws {
    let rule = SRXRule(isBreak: false, beforeBreak: #"(?:ééé|Ωμέγα)\."#, afterBreak: "")
    let marked = MarkedText("x ééé.⟦⟧ Ωμέγα.⟦⟧ ééé")
    let found = try decisions(SRXRuleSet(rules: [rule]), marked)
    #expect(found.noBreaks == expected(marked).noBreaks)
  }

  @Test(arguments: [
    (#"\b(?:M|Mme|Dr)\."#, #"\s"#, CompiledSRXRule.Strategy.lookahead),
    (#"(?:ééé|Ωμέγα)\."#, "", .lookahead),
    ("", #"\p{Lu}"#, .zeroWidth),
    ("", "", .zeroWidth),
    (#"[.!?]+"#, #"\s+\p{Lu}"#, .lookahead),
    (#"\w+\.(\w)"#, #"\s\1"#, .consuming),
  ])
  func compilationStrategy(before: String, after: String, strategy: CompiledSRXRule.Strategy) throws {
    let rule = SRXRule(isBreak: true, beforeBreak: before, afterBreak: after)
    #expect(try CompiledSRXRule(rule).strategy == strategy)
  }

  @Test func backReferencesKeepTheirGroupNumbers() throws {
    // A back reference from afterbreak into beforebreak: matched as one pattern, as Okapi does.
    let rule = SRXRule(isBreak: false, beforeBreak: #"(\p{Lu})\."#, afterBreak: #"\s\1"#)
    let marked = MarkedText("A.⟦⟧ A. B.⟦⟧ B")
    let found = try decisions(SRXRuleSet(rules: [rule]), marked)
    #expect(found.noBreaks == expected(marked).noBreaks)
  }

  // MARK: Errors

  @Test func malformedXMLGivesLineAndColumn() throws {
    let marked = MarkedText(
      """
      <srx version="2.0">
        <body>
          <languagerules>¦</body>
      </srx>
      """)
    let error = try #require(parseError(marked.text))
    guard case .malformedXML(let location, _, let sourceLine) = error else {
      Issue.record("expected malformedXML, got \(error)")
      return
    }
    let place = lineAndColumn(of: marked.points[0], in: marked.text)
    #expect(location == SRXLocation(path: "test.srx", line: place.line, column: place.column))
    #expect(sourceLine == "    <languagerules></body>")
    #expect(error.description.hasPrefix("test.srx:3:"))
    let caret = String(repeating: " ", count: place.column - 1) + "^"
    #expect(error.description.hasSuffix("\n    <languagerules></body>\n" + caret))
  }

  @Test(arguments: ["", "not xml", "<srx version='2.0'>"])
  func truncatedOrEmptyInputIsAnError(text: String) {
    #expect(parseError(text) != nil)
  }

  @Test func badRegexNamesItsRule() throws {
    let text = srx(
      #"""
      <languagerule languagerulename="French">
        <rule break="no"><beforebreak>\bM\.</beforebreak><afterbreak>\s</afterbreak></rule>
        <rule><beforebreak>[.!?</beforebreak><afterbreak>\s</afterbreak></rule>
      </languagerule>
      """#, maps: [("fr.*", "French")])
    let error = try #require(parseError(text))
    guard case .invalidRule(let rule, let part, let icuError) = error else {
      Issue.record("expected invalidRule, got \(error)")
      return
    }
    #expect(rule.origin?.languageRuleName == "French")
    #expect(rule.origin?.index == 1)
    #expect(rule.origin?.line == 8)
    #expect(part == .beforeBreak)
    #expect((icuError.icuCode ?? 0) > 0)
    #expect(error.description.hasPrefix("test.srx:8:"))
    #expect(error.description.contains(#"index 1 of languagerule "French""#))
    #expect(error.description.contains("beforebreak: "))
    #expect(error.description.hasSuffix("\n  [.!?\n      ^"))
  }

  @Test func badRegexInCodeMadeRules() throws {
    let rule = SRXRule(isBreak: true, beforeBreak: #"\."#, afterBreak: #"(\s"#)
    #expect {
      _ = try SRXRuleSet(rules: [rule])
    } throws: { error in
      guard case .invalidRule(let bad, .afterBreak?, _) = error as? TextError else { return false }
      return bad == rule
    }
  }

  @Test func aPartCannotBreakOutOfItsGroup() throws {
    let rule = SRXRule(isBreak: true, beforeBreak: #"\."#, afterBreak: #"x)|(y"#)
    #expect {
      _ = try SRXRuleSet(rules: [rule])
    } throws: { error in
      guard case .invalidRule(_, .afterBreak?, _) = error as? TextError else { return false }
      return true
    }
  }

  @Test func badBackReferenceIsBlamedOnTheRule() throws {
    let rule = SRXRule(isBreak: true, beforeBreak: #"(a)"#, afterBreak: #"\2"#)
    #expect {
      _ = try SRXRuleSet(rules: [rule])
    } throws: { error in
      guard case .invalidRule(_, nil, _) = error as? TextError else { return false }
      return true
    }
  }

  @Test func badLanguagePattern() throws {
    let text = srx(
      #"<languagerule languagerulename="A"><rule><beforebreak>\.</beforebreak></rule></languagerule>"#,
      maps: [("fr(", "A")])
    let error = try #require(parseError(text))
    guard case .invalidLanguagePattern(let location, "fr(", _) = error else {
      Issue.record("expected invalidLanguagePattern, got \(error)")
      return
    }
    #expect(location.line == 9)
  }

  @Test func unknownLanguageRuleName() throws {
    let text = srx(
      #"<languagerule languagerulename="French"><rule><beforebreak>\.</beforebreak></rule></languagerule>"#,
      maps: [("fr.*", "French"), ("en.*", "English")])
    let error = try #require(parseError(text))
    guard case .missingLanguageRule(let location, "English") = error else {
      Issue.record("expected missingLanguageRule, got \(error)")
      return
    }
    #expect(location.line == 10)
    #expect(error.description.hasPrefix("test.srx:10:\(location.column): error:"))
    #expect(error.description.contains(#""English""#))
  }

  @Test(arguments: [("3.0", "3.0" as String?), ("", ""), (nil, nil)])
  func unknownVersion(attribute: String?, version: String?) throws {
    let root = attribute.map { #"<srx version="\#($0)">"# } ?? "<srx>"
    let error = try #require(parseError("<?xml version=\"1.0\"?>\n" + root + "<body/></srx>"))
    guard case .unsupportedVersion(let location, let found) = error else {
      Issue.record("expected unsupportedVersion, got \(error)")
      return
    }
    #expect(found == version)
    #expect(location.line == 2)
  }

  @Test func missingFileIsUnreadable() throws {
    #expect {
      _ = try SRXDocument(contentsOfFile: "/no/such/rules.srx")
    } throws: { error in
      guard case .unreadableSRX("/no/such/rules.srx", _) = error as? TextError else { return false }
      return (error as? TextError)?.description.hasPrefix(
        "/no/such/rules.srx: error: cannot read the SRX file: ") == true
    }
  }

  @Test func otherRootElement() throws {
    let error = try #require(parseError(#"<tmx version="1.4"><body/></tmx>"#))
    guard case .notSRX(let location, "tmx") = error else {
      Issue.record("expected notSRX, got \(error)")
      return
    }
    #expect(location.line == 1)
  }

  @Test func attributeErrors() throws {
    let badBreak = srx(
      #"<languagerule languagerulename="A"><rule break="maybe"/></languagerule>"#, maps: [])
    guard case .invalidAttribute(_, "rule", "break", "maybe") = try #require(parseError(badBreak)) else {
      Issue.record("expected invalidAttribute")
      return
    }
    let duplicate = srx(
      #"<languagerule languagerulename="A"/><languagerule languagerulename="A"/>"#, maps: [])
    guard case .duplicateLanguageRule(_, "A") = try #require(parseError(duplicate)) else {
      Issue.record("expected duplicateLanguageRule")
      return
    }
    let unnamed = srx(#"<languagerule/>"#, maps: [])
    guard case .missingAttribute(_, "languagerule", "languagerulename") = try #require(parseError(unnamed))
    else {
      Issue.record("expected missingAttribute")
      return
    }
  }

  // MARK: Entities and DTDs

  /// A temporary file holding `text`, removed by the caller.
  private func temporaryFile(_ text: String, suffix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("entente-srx-\(UUID().uuidString)\(suffix)")
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test func externalEntityDeclarationsAreRejectedUnread() throws {
    let secret = try temporaryFile("SECRET-SRX-CONTENT", suffix: ".txt")
    defer { try? FileManager.default.removeItem(at: secret) }
    let marked = MarkedText(
      """
      <?xml version="1.0"?>
      <!-- a comment -->
      <!DOCTYPE srx ¦[
        <!ENTITY xxe SYSTEM "\(secret.absoluteString)">
      ]>
      <srx version="2.0"><body><languagerules>
      <languagerule languagerulename="A"><rule><beforebreak>&xxe;</beforebreak></rule></languagerule>
      </languagerules><maprules/></body></srx>
      """)
    let error = try #require(parseError(marked.text))
    let place = lineAndColumn(of: marked.points[0], in: marked.text)
    #expect(error == .internalSubset(SRXLocation(path: "test.srx", line: place.line, column: place.column)))
    #expect(!error.description.contains("SECRET"))
  }

  @Test func externalDTDIsNotLoaded() throws {
    // Were this DTD loaded, its default would turn every rule into a no-break rule.
    let dtd = try temporaryFile(#"<!ATTLIST rule break (yes|no) "no">"#, suffix: ".dtd")
    defer { try? FileManager.default.removeItem(at: dtd) }
    let text = """
      <?xml version="1.0"?>
      <!DOCTYPE srx SYSTEM "\(dtd.absoluteString)">
      <srx version="2.0"><body><languagerules>
      <languagerule languagerulename="A"><rule><beforebreak>\\.</beforebreak></rule></languagerule>
      </languagerules><maprules><languagemap languagepattern=".*" languagerulename="A"/></maprules>
      </body></srx>
      """
    let document = try parse(text)
    #expect(document.languageRules.first?.rules.first?.isBreak == true)
  }
}

@Suite("SRX time limit")
struct SRXTimeLimitTests {
  @Test("A catastrophic rule stops with .ruleTimeLimit naming it; an ordinary rule on a long text does not")
  func timeLimit() throws {
    let bad = SRXRule(isBreak: true, beforeBreak: "(a+)+b", afterBreak: "")
    let text = Array((String(repeating: "a", count: 60) + "c").utf8)
    #expect(throws: TextError.ruleTimeLimit(bad, text: "in.txt")) {
      try SRXRuleSet(rules: [bad]).decisions(in: text, name: "in.txt")
    }
    let ordinary = SRXRule(isBreak: true, beforeBreak: #"[.!?]+"#, afterBreak: #"\s+\p{Lu}"#)
    let long = Array(String(repeating: "Une phrase assez longue. Une autre ", count: 100_000).utf8)
    #expect(try SRXRuleSet(rules: [ordinary]).decisions(in: long).count == 100_000)
  }
}
