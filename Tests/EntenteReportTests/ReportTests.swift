import EntenteAlign
import EntenteReport
import EntenteTerms
import EntenteText
import Foundation
import Testing

@Suite("Review report")
struct ReportTests {
  /// Two short documents and their alignment.
  static func documents(_ english: String, _ french: String) throws -> (Document, Document, Alignment) {
    let source = try Document(name: "en.txt", text: english, language: "en")
    let target = try Document(name: "fr.txt", text: french, language: "fr")
    let alignment = try SentenceAligner().align(source, target)
    return (source, target, alignment)
  }

  @Test("Text is always text: markup, entities, quotes, bidirectional controls and U+2028 never become markup")
  func textIsText() throws {
    let hostile =
      "He wrote <script>alert(1)</script> & \"quoted\" 'single' &amp; \u{202E}evil\u{202C} and\u{2028}more."
    let (source, target, alignment) = try Self.documents(
      hostile + "\n\nA second paragraph.\n", "Il a écrit <img src=x onerror=alert(1)> & « cité ».\n\nUn second paragraphe.\n")
    let html = ReviewReport(source: source, target: target, alignment: alignment, quotes: nil, findings: [])
      .html(title: "<b>title</b>")
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("<img"))
    #expect(!html.contains("<b>title"))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39; &amp;amp;"))
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
