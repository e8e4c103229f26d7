import ArgumentParser
import EntenteAlign
import EntenteText
import Foundation

struct Align: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Align a translation with its source, sentence by sentence.",
    discussion: """
      Length (Gale–Church, log space), cognates, numbers and sentence punctuation, then a \
      translation lexicon learnt from the confident beads of a first pass; banded search. The \
      jsonl output, corrected by hand, is what --alignment takes in quotes, check and glossary \
      build.
      """
  )

  @Argument(help: "The source text, or - for standard input.")
  var source: String

  @Argument(help: "The target text (its translation).")
  var target: String

  @Option(help: "Language of the source.")
  var sourceLang = "en"

  @Option(help: "Language of the target.")
  var targetLang = "fr"

  @OptionGroup var reading: ReadingOptions

  @Option(help: "vecalign, ladder, tsv, jsonl or tmx.")
  var format: AlignmentFormat = .vecalign

  @Option(help: "The largest number of sentences on one side of a bead.")
  var maxBead = 3

  @OptionGroup var lexiconOptions: LexiconOptions

  @Flag(help: "Align even when both texts look like the same language or their sizes differ wildly.")
  var force = false

  @OptionGroup var outputOptions: OutputOptions

  func run() throws {
    guard source != "-" || target != "-" else { throw EntenteCLIError("only one side can be standard input") }
    let progress = Progress(quiet: outputOptions.quiet, command: "align")
    defer { progress.done() }
    let readingProgress = progress.phase("reading")
    let shares = readingShares([source, target])
    let reader = try reading.reader()
    let sourceDocument = try reader.read(source, language: sourceLang)
    readingProgress?(shares[0])
    let targetDocument = try reader.read(target, language: targetLang)
    readingProgress?(shares[1])
    if !force { try checkInputs(sourceDocument, targetDocument) }
    var options = EntenteAlign.AlignmentOptions()
    options.maximumBeadSize = max(1, maxBead)
    options.lexicon = try lexiconOptions.lexicon(for: sourceDocument, targetDocument)
    let result = try alignDocuments(
      of: sourceDocument, targetDocument, file: nil, options: options,
      anchor: reading.input == .lines ? ".EOA" : nil, progress: progress.phase("aligning"))
    progress.phase("writing", showsPercent: false)
    // Omissions and additions are what revisers look for: report them on stderr.
    if !outputOptions.quiet {
      for note in alignmentNotes(result, source: sourceDocument, target: targetDocument) {
        writeToStandardError("entente: note: " + note + "\n")
      }
    }
    let out = try Output(path: outputOptions.output)
    do {
      out.write(try formatAlignment(result, source: sourceDocument, target: targetDocument, format: format))
      try out.finish()
    } catch {
      out.abandon()
      throw error
    }
  }

  /// Refuses inputs that cannot be a text and its translation: the same language on both sides
  /// (when the declared languages differ) or sentence counts more than four times apart.
  func checkInputs(_ source: Document, _ target: Document) throws {
    let sourceGuess = guessedLanguage(of: source.sentenceTexts)
    let targetGuess = guessedLanguage(of: target.sentenceTexts)
    if LanguageTag.language(of: sourceLang) != LanguageTag.language(of: targetLang), let sourceGuess,
      sourceGuess == targetGuess
    {
      throw EntenteCLIError(
        "\(self.source), \(self.target): error: both texts look like the same language (\(sourceGuess)), but"
          + " --source-lang is \(sourceLang) and --target-lang \(targetLang); pass the translation and its"
          + " source, or --force")
    }
    // Counts far apart are refused only when no parallel core is found: a page that adds
    // boxes to a short article is still a translation.
    let (n, m) = (source.count, target.count)
    if min(n, m) >= 10 && max(n, m) > 4 * min(n, m) && SentenceAligner.anchorCount(source, target) < 3 {
      throw EntenteCLIError(
        "\(self.source), \(self.target): error: \(n) source sentences against \(m) target sentences, and"
          + " no parallel part found: these do not look like a text and its translation (use --force to align"
          + " them anyway)")
    }
  }
}

/// What a reviser should look at after aligning: every run of two or more sentences with no
/// counterpart, by its lines in the file, and runs of low-confidence beads.
func alignmentNotes(_ alignment: Alignment, source: Document, target: Document) -> [String] {
  var notes: [String] = []
  let sourceLines = LineIndex(source.text)
  let targetLines = LineIndex(target.text)
  func lines(_ document: Document, _ index: LineIndex, _ range: Range<Int>) -> String {
    let first = index.location(of: document.sentences[range.lowerBound].range.lowerBound).line
    let lastRange = document.sentences[range.upperBound - 1].range
    let last = index.location(of: lastRange.isEmpty ? lastRange.lowerBound : lastRange.upperBound - 1).line
    return first == last ? "line \(first)" : "lines \(first)–\(last)"
  }
  for run in unalignedRuns(in: alignment.beads) {
    if run.kind == .addition {
      notes.append(
        "target \(lines(target, targetLines, run.sentences)) (\(run.sentences.count) sentences) have no"
          + " counterpart in the source")
    } else {
      notes.append(
        "source \(lines(source, sourceLines, run.sentences)) (\(run.sentences.count) sentences) have no"
          + " counterpart in the target")
    }
  }
  for run in lowConfidenceRuns(in: alignment.beads)
  where alignment.beads[run.beads].contains(where: { $0.kind == .match }) {
    func sentences(_ range: Range<Int>) -> String {
      range.isEmpty
        ? "none"
        : range.count == 1 ? "\(range.lowerBound + 1)" : "\(range.lowerBound + 1)–\(range.upperBound)"
    }
    notes.append(
      "low confidence (\(String(format: "%.2f", run.confidence))): source sentences \(sentences(run.source)),"
        + " target sentences \(sentences(run.target)): check for an omission or addition")
  }
  return notes
}

extension AlignmentFormat: ExpressibleByArgument {}

extension Align: InputReadingCommand {
  var inputLimits: InputLimitOptions { outputOptions.limits }
}

extension Align: LanguageOptionsCommand {
  var languageOptions: [(option: String, value: String)] {
    [("--source-lang", sourceLang), ("--target-lang", targetLang)]
  }
}
