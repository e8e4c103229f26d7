import EntenteAlign
import EntenteReport
import EntenteText
import Foundation
import Testing

@testable import EntenteTerms

@Suite("Review report")
struct ReportTests {
  /// Two short documents and their alignment.
  static func documents(_ english: String, _ french: String) throws -> (Document, Document, Alignment) {
    let source = try Document(name: "en.txt", text: english, language: "en")
    let target = try Document(name: "fr.txt", text: french, language: "fr")
    let alignment = try SentenceAligner().align(source, target)
    return (source, target, alignment)
  }

  @Test(
    "Text is always text: markup, entities, quotes, bidirectional controls and U+2028 never become markup")
  func textIsText() throws {
    let hostile =
      "He wrote <script>alert(1)</script> & \"quoted\" 'single' &amp; \u{202E}evil\u{202C} and\u{2028}more."
    let (source, target, alignment) = try Self.documents(
      hostile + "\n\nA second paragraph.\n",
      "Il a écrit <img src=x onerror=alert(1)> & « cité ».\n\nUn second paragraphe.\n")
    let html = ReviewReport(source: source, target: target, alignment: alignment, quotes: nil, findings: [])
      .html(title: "<b>title</b>")
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>title"))
    #expect(
      html.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39; &amp;amp;"))
    #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    // The controls are shown as their codes, not written raw.
    #expect(!html.unicodeScalars.contains("\u{202E}"))
    #expect(!html.unicodeScalars.contains("\u{2028}"))
    #expect(html.contains(">U+202E</span>evil<span class=\"ctl\" title=\"U+202C\">U+202C</span>"))
    #expect(html.contains(">U+2028</span>"))
    // Exactly one script element: the page's own.
    #expect(html.components(separatedBy: "<script").count == 2)
  }
}

@Suite("Review report rows and marks")
struct ReportRowTests {
  static let english = """
    The minister said “we will not export arms” on Monday.

    A second paragraph follows here.

    This sentence was left out.
    """
  static let french = """
    Le ministre a dit « nous n’exporterons pas d’armes » lundi.

    Abonnez-vous à notre lettre.

    Un second paragraphe suit ici.
    """

  static func report(findings: (Document) -> [Finding] = { _ in [] }) throws -> (
    ReviewReport, Document, Document
  ) {
    let source = try Document(name: "en.txt", text: english, language: "en")
    let target = try Document(name: "fr.txt", text: french, language: "fr")
    // Sentence 0 ↔ 0, an addition (target 1), 1 ↔ 2, an omission (source 2).
    let beads = [
      Bead(source: [0], target: [0], cost: 0, confidence: 0.9),
      Bead(source: [], target: [1], cost: 0, confidence: 0.1),
      Bead(source: [1], target: [2], cost: 0, confidence: 0.1),
      Bead(source: [2], target: [], cost: 0, confidence: 0.05),
    ]
    let alignment = Alignment(beads: beads, source: source, target: target)
    let quotes = QuoteAligner().align(source: source, target: target, alignment: alignment)
    let report = ReviewReport(
      source: source, target: target, alignment: alignment, quotes: quotes, findings: findings(target))
    return (report, source, target)
  }

  @Test("One row per bead; additions and omissions have an empty side; low confidence counted")
  func rows() throws {
    let (report, _, _) = try Self.report()
    #expect(report.rows.map(\.kind) == [.match, .addition, .match, .omission])
    #expect(report.rows[1].source == nil && report.rows[1].target?.text == "Abonnez-vous à notre lettre.")
    #expect(report.rows[3].target == nil)
    let html = report.html()
    #expect(html.components(separatedBy: "<tr id=\"r").count - 1 == 4)
    #expect(
      html.contains(
        "<tr id=\"r2\" class=\"row addition conf-low para\" data-cats=\"addition\">"))
    #expect(html.contains("<td class=\"src empty\">"))
    #expect(
      html.contains("<tr id=\"r3\" class=\"row match conf-low para\" data-cats=\"low\">"))
    #expect(
      html.contains(
        "<tr id=\"r4\" class=\"row omission conf-low para\" data-cats=\"omission\">"))
    // The summary's counts link to the first row of their kind.
    #expect(html.contains("<a href=\"#r2\" data-cat=\"addition\">1</a> additions"))
    #expect(html.contains("<a href=\"#r4\" data-cat=\"omission\">1</a> omissions"))
    #expect(html.contains("<a href=\"#r3\" data-cat=\"low\">1</a> low-confidence rows"))
  }

  @Test("A quote and its rendering share a number; hovering one highlights both (same data-q)")
  func quoteLink() throws {
    let (report, _, _) = try Self.report()
    let html = report.html()
    #expect(report.quotes.count == 1)
    #expect(report.quotes[0].rendering == "nous n’exporterons pas d’armes")
    #expect(html.contains("<span class=\"anchor\" id=\"q1\"></span><span class=\"q\" data-q=\"1\""))
    #expect(html.contains("tabindex=\"0\">we will not export arms</span>"))
    #expect(html.contains("<span class=\"anchor\" id=\"qr1\"></span><span class=\"qr\" data-q=\"1\""))
    #expect(html.contains("tabindex=\"0\">nous n’exporterons pas d’armes</span>"))
  }

  @Test("A finding is marked at its exact span, with rule, message and suggestion in its row")
  func findingMark() throws {
    let (report, _, _) = try Self.report { target in
      let range = try! #require(target.text.utf8.firstRange(of: "ministre".utf8))
      let start = target.text.utf8.distance(from: target.text.utf8.startIndex, to: range.lowerBound)
      return [
        Finding(
          file: nil, side: .target, unit: nil, rule: "term-deprecated", severity: .warning,
          message: "«ministre» <is> deprecated", suggestion: "ministresse", line: 1, column: 4, start: start,
          end: start + 8, text: "ministre", concept: "c-1")
      ]
    }
    let html = report.html()
    #expect(
      html.contains("Le <span class=\"anchor\" id=\"f1\"></span><span class=\"f sev-warning\" data-f=\"1\""))
    #expect(html.contains("tabindex=\"0\">ministre</span> a dit"))
    #expect(
      html.contains(
        "<code>term-deprecated</code></a> <span class=\"sev\">warning</span>: «ministre» &lt;is&gt; deprecated <span class=\"sugg\">→ ministresse</span>"
      ))
    #expect(html.contains("<a href=\"#r1\" data-cat=\"rule-term-deprecated\">1</a>"))
  }

  @Test("A finding whose message or suggestion holds special spaces keeps its title attribute whole")
  func specialSpacesInTitle() throws {
    let (report, _, _) = try Self.report { target in
      [
        Finding(
          file: nil, side: .target, unit: nil, rule: "typography-fr", severity: .info,
          message: "a narrow no-break space\u{202F}goes before «\u{A0};\u{A0}»", suggestion: "\u{202F};",
          line: 1, column: 1, start: 0, end: 2, text: "Le", concept: nil)
      ]
    }
    let html = report.html(title: "Titre\u{A0}: \u{202E}x")
    #expect(
      html.contains(
        "title=\"typography-fr (info): a narrow no-break space&#x202F;goes before «&#xA0;;&#xA0;» → &#x202F;;\""
      ))
    #expect(html.contains("<title>Titre&#xA0;: U+202Ex</title>"))
  }

  @Test("A mark across two rows is cut into both")
  func markAcrossRows() throws {
    let source = try Document(name: "en.txt", text: "One “two. Three” four.", language: "en")
    let target = try Document(name: "fr.txt", text: "Un « deux. Trois » quatre.", language: "fr")
    #expect(source.sentences.count == 2 && target.sentences.count == 2)
    let alignment = Alignment(
      beads: [
        Bead(source: [0], target: [0], cost: 0, confidence: 0.9),
        Bead(source: [1], target: [1], cost: 0, confidence: 0.9),
      ], source: source, target: target)
    let quotes = QuoteAligner().align(source: source, target: target, alignment: alignment)
    let report = ReviewReport(
      source: source, target: target, alignment: alignment, quotes: quotes, findings: [])
    let pieces = report.rows.map { row in
      (row.source?.marks ?? []).map { row.source!.text.slice(utf8: $0.range) }
    }
    #expect(pieces == [["two. "], ["Three"]] || pieces == [["two."], ["Three"]], "\(pieces)")
  }

  @Test("A bilingual file: one row per unit, findings in their unit and side")
  func bilingualFile() throws {
    let tmx = """
      <?xml version="1.0" encoding="UTF-8"?>
      <tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
      <body>
      <tu tuid="a"><tuv xml:lang="en"><seg>First &amp; one.</seg></tuv><tuv xml:lang="fr"><seg>Premier &lt;b&gt;.</seg></tuv></tu>
      <tu tuid="b"><tuv xml:lang="en"><seg>Second.</seg></tuv><tuv xml:lang="fr"><seg>Deuxième.</seg></tuv></tu>
      </body></tmx>
      """
    let file = try BilingualFile.read(Array(tmx.utf8), file: "t.tmx", targetLanguage: "fr")
    let finding = Finding(
      file: "t.tmx", side: .target, unit: UnitReference(id: "b", ordinal: 2), rule: "untranslated",
      severity: .info, message: "m", suggestion: nil, line: 4, column: 1, start: 0, end: 9, text: "Deuxième",
      concept: nil)
    let report = ReviewReport(file: file, findings: [finding])
    #expect(report.rows.count == 2)
    #expect(report.rows.map(\.unitID) == ["a", "b"])
    #expect(report.rows[1].target?.marks.count == 1)
    let html = report.html()
    #expect(html.contains("First &amp; one."))
    #expect(html.contains("Premier &lt;b&gt;."))
    #expect(html.contains("tabindex=\"0\">Deuxième</span>."))
    #expect(html.contains("<span class=\"count\">2</span> units"))
  }
}
