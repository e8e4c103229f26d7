// `entente report` end to end: the page of a fixture article, of a bilingual file, and the
// usage errors.
import Foundation
import Testing

@Suite("entente report")
struct ReportCLITests {
  static let article = "Fixtures/articles/001_783406020c5c45de"

  func fixtureWorkspace() throws -> Workspace {
    try Workspace.withRepositoryFiles([
      "\(Self.article).en.txt", "\(Self.article).txt", "Glossaries/news-en-fr.tbx",
      "Fixtures/bilingual/001_783406020c5c45de.tmx",
    ])
  }

  @Test("The fixture article: rows, quote links, finding marks, and the page loads nothing")
  func article() async throws {
    let workspace = try fixtureWorkspace()
    let result = try await workspace.run([
      "report", "\(Self.article).en.txt", "\(Self.article).txt", "--glossary", "Glossaries/news-en-fr.tbx",
      "--no-freedict", "--output", "report.html",
    ])
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.isEmpty)
    let html = String(decoding: try workspace.contents(of: "report.html"), as: UTF8.self)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("default-src 'none'"))
    // 28 beads, 11 quotes each rendered, 5 findings (as `entente check` finds; 9 before issue
    // #16, whose inserted words and adjective forms ended four false term-missing findings).
    #expect(html.components(separatedBy: "<tr id=\"r").count - 1 == 28)
    for k in 1...11 {
      #expect(html.contains("<span class=\"anchor\" id=\"q\(k)\"></span>"))
      #expect(html.contains("<span class=\"anchor\" id=\"qr\(k)\"></span>"))
    }
    for k in 1...5 { #expect(html.contains("<span class=\"anchor\" id=\"f\(k)\"></span>")) }
    #expect(!html.contains("<span class=\"anchor\" id=\"f6\"></span>"))
    #expect(html.contains("<a href=\"#r2\" data-cat=\"finding\">5</a> findings"))
    // Nothing the page would fetch: no external URL in an attribute.
    for attribute in ["src=", "href=\"http", "href=\"//", "url("] { #expect(!html.contains(attribute)) }
  }

  @Test("A bilingual file: one row per unit; the same page on stdout without --output")
  func bilingual() async throws {
    let workspace = try fixtureWorkspace()
    let result = try await workspace.run([
      "report", "Fixtures/bilingual/001_783406020c5c45de.tmx", "--glossary", "Glossaries/news-en-fr.tbx",
    ])
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.components(separatedBy: "<tr id=\"r").count - 1 == 28)
    #expect(result.stdout.contains("<span class=\"count\">28</span> units"))
    #expect(result.stdout.contains("data-cat=\"finding\">5</a> findings"))
  }

  @Test(
    "Usage errors exit 2 with a message",
    arguments: [
      (["report", "a.txt"], "bilingual file"),
      (["report", "x.tmx", "--alignment", "a.jsonl"], "--alignment needs SOURCE and TARGET"),
      (["report", "missing.en.txt", "missing.fr.txt"], "missing.en.txt"),
    ])
  func usage(arguments: [String], message: String) async throws {
    let workspace = try Workspace()
    try workspace.write("a.txt", "Un texte.\n")
    let result = try await workspace.run(arguments)
    #expect(result.exitCode == 2)
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
  }
}
