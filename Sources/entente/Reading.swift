// Reading texts into documents, the same way for every command that reads text.
import ArgumentParser
import EntenteAlign
import EntenteText
import Foundation

/// How the texts of a pair are cut into sentences.
enum PairInput: String, ExpressibleByArgument, CaseIterable {
  /// Running text, segmented by the rules (with the user's abbreviations and SRX rules).
  case text
  /// One sentence per line (hunalign's and Vecalign's input): no segmentation.
  case lines

  var layout: DocumentLayout { self == .text ? .text : .sentencePerLine }
}

/// The reading options of every command that reads text: `--input`, `--abbreviations`, `--srx`.
struct ReadingOptions: ParsableArguments {
  @Option(
    help:
      "text: segment the texts into sentences (paragraphs apart by blank lines); lines: one sentence per line (a line .EOA is an anchor both sides share)."
  )
  var input: PairInput = .text

  @Option(
    name: .customLong("abbreviations"),
    help: "A file of extra abbreviations for segmenting (one per line; repeatable; both sides).")
  var abbreviationFiles: [String] = []

  @Option(
    name: .customLong("srx"), help: "An SRX 2.0 file whose rules for each side's language decide first.")
  var srxFile: String?

  /// The user's abbreviations, read once.
  func abbreviations() throws -> Abbreviations {
    var extra = Abbreviations()
    for path in abbreviationFiles {
      let source = try readSource(path, allowEmpty: true)
      do {
        try extra.add(parsing: source.text, name: path)
      } catch {
        throw EntenteCLIError(error.description)
      }
    }
    return extra
  }

  /// A reader for documents in `language`s with these options (rule files read once).
  func reader() throws -> DocumentReader {
    DocumentReader(
      layout: input.layout, abbreviations: try abbreviations(),
      srx: try srxFile.map { path in (path, try readSRX(path)) })
  }
}

/// The fraction of the reading done once each of `paths` is read, by their sizes (a file
/// whose size is not known, standard input among them, counts as the average of the others, or 1).
/// - Complexity: one `stat` per path.
func readingShares(_ paths: [String]) -> [Double] {
  let sizes: [Double?] = paths.map { path in
    var info = stat()
    guard path != "-", stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    return Double(max(info.st_size, 1))
  }
  let known = sizes.compactMap { $0 }
  let typical = known.isEmpty ? 1 : known.reduce(0, +) / Double(known.count)
  let total = sizes.reduce(0) { $0 + ($1 ?? typical) }
  var sum = 0.0
  return sizes.map {
    sum += $0 ?? typical
    return sum / total
  }
}

/// Reads files into documents with the user's rules.
struct DocumentReader {
  var layout: DocumentLayout = .text
  var abbreviations = Abbreviations()
  var srx: (path: String, document: SRXDocument)?

  /// The segmenter for `language`, with the user's abbreviations and the SRX rules for it.
  func segmenter(language: String) throws -> SentenceSegmenter {
    let rules: SRXRuleSet?
    do {
      rules = try srx.map { try $0.document.ruleSet(forLanguage: language) }
    } catch {
      throw EntenteCLIError("\(error)")
    }
    do {
      return try SentenceSegmenter(language: language, extraAbbreviations: abbreviations, srx: rules)
    } catch {
      throw EntenteCLIError("error: \(error)")
    }
  }

  /// Reads `path` (or standard input for "-") into a document in `language`.
  func read(_ path: String, language: String) throws -> Document {
    try document(readSource(path), language: language)
  }

  /// Segments and analyses decoded text.
  func document(_ source: SourceText, language: String) throws -> Document {
    let segmenter = layout == .sentencePerLine ? nil : try segmenter(language: language)
    do {
      return try Document(source, language: language, layout: layout, segmenter: segmenter)
    } catch {
      throw EntenteCLIError("\(source.name): error: \(error)")
    }
  }
}

/// Reads an SRX file (its rules are compiled per language when a segmenter is made).
func readSRX(_ path: String) throws -> SRXDocument {
  let source = try readSource(path)
  do {
    return try SRXDocument(data: Data(source.text.utf8), path: path)
  } catch {
    throw EntenteCLIError("\(error)")
  }
}

/// Reads an alignment file (`entente align --format jsonl`, perhaps corrected by hand) and
/// checks it against the two documents; errors name the file's line.
func readAlignment(_ path: String, source: Document, target: Document) throws -> Alignment {
  let file = try readSource(path)
  do {
    return try Alignment(jsonLines: file.text, file: file.name, source: source, target: target)
  } catch {
    throw EntenteCLIError(error.description)
  }
}

/// The dictionaries the aligners use: `--dictionary` files and FreeDict's installed ones.
struct LexiconOptions: ParsableArguments {
  @Option(
    name: .customLong("dictionary"),
    help:
      "A bilingual dictionary: a FreeDict .index (its .dict.dz beside it) or a hunalign .dic (repeatable).")
  var dictionaries: [String] = []

  @Flag(
    name: .customLong("no-freedict"),
    help: "Do not load the FreeDict dictionaries installed in /usr/share/dictd for the pair.")
  var noFreedict = false

  /// FreeDict's installed dictionaries for the pair (unless --no-freedict) and the
  /// --dictionary files, with only the entries whose words occur in `sourceWords` and
  /// `targetWords` when FreeDict's are read.
  func lexicon(
    sourceLanguage: String, targetLanguage: String, sourceWords: Set<String>, targetWords: Set<String>
  ) throws -> BilingualLexicon {
    var lexicon = BilingualLexicon()
    do {
      if !noFreedict {
        lexicon.merge(
          try BilingualLexicon.installedFreeDict(
            source: sourceLanguage, target: targetLanguage, sourceWords: sourceWords, targetWords: targetWords
          ))
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

  /// The lexicon for aligning two documents.
  func lexicon(for source: Document, _ target: Document) throws -> BilingualLexicon {
    try lexicon(
      sourceLanguage: source.language, targetLanguage: target.language,
      sourceWords: BilingualLexicon.vocabulary(of: source),
      targetWords: BilingualLexicon.vocabulary(of: target))
  }
}

/// The alignment of two documents: read from `--alignment FILE` when given (checked against
/// the documents), else computed by the sentence aligner.
func alignDocuments(
  of source: Document, _ target: Document, file: String?, options: EntenteAlign.AlignmentOptions,
  anchor: String? = nil, progress: ProgressHandler? = nil
) throws -> Alignment {
  if let file { return try readAlignment(file, source: source, target: target) }
  do {
    var aligner = SentenceAligner(options: options)
    aligner.progress = progress
    return try aligner.align(source, target, anchor: anchor)
  } catch {
    throw EntenteCLIError("\(source.name), \(target.name): error: \(error)")
  }
}
