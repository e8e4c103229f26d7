// The fuzz targets: one entry per reader, shared by libFuzzer, the replay mode and the tests.
import EntenteAlign
import EntenteTerms
import EntenteText
import Foundation

/// A reader of untrusted input, run on arbitrary bytes by `entente-fuzz` (libFuzzer, or the
/// replay of files) and by the regression test that replays the kept corpus.
///
/// A target throws nothing and returns what became of the input: bad input must end in an
/// error (whose description is built, so that the code placing the error runs too), never in a
/// trap, a hang or unbounded memory. Invariants that hold for any input (sentence ranges inside
/// the text and in order; a glossary read back from what Entente writes) are checked with
/// `precondition`, so that libFuzzer reports their failure as a crash.
public enum FuzzTarget: String, CaseIterable, Sendable {
  /// `SourceText(decoding:name:)`: UTF-8 (with or without a BOM) and UTF-16 with a BOM.
  case decode
  /// `SentenceSegmenter` and `WordAnalyser`: the first byte picks the language (`fr`, `en`,
  /// `de`) and the mode (text or lines); the rest is the text.
  case segment
  /// `SRXDocument(data:path:)`, then the rules for `fr` on a text: the bytes before the first
  /// NUL are the SRX document, the bytes after it the text.
  case srx
  /// `TBXReader.read(_:file:)`; a glossary read is written as TBX and read back.
  case tbx
  /// `BilingualFile.read(_:file:targetLanguage:)` (TMX seeds).
  case tmx
  /// `BilingualFile.read(_:file:targetLanguage:)` (XLIFF 1.2 and 2.x seeds).
  case xliff
  /// `GlossaryCSV.read(_:separator:file:)` with `,`, then (if refused) with a tab, after decoding.
  case csv
  /// `Glossary.readJSON(_:file:)`; a glossary read is written as JSON and read back.
  case json
  /// `BilingualLexicon.freeDict`: the first two bytes (little-endian) give the length n of the
  /// index, the next n bytes are the index and the rest is the dictionary (dictzip, gzip or plain).
  case dictzip

  /// What became of one input.
  public enum Outcome: Sendable, Equatable {
    /// The input was read.
    case accepted
    /// The input was refused with this message.
    case refused(String)
  }

  /// Runs the target on `bytes`.
  /// - Complexity: that of the reader; every reader is meant to be near-linear in its input.
  public func run(_ bytes: [UInt8]) -> Outcome {
    do {
      switch self {
      case .decode: try Self.decode(bytes)
      case .segment: try Self.segment(bytes)
      case .srx: try Self.srx(bytes)
      case .tbx: try Self.tbx(bytes)
      case .tmx, .xliff: try Self.bilingual(bytes)
      case .csv: try Self.csv(bytes)
      case .json: try Self.json(bytes)
      case .dictzip: try Self.dictzip(bytes)
      }
      return .accepted
    } catch {
      return .refused(String(describing: error))
    }
  }

  private static func decode(_ bytes: [UInt8]) throws {
    let source = try SourceText(decoding: bytes, name: "fuzz.txt", allowEmpty: true)
    // The position of the last byte, as error messages compute positions.
    let index = LineIndex(source.text)
    let (line, column) = index.location(of: source.text.utf8.count)
    precondition(line >= 1 && column >= 1, "a position before the start of the text")
  }

  /// One segmenter and one word analyser per language, made once: they are costly to open.
  nonisolated(unsafe) private static var segmenters: [String: (SentenceSegmenter, WordAnalyser)] = [:]

  private static func tools(for language: String) throws -> (SentenceSegmenter, WordAnalyser) {
    if let tools = segmenters[language] { return tools }
    let tools = (try SentenceSegmenter(language: language), try WordAnalyser(language: language))
    segmenters[language] = tools
    return tools
  }

  private static func segment(_ bytes: [UInt8]) throws {
    let control = bytes.first ?? 0
    let language = ["fr", "en", "de"][Int(control % 3)]
    let mode: InputMode = control & 0x04 == 0 ? .text : .lines
    let body = Array(bytes.dropFirst())
    let (segmenter, analyser) = try tools(for: language)
    let text: String
    let sentences: [Sentence]
    do {
      sentences = try segmenter.sentences(inUTF8: body, mode: mode)
      text = String(decoding: body, as: UTF8.self)
    } catch {
      // Ill-formed UTF-8 is refused by the bytes entry; the string entry gets it repaired.
      text = String(decoding: body, as: UTF8.self)
      sentences = try segmenter.sentences(in: text, mode: mode)
    }
    checkRanges(sentences.map(\.range), in: text, what: "sentence")
    checkRanges(paragraphs(of: text, mode: mode).map(\.range), in: text, what: "paragraph")
    for sentence in sentences {
      let words = try analyser.words(in: text.slice(utf8: sentence.range), offset: sentence.range.lowerBound)
      checkRanges(words.map(\.range), in: text, what: "word")
    }
  }

  /// Ranges are non-empty, inside the text, in order and apart.
  private static func checkRanges(_ ranges: [Range<Int>], in text: String, what: String) {
    var end = 0
    for range in ranges {
      precondition(
        range.lowerBound >= end && range.upperBound <= text.utf8.count && !range.isEmpty,
        "\(what) range \(range) out of order, empty or outside a text of \(text.utf8.count) bytes")
      end = range.upperBound
    }
  }

  private static func srx(_ bytes: [UInt8]) throws {
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let document = try SRXDocument(data: Data(bytes[..<split]), path: "fuzz.srx")
    let rules = try document.ruleSet(forLanguage: "fr")
    let text = String(decoding: bytes[min(split + 1, bytes.endIndex)...], as: UTF8.self)
    let utf8 = Array(text.utf8)
    for decision in try rules.decisions(in: utf8, name: "fuzz.txt") {
      precondition(decision.offset > 0 && decision.offset < utf8.count, "a decision outside the text")
    }
    let sentences = try SentenceSegmenter(language: "fr", srx: rules).sentences(in: text)
    checkRanges(sentences.map(\.range), in: text, what: "sentence")
  }

  private static func tbx(_ bytes: [UInt8]) throws {
    let glossary = try TBXReader.read(Data(bytes), file: "fuzz.tbx")
    let written = glossary.tbx()
    do {
      _ = try TBXReader.read(Data(written.utf8), file: "written.tbx")
    } catch {
      preconditionFailure("a TBX file Entente wrote is refused: \(error)\n\(written)")
    }
  }

  private static func bilingual(_ bytes: [UInt8]) throws {
    let file = try BilingualFile.read(bytes, file: "fuzz.xml")
    for unit in file.units {
      precondition(unit.targetLine >= 1 && unit.targetColumn >= 1, "a unit placed before the file")
    }
  }

  private static func csv(_ bytes: [UInt8]) throws {
    let text = try SourceText(decoding: bytes, name: "fuzz.csv").text
    var refusal: (any Error)?
    for separator: Character in [",", "\t"] {
      do {
        _ = try GlossaryCSV.read(text, separator: separator, file: "fuzz.csv")
        refusal = nil
        break
      } catch {
        refusal = refusal ?? error
      }
    }
    if let refusal { throw refusal }
  }

  private static func json(_ bytes: [UInt8]) throws {
    let glossary = try Glossary.readJSON(bytes, file: "fuzz.json")
    let written = try glossary.json()
    do {
      _ = try Glossary.readJSON(Array(written.utf8), file: "written.json")
    } catch {
      preconditionFailure("a JSON glossary Entente wrote is refused: \(error)\n\(written)")
    }
  }

  private static func dictzip(_ bytes: [UInt8]) throws {
    guard bytes.count >= 2 else { return }
    let indexLength = min(Int(bytes[0]) | Int(bytes[1]) << 8, bytes.count - 2)
    let index = Array(bytes[2..<(2 + indexLength)])
    let dictionary = Array(bytes[(2 + indexLength)...])
    _ = try BilingualLexicon.freeDict(
      indexBytes: index, index: "fuzz.index", dictionaryBytes: dictionary, dictionary: "fuzz.dict.dz")
  }
}
