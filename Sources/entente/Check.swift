import ArgumentParser
import EntenteAlign
import EntenteTerms
import EntenteText
import Foundation

/// `entente check`: terminology checks of a translation against a glossary.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a translation against a glossary, and against its source when given.",
    discussion: """
      entente check FILE.tmx|FILE.xlf --glossary G checks each unit's target against its \
      source (TMX 1.4b, XLIFF 1.2 and 2.x; languages from the file). \
      entente check TARGET --glossary G runs the target-side rules: term-deprecated, \
      first-mention, term-inconsistent, untranslated, name-spelling, and typography-fr with \
      --typography. entente check SOURCE TARGET --glossary G aligns the two and adds term-missing \
      and number-mismatch. Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 on \
      bad input or usage.
      """
  )

  @Argument(help: "[SOURCE] TARGET: the translation, after its source when the source is given (UTF-8 text).")
  var files: [String]

  @Option(help: "The glossary (.tbx, .json, .csv or .tsv).")
  var glossary: String

  @Option(help: "The translation's language.")
  var lang = "fr"

  @Option(name: .customLong("source-lang"), help: "The source language (for untranslated words).")
  var sourceLang = "en"

  @Option(help: "text, json or sarif.")
  var format: FindingFormat = .text

  @Option(name: .customLong("fail-on"), help: "error, warning, info or never.")
  var failOn: FailOn = .error

  @Flag(help: "Add the French typography findings (typography-fr).")
  var typography = false

  @Flag(name: .customLong("no-freedict"), help: "Align without the installed FreeDict dictionaries.")
  var noFreeDict = false

  @OptionGroup var outputOptions: OutputOptions

  enum FindingFormat: String, ExpressibleByArgument { case text, json, sarif }
  enum FailOn: String, ExpressibleByArgument { case error, warning, info, never }

  func validate() throws {
    guard (1...2).contains(files.count) else {
      throw ValidationError("give TARGET, or SOURCE TARGET (got \(files.count) files)")
    }
  }

  func run() throws {
    let glossary = try GlossaryCommand.load(glossary)
    let target = files.last!
    let findings: [Finding]
    let bilingualExtensions: Set<String> = ["tmx", "xlf", "xliff", "xlf2"]
    if files.count == 1, bilingualExtensions.contains(URL(fileURLWithPath: target).pathExtension.lowercased())
    {
      let file = try readBilingualFile(target, targetLanguage: lang)
      var checker = BilingualChecker(
        glossary: glossary, sourceLanguage: file.sourceLanguage, targetLanguage: file.targetLanguage)
      checker.checksTypography = typography
      findings = try checker.check(file)
    } else if files.count == 2 {
      let sourceText = try readSource(files[0]).text
      let targetText = try readSource(target).text
      // Swapped or identical files: both sides in one language while the options say two.
      try refuseSameLanguage(
        source: (files[0], sourceText), target: (target, targetText), sourceLang: sourceLang,
        targetLang: lang,
        targetOption: "--lang")
      var checker = BilingualChecker(glossary: glossary, sourceLanguage: sourceLang, targetLanguage: lang)
      checker.checksTypography = typography
      if !noFreeDict {
        do {
          let words = { (text: String) in BilingualLexicon.vocabulary(of: [text]) }
          checker.alignmentOptions.lexicon = try BilingualLexicon.installedFreeDict(
            source: sourceLang, target: lang, sourceWords: words(sourceText), targetWords: words(targetText))
        } catch {
          throw EntenteCLIError("\(error)")
        }
      }
      findings = try checker.check(source: sourceText, target: targetText)
    } else {
      var checker = try TargetChecker(glossary: glossary, targetLanguage: lang, sourceLanguage: sourceLang)
      checker.checksTypography = typography
      findings = try checker.check(try readSource(target).text)
    }
    let out = try Output(path: outputOptions.output)
    do {
      // Every finding names its file: the target's, when the check did not give one.
      let located = findings.map { finding in
        var finding = finding
        finding.file = finding.file ?? target
        return finding
      }
      switch format {
      case .text: for finding in located { out.write(finding.textLine(file: finding.file ?? target) + "\n") }
      case .json: out.write(try findingsJSON(located))
      case .sarif: out.write(try findingsSARIF(located, file: target))
      }
      try out.finish()
    } catch {
      out.abandon()
      throw error
    }
    let threshold: Severity? =
      switch failOn {
      case .error: .error
      case .warning: .warning
      case .info: .info
      case .never: nil
      }
    if let threshold, findings.contains(where: { $0.severity >= threshold }) {
      throw ExitCode(1)
    }
  }
}
