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

    @Argument(
      help: ArgumentHelp(
        "SOURCE TARGET (a text and its translation), or one TMX or XLIFF file.",
        valueName: "file"))
    var files: [String] = []

    @Option(
      help: ArgumentHelp(
        "A list of document pairs for a corpus: one pair per line, SOURCE and TARGET separated by a tab (or by spaces when the paths have none), or one TMX/XLIFF file; paths relative to the list; # starts a comment.",
        valueName: "list"))
    var pairs: String?

    @Option(
      help: ArgumentHelp(
        "Add the pairs the glossary does not have to it, and report those that contradict it; writes the merged glossary (--format tbx by default).",
        valueName: "glossary"))
    var merge: String?

    @Option(name: .customLong("source-lang"), help: "The source language.")
    var sourceLang = "en"

    @Option(name: .customLong("target-lang"), help: "The target language.")
    var targetLang = "fr"

    @Option(
      help: "tsv, json or tbx (default: tsv; with --merge, tbx, or json, csv or tsv for the merged glossary)."
    )
    var format: BuildFormat?

    @Option(name: .customLong("min-count"), help: "Leave out pairs seen in fewer aligned sentence pairs.")
    var minCount = 1

    @Option(help: "How many pairs to write (0: all).")
    var top = 0

    @OptionGroup var reading: ReadingOptions

    @Option(
      help:
        "The alignment of SOURCE and TARGET (entente align --format jsonl, perhaps corrected by hand); with one document pair only."
    )
    var alignment: String?

    @OptionGroup var lexiconOptions: LexiconOptions

    @OptionGroup var outputOptions: OutputOptions

    enum BuildFormat: String, ExpressibleByArgument { case tsv, json, tbx, csv }

    func validate() throws {
      if pairs == nil && !(1...2).contains(files.count) {
        throw ValidationError("give SOURCE TARGET, one TMX or XLIFF file, or --pairs LIST")
      }
      if pairs != nil && !files.isEmpty {
        throw ValidationError("give either files or --pairs LIST, not both")
      }
      if alignment != nil && (pairs != nil || files.count != 2) {
        throw ValidationError("--alignment goes with one document pair: SOURCE TARGET")
      }
      if merge == nil && format == .csv {
        throw ValidationError("csv is a glossary format: use it with --merge")
      }
    }

    /// One entry of the work: a document pair or a bilingual file, and where a `--pairs` list
    /// names it ("LIST:line").
    enum Input {
      case documents(source: String, target: String, listed: String?)
      case bilingual(String, listed: String?)
    }

    func run() throws {
      let inputs =
        try pairs.map(Self.readPairList) ?? [
          files.count == 2
            ? .documents(source: files[0], target: files[1], listed: nil) : .bilingual(files[0], listed: nil)
        ]
      let progress = Progress(quiet: outputOptions.quiet, command: "glossary build")
      defer { progress.done() }
      // Everything is read and checked before the long work starts; the percentage counts the
      // files read, by size.
      let readingProgress = progress.phase("reading")
      let shares = readingShares(
        inputs.flatMap { input -> [String] in
          switch input {
          case .documents(let source, let target, _): [source, target]
          case .bilingual(let path, _): [path]
          }
        })
      var filesRead = 0
      /// Reports one more file read.
      func fileRead() {
        readingProgress?(shares[filesRead])
        filesRead += 1
      }
      let reader = try reading.reader()
      var documents: [(source: Document, target: Document)] = []
      var bilingual: [(path: String, file: BilingualFile)] = []
      for input in inputs {
        do {
          switch input {
          case .documents(let source, let target, _):
            let pair = (source: try readSource(source), target: try readSource(target))
            try refuseSameLanguage(
              source: (source, pair.source.text), target: (target, pair.target.text), sourceLang: sourceLang,
              targetLang: targetLang)
            let sourceDocument = try reader.document(pair.source, language: sourceLang)
            fileRead()
            documents.append((sourceDocument, try reader.document(pair.target, language: targetLang)))
            fileRead()
          case .bilingual(let path, _):
            let file = try readBilingualFile(path, targetLanguage: targetLang)
            fileRead()
            // The file names its languages: they must be the ones asked for.
            for (side, found, asked, option) in [
              ("source", file.sourceLanguage, sourceLang, "--source-lang"),
              ("target", file.targetLanguage, targetLang, "--target-lang"),
            ] where LanguageTag.language(of: found) != LanguageTag.language(of: asked) {
              throw EntenteCLIError(
                "\(path): error: the file's \(side) language is \(found), not \(asked) (use \(option) \(found))"
              )
            }
            bilingual.append((path, file))
          }
        } catch var error as EntenteCLIError {
          // A file named in a --pairs list: say where the list names it.
          if let listed = input.listed { error.description += " (listed at \(listed):1)" }
          throw error
        }
      }
      let existing = try merge.map(GlossaryCommand.load)
      var builder = GlossaryBuilder(sourceLanguage: sourceLang, targetLanguage: targetLang)
      builder.minimumCount = max(1, minCount)
      var sourceWords = Set<String>()
      var targetWords = Set<String>()
      for document in documents {
        sourceWords.formUnion(BilingualLexicon.vocabulary(of: document.source))
        targetWords.formUnion(BilingualLexicon.vocabulary(of: document.target))
      }
      sourceWords.formUnion(
        BilingualLexicon.vocabulary(of: bilingual.flatMap { $0.file.units.map(\.source) }))
      targetWords.formUnion(
        BilingualLexicon.vocabulary(of: bilingual.flatMap { $0.file.units.map(\.target) }))
      builder.alignmentOptions.lexicon = try lexiconOptions.lexicon(
        sourceLanguage: sourceLang, targetLanguage: targetLang, sourceWords: sourceWords,
        targetWords: targetWords)
      let total = documents.count + bilingual.count
      /// The handler of input `k` (of `total`), drawn as `name, overall 57%`: the percentage is
      /// that of all the inputs, each one an equal share.
      func inputProgress(_ k: Int, _ name: String) -> ProgressHandler? {
        let start = Double(k) / Double(total)
        return progressPart(
          progress.phase(name + ", overall", startingAt: start), from: start,
          to: Double(k + 1) / Double(total))
      }
      for (k, document) in documents.enumerated() {
        // Aligning, then counting the candidates: about as long as each other (measured on a
        // 100,000-sentence novel).
        let stages = ProgressStages(
          weights: [alignment == nil ? 1 : 0, 1],
          handler: inputProgress(k, "document pair \(k + 1)/\(total) (\(document.source.name))"))
        let sentences = try alignDocuments(
          of: document.source, document.target, file: alignment, options: builder.alignmentOptions,
          anchor: reading.input == .lines ? ".EOA" : nil, progress: stages.stage(0))
        builder.progress = stages.stage(1)
        try builder.add(source: document.source, target: document.target, alignment: sentences)
      }
      for (k, entry) in bilingual.enumerated() {
        builder.progress = inputProgress(
          documents.count + k, "file \(documents.count + k + 1)/\(total) (\(entry.path))")
        try builder.add(
          segments: entry.file.units.map {
            AlignedSegment(
              source: $0.source, target: $0.target, sourceLocation: "\(entry.path) unit \($0.id)",
              targetLocation: "\(entry.path) unit \($0.id)")
          })
      }
      progress.phase("scoring the pairs", showsPercent: false)
      var pairs = builder.pairs()
      if top > 0 { pairs = Array(pairs.prefix(top)) }
      progress.phase("writing", showsPercent: false)
      if let existing, let merge {
        try writeMerged(pairs, into: existing, path: merge)
        return
      }
      let out = try Output(path: outputOptions.output)
      do {
        switch format ?? .tsv {
        case .tsv, .csv:
          out.write(
            "score\tsource\ttarget\tcount\treasons\texample source\texample target\tsource location\ttarget location\n"
          )
          for pair in pairs {
            let fields = [
              String(format: "%.3f", pair.score), pair.source, pair.target, String(pair.count),
              pair.reasons.joined(separator: "; "), pair.exampleSource, pair.exampleTarget,
              pair.exampleSourceLocation ?? "", pair.exampleTargetLocation ?? "",
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
            description: ["From \(inputs.map(\.description).joined(separator: ", "))."])
          glossary.concepts = pairs.enumerated().map {
            $0.element.concept(
              id: "c\($0.offset + 1)", sourceLanguage: sourceLang, targetLanguage: targetLang)
          }
          out.write(glossary.tbx())
        }
        try out.finish()
      } catch {
        out.abandon()
        throw error
      }
    }

    /// Writes the glossary with the new pairs added, and reports the rest on stderr.
    func writeMerged(_ pairs: [TermPair], into existing: Glossary, path: String) throws {
      let merged = try GlossaryMerge(
        glossary: existing, pairs: pairs, sourceLanguage: sourceLang, targetLanguage: targetLang)
      var added = 0
      var known = 0
      var report: [String] = []
      for (pair, outcome) in merged.outcomes {
        switch outcome {
        case .added: added += 1
        case .known: known += 1
        case .contradicts(let id, let preferred, let status):
          let rendering =
            status.map { "the glossary marks «\(pair.target)» \($0.rawValue)" }
            ?? "the glossary does not have «\(pair.target)»"
          report.append(
            "\(path): warning: «\(pair.source)» ↔ «\(pair.target)» contradicts \(id): \(rendering)"
              + (preferred.map { " (preferred: «\($0)»)" } ?? "") + Self.example(pair))
        case .targetElsewhere(let id, let source):
          report.append(
            "\(path): note: «\(pair.target)» is already in \(id)"
              + (source.map { ", for «\($0)»," } ?? "") + " not for «\(pair.source)»" + Self.example(pair))
        }
      }
      let out = try Output(path: outputOptions.output)
      do {
        let format = GlossaryFormat(rawValue: (self.format ?? .tbx).rawValue)!
        out.write(try merged.glossary.serialized(as: format, tbxStyle: .dca))
        try out.finish()
      } catch {
        out.abandon()
        throw error
      }
      for line in report { writeToStandardError(line + "\n") }
      if !outputOptions.quiet {
        writeToStandardError(
          "\(path): \(added) concepts added, \(known) pairs already there, \(report.count) reported\n")
      }
    }

    static func example(_ pair: TermPair) -> String {
      guard let location = pair.exampleSourceLocation else { return "" }
      return " [\(location)" + (pair.exampleTargetLocation.map { " ↔ \($0)" } ?? "") + "]"
    }

    /// Reads a `--pairs` list; errors name the list, line and column.
    static func readPairList(_ path: String) throws -> [Input] {
      let list = try readSource(path)
      // Paths are relative to the list's folder ("" for the current one, "/" at the root).
      let folder = (path as NSString).deletingLastPathComponent
      func resolved(_ name: String) -> String {
        name.hasPrefix("/") || folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
      }
      var inputs: [Input] = []
      let lines = list.text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      for (number, line) in lines.enumerated() {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
        let tabbed = line.contains("\t")
        let fields =
          tabbed
          ? line.split(separator: "\t", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
          }
          : trimmed.split(separator: " ").map(String.init)
        let listed = "\(list.name):\(number + 1)"
        switch fields.count {
        case 1 where !tabbed: inputs.append(.bilingual(resolved(fields[0]), listed: listed))
        case 2 where fields.allSatisfy({ !$0.isEmpty }):
          inputs.append(.documents(source: resolved(fields[0]), target: resolved(fields[1]), listed: listed))
        default:
          throw EntenteCLIError(
            "\(list.name):\(number + 1):1: error: expected SOURCE and TARGET separated by a tab, or one bilingual file; found \(fields.filter { !$0.isEmpty }.count) fields"
          )
        }
      }
      if inputs.isEmpty { throw EntenteCLIError("\(list.name): error: the list names no document pair") }
      return inputs
    }
  }
}

extension GlossaryCommand.Build.Input: CustomStringConvertible {
  var description: String {
    switch self {
    case .documents(let source, let target, _): "\(source) and \(target)"
    case .bilingual(let path, _): path
    }
  }

  var listed: String? {
    switch self {
    case .documents(_, _, let listed), .bilingual(_, let listed): listed
    }
  }
}

extension GlossaryCommand.Build: InputReadingCommand {
  var inputLimits: InputLimitOptions { outputOptions.limits }
}

extension GlossaryCommand.Build: LanguageOptionsCommand {
  var languageOptions: [(option: String, value: String)] {
    [("--source-lang", sourceLang), ("--target-lang", targetLang)]
  }
}
