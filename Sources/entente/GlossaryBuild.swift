import ArgumentParser
import EntenteAlign
import EntenteTerms
import EntenteText
import Foundation

extension GlossaryCommand {
  /// `entente glossary build`: term pairs proposed from a text and its translation.
  struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Propose term pairs (acronyms, names, multi-word terms) from a text and its translation.")

    @Argument(help: "The source text.")
    var source: String

    @Argument(help: "Its translation.")
    var target: String

    @Option(name: .customLong("source-lang"), help: "The source language.")
    var sourceLang = "en"

    @Option(name: .customLong("target-lang"), help: "The target language.")
    var targetLang = "fr"

    @Option(help: "tsv, json or tbx.")
    var format: BuildFormat = .tsv

    @Option(name: .customLong("min-count"), help: "Leave out pairs seen in fewer aligned sentence pairs.")
    var minCount = 1

    @Option(help: "How many pairs to write (0: all).")
    var top = 0

    @Flag(name: .customLong("no-freedict"), help: "Align without the installed FreeDict dictionaries.")
    var noFreeDict = false

    @OptionGroup var outputOptions: OutputOptions

    enum BuildFormat: String, ExpressibleByArgument { case tsv, json, tbx }

    func run() throws {
      let sourceText = try readSource(source).text
      let targetText = try readSource(target).text
      var builder = GlossaryBuilder(sourceLanguage: sourceLang, targetLanguage: targetLang)
      builder.minimumCount = max(1, minCount)
      if !noFreeDict {
        do {
          builder.alignmentOptions.lexicon = try BilingualLexicon.installedFreeDict(
            source: sourceLang, target: targetLang,
            sourceWords: BilingualLexicon.vocabulary(of: [sourceText]),
            targetWords: BilingualLexicon.vocabulary(of: [targetText]))
        } catch {
          throw EntenteCLIError("\(error)")
        }
      }
      var pairs = try builder.build(source: sourceText, target: targetText)
      if top > 0 { pairs = Array(pairs.prefix(top)) }
      let out = try Output(path: outputOptions.output)
      do {
        switch format {
        case .tsv:
          out.write("score\tsource\ttarget\tcount\treasons\texample source\texample target\n")
          for pair in pairs {
            let fields = [
              String(format: "%.3f", pair.score), pair.source, pair.target, String(pair.count),
              pair.reasons.joined(separator: "; "), pair.exampleSource, pair.exampleTarget,
            ].map { $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ") }
            out.write(fields.joined(separator: "\t") + "\n")
          }
        case .json:
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
          out.write(String(decoding: try encoder.encode(pairs), as: UTF8.self) + "\n")
        case .tbx:
          var glossary = Glossary(
            title: "Term pairs proposed by entente glossary build",
            description: ["From \(source) and \(target)."])
          for (k, pair) in pairs.enumerated() {
            glossary.concepts.append(
              Concept(
                id: "c\(k + 1)",
                note: "score \(String(format: "%.3f", pair.score)); " + pair.reasons.joined(separator: "; "),
                terms: [
                  sourceLang: [Term(pair.source, context: pair.exampleSource)],
                  targetLang: [Term(pair.target, context: pair.exampleTarget)],
                ]))
          }
          out.write(glossary.tbx())
        }
        try out.finish()
      } catch {
        out.abandon()
        throw error
      }
    }
  }
}
