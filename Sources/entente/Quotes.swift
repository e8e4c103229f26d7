import ArgumentParser
import EntenteAlign
import EntenteText
import Foundation

struct Quotes: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Find where each quote of the source is rendered in the translation (work in progress: issue #3).",
    discussion: """
      entente quotes SOURCE TARGET, or entente quotes --source-quotes FILE TARGET with a bare list \\
      of quotes, one per line. JSON: an array with, per source quote, source {text, start, end}, \\
      target ({text, start, end} or null), score and quoted; then the target's quotes with no \\
      source, with source null. Offsets are UTF-8 bytes.
      """
  )

  @Argument(help: "SOURCE TARGET, or TARGET alone with --source-quotes.")
  var files: [String]

  @Option(help: "A file of source quotes, one per line (the English statements, without the article).")
  var sourceQuotes: String?

  @Option(help: "Language of the source.")
  var sourceLang = "en"

  @Option(help: "Language of the target.")
  var targetLang = "fr"

  @Option(help: "text or json.")
  var format: QuotesFormat = .text

  @Flag(help: "Do not load the FreeDict dictionaries installed in /usr/share/dictd for the pair.")
  var noFreedict = false

  @OptionGroup var outputOptions: OutputOptions

  func validate() throws {
    if sourceQuotes != nil && files.count != 1 {
      throw ValidationError("with --source-quotes, give the target file alone")
    }
    if sourceQuotes == nil && files.count != 2 { throw ValidationError("give SOURCE and TARGET") }
  }

  func run() throws {
    let target = try readSource(files.last!).text
    var aligner = QuoteAligner()
    if !noFreedict {
      do {
        aligner.lexicon = try BilingualLexicon.installedFreeDict(source: sourceLang, target: targetLang)
      } catch {
        throw EntenteCLIError("\(error)")
      }
    }
    let result: QuoteAlignment
    if let sourceQuotes {
      let list = try readSource(sourceQuotes).text.split(separator: "\n").map {
        String($0).trimmingCharacters(in: .whitespacesAndNewlines)
      }.filter { !$0.isEmpty }
      result = try aligner.align(sourceQuotes: list, target: target, targetLanguage: targetLang)
    } else {
      let source = try readSource(files[0]).text
      result = try aligner.align(
        source: source, target: target, sourceLanguage: sourceLang, targetLanguage: targetLang)
    }
    let out = try Output(path: outputOptions.output)
    switch format {
    case .json:
      var items: [String] = []
      func span(_ span: QuoteMatch.Span?) -> String {
        guard let span else { return "null" }
        return
          "{\"text\":\(jsonStringLiteral(span.text)),\"start\":\(span.range.lowerBound),\"end\":\(span.range.upperBound)}"
      }
      for match in result.matches {
        items.append(
          "{\"source\":\(span(match.source)),\"target\":\(span(match.target)),"
            + "\"score\":\(String(format: "%.3f", match.score)),\"quoted\":\(match.targetIsQuoted)}")
      }
      for quote in result.unmatchedTargetQuotes {
        items.append("{\"source\":null,\"target\":\(span(quote)),\"score\":0,\"quoted\":true}")
      }
      out.write("[\n  " + items.joined(separator: ",\n  ") + "\n]\n")
    case .text:
      for match in result.matches {
        out.write("“\(match.source.text)”\n")
        if let target = match.target {
          out.write(
            "  → «\(target.text)» (score \(String(format: "%.2f", match.score))\(match.targetIsQuoted ? ", quoted" : ""))\n"
          )
        } else {
          out.write("  → not rendered (best score \(String(format: "%.2f", match.score)))\n")
        }
      }
      for quote in result.unmatchedTargetQuotes {
        out.write("target quote with no source: «\(quote.text)»\n")
      }
    }
    try out.finish()
  }
}

enum QuotesFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}
