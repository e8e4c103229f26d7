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
      first-mention, term-inconsistent, term-case, untranslated, name-spelling, and typography-fr with \
      --typography. entente check SOURCE TARGET --glossary G aligns the two and adds term-missing \
      and number-mismatch. Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 on \
      bad input or usage. With a source, --alignment FILE gives the two texts' alignment (the \
      jsonl of entente align, perhaps corrected by hand) instead of aligning them.
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

  @OptionGroup var reading: ReadingOptions

  @Option(
    help: "The alignment of SOURCE and TARGET (entente align --format jsonl, perhaps corrected by hand).")
  var alignment: String?

  @OptionGroup var lexiconOptions: LexiconOptions

  @OptionGroup var outputOptions: OutputOptions

  enum FindingFormat: String, ExpressibleByArgument { case text, json, sarif }
  enum FailOn: String, ExpressibleByArgument { case error, warning, info, never }

  func validate() throws {
    guard (1...2).contains(files.count) else {
      throw ValidationError("give TARGET, or SOURCE TARGET (got \(files.count) files)")
    }
    if alignment != nil && files.count != 2 { throw ValidationError("--alignment needs SOURCE and TARGET") }
  }

  func run() throws {
    let progress = Progress(quiet: outputOptions.quiet, command: "check")
    defer { progress.done() }
    // With a source, the percentage of the two texts read; else the phase is short.
    let readingProgress = progress.phase("reading", showsPercent: files.count == 2)
    let glossary = try GlossaryCommand.load(glossary)
    let target = files.last!
    let findings: [Finding]
    var targetEncoding = TextEncoding.utf8
    let bilingualExtensions: Set<String> = ["tmx", "xlf", "xliff", "xlf2"]
    if files.count == 1, bilingualExtensions.contains(URL(fileURLWithPath: target).pathExtension.lowercased())
    {
      let file = try readBilingualFile(target, targetLanguage: lang)
      var checker = BilingualChecker(
        glossary: glossary, sourceLanguage: file.sourceLanguage, targetLanguage: file.targetLanguage)
      checker.checksTypography = typography
      checker.progress = progress.phase("checking")
      findings = try checker.check(file)
    } else if files.count == 2 {
      let reader = try reading.reader()
      let shares = readingShares(files)
      let sourceText = try readSource(files[0])
      let targetText = try readSource(target)
      targetEncoding = targetText.encoding
      // Swapped or identical files: both sides in one language while the options say two.
      try refuseSameLanguage(
        source: (files[0], sourceText.text), target: (target, targetText.text), sourceLang: sourceLang,
        targetLang: lang, targetOption: "--lang")
      let source = try reader.document(sourceText, language: sourceLang)
      readingProgress?(shares[0])
      let translation = try reader.document(targetText, language: lang)
      readingProgress?(shares[1])
      var checker = BilingualChecker(glossary: glossary, sourceLanguage: sourceLang, targetLanguage: lang)
      checker.checksTypography = typography
      checker.alignmentOptions.lexicon = try lexiconOptions.lexicon(for: source, translation)
      let sentences = try alignDocuments(
        of: source, translation, file: alignment, options: checker.alignmentOptions,
        anchor: reading.input == .lines ? ".EOA" : nil,
        progress: alignment == nil ? progress.phase("aligning") : nil)
      checker.progress = progress.phase("checking")
      findings = try checker.check(source: source, target: translation, alignment: sentences)
    } else {
      let checker = try TargetChecker(glossary: glossary, targetLanguage: lang, sourceLanguage: sourceLang)
      var configured = checker
      configured.checksTypography = typography
      let text = try readSource(target)
      targetEncoding = text.encoding
      let document = try reading.reader().document(text, language: lang)
      configured.progress = progress.phase("checking")
      findings = configured.check(document)
    }
    progress.phase("writing", showsPercent: false)
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
      case .sarif: out.write(try findingsSARIF(located, file: target, encoding: targetEncoding))
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

extension Check: InputReadingCommand {
  var inputLimits: InputLimitOptions { outputOptions.limits }
}

extension Check: LanguageOptionsCommand {
  var languageOptions: [(option: String, value: String)] {
    [("--lang", lang), ("--source-lang", sourceLang)]
  }
}
