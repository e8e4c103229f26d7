import ArgumentParser
import EntenteAlign
import EntenteText
import Foundation

struct Align: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Align a translation with its source, sentence by sentence (work in progress: issue #3).",
    discussion: """
      Length (Gale–Church, log space), cognates, numbers and sentence punctuation, then a \\
      translation lexicon learnt from the confident beads of a first pass; banded search.
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

  @Option(
    help:
      "text: segment both texts into sentences; lines: one sentence per line (a line .EOA is an anchor both share)."
  )
  var input: InputMode = .text

  @Option(help: "vecalign, ladder, tsv, jsonl or tmx.")
  var format: AlignmentFormat = .vecalign

  @Option(help: "The largest number of sentences on one side of a bead.")
  var maxBead = 3

  @Option(
    name: .customLong("dictionary"),
    help:
      "A bilingual dictionary: a FreeDict .index (its .dict.dz beside it) or a hunalign .dic (repeatable).")
  var dictionaries: [String] = []

  @Flag(help: "Do not load the FreeDict dictionaries installed in /usr/share/dictd for the pair.")
  var noFreedict = false

  @Flag(help: "Align even when both texts look like the same language or their sizes differ wildly.")
  var force = false

  @OptionGroup var outputOptions: OutputOptions

  func run() throws {
    guard source != "-" || target != "-" else { throw EntenteCLIError("only one side can be standard input") }
    let (sourceSentences, sourceParagraphs) = try sentences(of: source, language: sourceLang)
    let (targetSentences, targetParagraphs) = try sentences(of: target, language: targetLang)
    if !force { try checkInputs(sourceSentences, targetSentences) }
    var options = AlignmentOptions()
    options.maximumBeadSize = max(1, maxBead)
    options.lexicon = try loadLexicon(
      sourceWords: BilingualLexicon.vocabulary(of: sourceSentences),
      targetWords: BilingualLexicon.vocabulary(of: targetSentences))
    let beads: [Bead]
    do {
      let aligner = SentenceAligner(options: options)
      beads =
        input == .lines
        ? try aligner.align(source: sourceSentences, target: targetSentences, anchor: ".EOA")
        : try aligner.align(
          source: sourceSentences, target: targetSentences, sourceParagraphs: sourceParagraphs,
          targetParagraphs: targetParagraphs)
    } catch let error as AlignmentError {
      throw EntenteCLIError("\(source), \(target): error: \(error)")
    }
    // Omissions and additions are what revisers look for: report them on stderr.
    if !outputOptions.quiet {
      for run in lowConfidenceRuns(in: beads) {
        func lines(_ range: Range<Int>) -> String {
          range.isEmpty
            ? "none"
            : range.count == 1 ? "\(range.lowerBound + 1)" : "\(range.lowerBound + 1)–\(range.upperBound)"
        }
        FileHandle.standardError.write(
          Data(
            ("entente: note: low confidence (\(String(format: "%.2f", run.confidence))): source sentences "
              + "\(lines(run.source)), target sentences \(lines(run.target)): check for an omission or addition\n")
              .utf8))
      }
    }
    let out = try Output(path: outputOptions.output)
    out.write(
      formatAlignment(
        beads, source: sourceSentences, target: targetSentences, format: format,
        sourceLanguage: sourceLang, targetLanguage: targetLang))
    try out.finish()
  }

  /// Refuses inputs that cannot be a text and its translation: the same language on both sides
  /// (when the declared languages differ) or sentence counts more than four times apart.
  func checkInputs(_ sourceSentences: [String], _ targetSentences: [String]) throws {
    let sourceGuess = guessedLanguage(of: sourceSentences)
    let targetGuess = guessedLanguage(of: targetSentences)
    if sourceLang.prefix(2) != targetLang.prefix(2), let sourceGuess, sourceGuess == targetGuess {
      throw EntenteCLIError(
        "\(source), \(target): error: both texts look like the same language (\(sourceGuess)), but"
          + " --source-lang is \(sourceLang) and --target-lang \(targetLang); pass the translation and its"
          + " source, or --force")
    }
    let (n, m) = (sourceSentences.count, targetSentences.count)
    if min(n, m) >= 10 && max(n, m) > 4 * min(n, m) {
      throw EntenteCLIError(
        "\(source), \(target): error: \(n) source sentences against \(m) target sentences: these do not"
          + " look like a text and its translation (use --force to align them anyway)")
    }
  }

  /// The dictionaries: FreeDict's installed ones for the pair (unless --no-freedict) and the
  /// --dictionary files.
  func loadLexicon(sourceWords: Set<String>, targetWords: Set<String>) throws -> BilingualLexicon {
    var lexicon = BilingualLexicon()
    do {
      if !noFreedict {
        lexicon.merge(
          try BilingualLexicon.installedFreeDict(
            source: sourceLang, target: targetLang, sourceWords: sourceWords, targetWords: targetWords))
      }
      for path in dictionaries {
        if path.hasSuffix(".index") {
          let stem = String(path.dropLast(".index".count))
          let compressed = stem + ".dict.dz"
          let dictionary = FileManager.default.fileExists(atPath: compressed) ? compressed : stem + ".dict"
          lexicon.merge(try BilingualLexicon.freeDict(index: path, dictionary: dictionary))
        } else {
          lexicon.merge(try BilingualLexicon.hunalign(path))
        }
      }
    } catch {
      throw EntenteCLIError("\(error)")
    }
    return lexicon
  }

  /// The sentences of a file: its lines (`--input lines`, every line counts, empty ones too, so
  /// that indices are line numbers), or the segmenter's sentences.
  func sentences(of path: String, language: String) throws -> (sentences: [String], paragraphs: [Int]) {
    let text = try readSource(path).text
    switch input {
    case .lines:
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.hasSuffix("\r") ? $0.dropLast() : $0)
      }
      if lines.last == "" { lines.removeLast() }
      return (lines, Array(lines.indices))
    case .text:
      do {
        let segmenter = try SentenceSegmenter(language: language)
        let sentences = try segmenter.sentences(in: text)
        return (sentences.map { text.slice(utf8: $0.range) }, sentences.map(\.paragraph))
      } catch {
        throw EntenteCLIError("\(path): error: \(error)")
      }
    }
  }
}

extension AlignmentFormat: ExpressibleByArgument {}
