import ArgumentParser
import EntenteAlign
import EntenteReport
import EntenteTerms
import EntenteText
import Foundation

/// `entente report`: the side-by-side review page of a translation.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a side-by-side HTML review of a translation: alignment, quotes and findings.",
    discussion: """
      entente report SOURCE TARGET [--glossary G] [--alignment FILE] -o report.html aligns the \
      two texts (or reads their alignment), aligns the quotes, checks the terms when a glossary \
      is given, and writes one self-contained HTML page: the texts side by side in aligned rows \
      tinted by confidence, additions and omissions as rows with one side empty, each quote \
      linked to its rendering, findings marked where they are, a summary whose counts lead to \
      the rows, j/k (or n/p) to go from problem to problem. entente report FILE.tmx|FILE.xlf \
      --glossary G shows a bilingual file, one row per unit, with its findings. The page makes \
      no request: open it in any browser, or print it.
      """
  )

  @Argument(help: "SOURCE TARGET (UTF-8 text), or one bilingual file (.tmx, .xlf, .xliff).")
  var files: [String]

  @Option(help: "A glossary (.tbx, .json, .csv or .tsv) to check the terms with.")
  var glossary: String?

  @Option(name: .customLong("source-lang"), help: "Language of the source.")
  var sourceLang = "en"

  @Option(name: .customLong("target-lang"), help: "Language of the target.")
  var targetLang = "fr"

  @Flag(help: "Add the French typography findings (typography-fr).")
  var typography = false

  @Flag(name: .customLong("no-quotes"), help: "Do not align the quotes.")
  var noQuotes = false

  @Option(help: "The page's title (by default, the file names).")
  var title: String?

  @OptionGroup var reading: ReadingOptions

  @Option(
    help: "The alignment of SOURCE and TARGET (entente align --format jsonl, perhaps corrected by hand).")
  var alignment: String?

  @OptionGroup var lexiconOptions: LexiconOptions

  @OptionGroup var outputOptions: OutputOptions

  static let bilingualExtensions: Set<String> = ["tmx", "xlf", "xliff", "xlf2"]

  func validate() throws {
    guard (1...2).contains(files.count) else {
      throw ValidationError("give SOURCE TARGET, or one bilingual file (got \(files.count) files)")
    }
    if files.count == 1
      && !Self.bilingualExtensions.contains(URL(fileURLWithPath: files[0]).pathExtension.lowercased())
    {
      throw ValidationError(
        "a single file must be a bilingual file (.tmx, .xlf, .xliff); else give SOURCE TARGET")
    }
    if alignment != nil && files.count != 2 { throw ValidationError("--alignment needs SOURCE and TARGET") }
  }

  func run() throws {
    let progress = Progress(quiet: outputOptions.quiet, command: "report")
    defer { progress.done() }
    progress.phase("reading", showsPercent: false)
    let glossary = try glossary.map { try GlossaryCommand.load($0) }
    let report: ReviewReport
    if files.count == 1 {
      let file = try readBilingualFile(files[0], targetLanguage: targetLang)
      var findings: [Finding] = []
      if let glossary {
        var checker = BilingualChecker(
          glossary: glossary, sourceLanguage: file.sourceLanguage, targetLanguage: file.targetLanguage)
        checker.checksTypography = typography
        checker.progress = progress.phase("checking")
        findings = try checker.check(file)
      }
      report = ReviewReport(file: file, findings: findings)
    } else {
      let reader = try reading.reader()
      let sourceText = try readSource(files[0])
      let targetText = try readSource(files[1])
      try refuseSameLanguage(
        source: (files[0], sourceText.text), target: (files[1], targetText.text), sourceLang: sourceLang,
        targetLang: targetLang)
      let source = try reader.document(sourceText, language: sourceLang)
      let target = try reader.document(targetText, language: targetLang)
      var options = EntenteAlign.AlignmentOptions()
      options.lexicon = try lexiconOptions.lexicon(for: source, target)
      let sentences = try alignDocuments(
        of: source, target, file: alignment, options: options, anchor: reading.input == .lines ? ".EOA" : nil,
        progress: alignment == nil ? progress.phase("aligning") : nil)
      // The quotes and the checks need only the documents and the alignment: they run side by
      // side (the quote aligner spreads its own work over the cores too).
      var aligner = QuoteAligner()
      aligner.lexicon = options.lexicon
      // The two run together: the quotes, the longer, give the percentage.
      aligner.progress = progress.phase(
        noQuotes ? "checking" : glossary == nil ? "quotes" : "quotes and checks")
      var checker = glossary.map {
        BilingualChecker(glossary: $0, sourceLanguage: sourceLang, targetLanguage: targetLang)
      }
      checker?.checksTypography = typography
      checker?.alignmentOptions = options
      let (alignsQuotes, checks, quoteAligner) = (!noQuotes, checker, aligner)
      let quoteSlot = ResultSlots<QuoteAlignment?, Never>(count: 1)
      let findingSlot = ResultSlots<[Finding], any Error>(count: 1)
      DispatchQueue.concurrentPerform(iterations: 2) { task in
        if task == 0 {
          quoteSlot.set(
            0,
            .success(
              alignsQuotes ? quoteAligner.align(source: source, target: target, alignment: sentences) : nil))
        } else {
          findingSlot.set(
            0, Result { try checks?.check(source: source, target: target, alignment: sentences) ?? [] })
        }
      }
      let quotes = quoteSlot.values.first?.get() ?? nil
      let findings = try findingSlot.values.first?.get() ?? []
      report = ReviewReport(
        source: source, target: target, alignment: sentences, quotes: quotes, findings: findings)
    }
    progress.phase("writing", showsPercent: false)
    let out = try Output(path: outputOptions.output)
    do {
      out.write(report.html(title: title))
      try out.finish()
    } catch {
      out.abandon()
      throw error
    }
  }
}

extension Report: InputReadingCommand {
  var inputLimits: InputLimitOptions { outputOptions.limits }
}

extension Report: LanguageOptionsCommand {
  var languageOptions: [(option: String, value: String)] {
    [("--source-lang", sourceLang), ("--target-lang", targetLang)]
  }
}
