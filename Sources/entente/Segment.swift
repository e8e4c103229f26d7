import ArgumentParser
import EntenteText
import Foundation

struct Segment: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Split a text into sentences (ICU sentence break plus French and English rules).",
    discussion: """
      Prints one sentence per line (line breaks inside a sentence become spaces), or JSON lines \
      with the text, its UTF-8 byte range in the input, its paragraph and its line:column.
      """
  )

  @Argument(help: "The text file, or - for standard input (UTF-8, or UTF-16 with a BOM).")
  var file: String

  @Option(help: "Language of the text: fr, en, or another ICU locale (generic rules).")
  var lang: String

  @Option(help: "text: paragraphs separated by blank lines; lines: one paragraph per line.")
  var input: InputMode = .text

  @Option(help: "lines: one sentence per line; jsonl: one JSON object per sentence.")
  var format: SegmentFormat = .lines

  @Option(
    name: .customLong("abbreviations"), help: "A file of extra abbreviations (one per line; repeatable).")
  var abbreviationFiles: [String] = []

  @Option(name: .customLong("srx"), help: "An SRX 2.0 file whose rules for --lang decide first.")
  var srxFile: String?

  @OptionGroup var outputOptions: OutputOptions

  func run() throws {
    let progress = Progress(quiet: outputOptions.quiet)
    progress.report("reading \(file)")
    let source = try readSource(file)
    var extra = Abbreviations()
    for path in abbreviationFiles {
      let abbreviationSource = try readSource(path, allowEmpty: true)
      do {
        try extra.add(parsing: abbreviationSource.text, name: path)
      } catch {
        throw EntenteCLIError(error.description)
      }
    }
    let srx = try srxFile.map { path in try loadSRX(path, language: lang) }
    progress.report("segmenting \(source.name)")
    let segmenter: SentenceSegmenter
    let sentences: [Sentence]
    do {
      segmenter = try SentenceSegmenter(language: lang, extraAbbreviations: extra, srx: srx)
      sentences = try segmenter.sentences(in: source.text, mode: input)
    } catch {
      throw EntenteCLIError("\(source.name): error: \(error)")
    }
    progress.report("writing \(sentences.count) sentences")
    let out = try Output(path: outputOptions.output)
    do {
      try write(sentences, of: source, to: out)
      try out.finish()
    } catch {
      out.abandon()
      throw error
    }
    progress.done()
  }

  private func write(_ sentences: [Sentence], of source: SourceText, to out: Output) throws {
    let text = source.text
    switch format {
    case .lines:
      var copy = text
      copy.withUTF8 { bytes in
        var line: [UInt8] = []
        for sentence in sentences {
          // Line breaks inside a sentence become spaces (CRLF: one space).
          line.removeAll(keepingCapacity: true)
          var k = sentence.range.lowerBound
          while k < sentence.range.upperBound {
            let b = bytes[k]
            if b == 0x0D && k + 1 < sentence.range.upperBound && bytes[k + 1] == 0x0A {
              k += 1
              continue
            }
            line.append(b == 0x0A || b == 0x0D ? 0x20 : b)
            k += 1
          }
          line.append(0x0A)
          out.write(bytes: line)
        }
      }
    case .jsonl:
      let index = LineIndex(text)
      var cursor = LineIndex.Cursor()
      let encoder = JSONLinesEncoder()
      for sentence in sentences {
        let (line, column) = index.location(of: sentence.range.lowerBound, from: &cursor)
        out.write(
          try encoder.line(
            SentenceRecord(
              text: text.slice(utf8: sentence.range), start: sentence.range.lowerBound,
              end: sentence.range.upperBound, paragraph: sentence.paragraph, line: line, column: column)))
      }
    }
  }
}

enum SegmentFormat: String, ExpressibleByArgument, CaseIterable {
  case lines, jsonl
}

extension InputMode: ExpressibleByArgument {}

/// Reads and compiles the SRX rules of `path` for `language`.
func loadSRX(_ path: String, language: String) throws -> SRXRuleSet {
  let source = try readSource(path)
  do {
    let document = try SRXDocument(data: Data(source.text.utf8), path: path)
    return try document.ruleSet(forLanguage: language)
  } catch {
    throw EntenteCLIError("\(error)")
  }
}

extension Segment: InputReadingCommand {
  var inputLimits: InputLimitOptions { outputOptions.limits }
}

extension Segment: LanguageOptionsCommand {
  var languageOptions: [(option: String, value: String)] { [("--lang", lang)] }
}
