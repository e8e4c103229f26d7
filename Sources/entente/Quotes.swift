import ArgumentParser
import EntenteAlign
import EntenteText
import Foundation

struct Quotes: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Find where each quote of the source is rendered in the translation.",
    discussion: """
      entente quotes SOURCE TARGET, or entente quotes --source-quotes FILE TARGET with a bare list \
      of quotes, one per line. The texts are aligned first, or --alignment FILE gives their \
      alignment (the jsonl of entente align, perhaps corrected by hand). JSON: an array with, per \
      source quote, source {text, start, end, line, column}, target (the same, or null), score, \
      confidence and quoted; then the target's quotes with no source, with source and confidence \
      null. Offsets are UTF-8 bytes, lines and columns (in Unicode scalars) count from 1; with \
      --source-quotes, source positions are in the list without its blank lines and outer spaces.
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

  @OptionGroup var reading: ReadingOptions

  @Option(
    help: "The alignment of SOURCE and TARGET (entente align --format jsonl, perhaps corrected by hand).")
  var alignment: String?

  @OptionGroup var lexiconOptions: LexiconOptions

  @OptionGroup var outputOptions: OutputOptions

  func validate() throws {
    if sourceQuotes != nil && files.count != 1 {
      throw ValidationError("with --source-quotes, give the target file alone")
    }
    if sourceQuotes == nil && files.count != 2 { throw ValidationError("give SOURCE and TARGET") }
    if sourceQuotes != nil && alignment != nil {
      throw ValidationError("--alignment needs SOURCE and TARGET, not --source-quotes")
    }
  }

  func run() throws {
    let reader = try reading.reader()
    let target = try reader.read(files.last!, language: targetLang)
    var aligner = QuoteAligner()
    let result: QuoteAlignment
    // The text the source ranges are offsets into.
    let sourceText: String
    if let sourceQuotes {
      let list = try readSource(sourceQuotes).text.split(separator: "\n").map {
        String($0).trimmingCharacters(in: .whitespacesAndNewlines)
      }.filter { !$0.isEmpty }
      aligner.lexicon = try lexiconOptions.lexicon(
        sourceLanguage: sourceLang, targetLanguage: targetLang,
        sourceWords: BilingualLexicon.vocabulary(of: list),
        targetWords: BilingualLexicon.vocabulary(of: target))
      result = try aligner.align(sourceQuotes: list, sourceLanguage: sourceLang, target: target)
      sourceText = list.joined(separator: "\n")
    } else {
      let source = try reader.read(files[0], language: sourceLang)
      aligner.lexicon = try lexiconOptions.lexicon(for: source, target)
      var options = EntenteAlign.AlignmentOptions()
      options.lexicon = aligner.lexicon
      let sentences = try alignDocuments(
        of: source, target, file: alignment, options: options, anchor: reading.input == .lines ? ".EOA" : nil)
      result = aligner.align(source: source, target: target, alignment: sentences)
      sourceText = source.text
    }
    let out = try Output(path: outputOptions.output)
    do {
      switch format {
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        out.write(
          String(
            decoding: try encoder.encode(result.records(source: sourceText, target: target.text)),
            as: UTF8.self) + "\n")
      case .text:
        let sourceLines = LineIndex(sourceText)
        let targetLines = LineIndex(target.text)
        func place(_ span: QuoteMatch.Span, _ lines: LineIndex) -> String {
          let (line, column) = lines.location(of: span.range.lowerBound)
          return "line \(line):\(column)"
        }
        func decimal(_ value: Double) -> String { String(format: "%.2f", value) }
        for match in result.matches {
          out.write("“\(match.source.text)” (\(place(match.source, sourceLines)))\n")
          if let target = match.target {
            out.write(
              "  → «\(target.text)» (\(place(target, targetLines)), score \(decimal(match.score)), "
                + "confidence \(decimal(match.confidence))\(match.targetIsQuoted ? ", quoted" : ""))\n")
          } else {
            out.write(
              "  → not rendered (best score \(decimal(match.score)), confidence \(decimal(match.confidence)))\n"
            )
          }
        }
        for quote in result.unmatchedTargetQuotes {
          out.write("target quote with no source: «\(quote.text)» (\(place(quote, targetLines)))\n")
        }
      }
      try out.finish()
    } catch {
      out.abandon()
      throw error
    }
  }
}

enum QuotesFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

extension Quotes: InputReadingCommand {
  var inputLimits: InputLimitOptions { outputOptions.limits }
}

extension Quotes: LanguageOptionsCommand {
  var languageOptions: [(option: String, value: String)] {
    [("--source-lang", sourceLang), ("--target-lang", targetLang)]
  }
}
