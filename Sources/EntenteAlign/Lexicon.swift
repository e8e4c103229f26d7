// Bilingual lexicons for alignment: FreeDict dictionaries as Debian installs them (dictd's
// .index and .dict.dz) and hunalign's .dic files. Glossaries will plug in through `add`.
internal import CZlibShim
import EntenteText
import Foundation

/// Word translations from a source language to a target language, on matching keys.
///
/// Only one-word entries count for alignment (a word on each side); phrases are kept out.
public struct BilingualLexicon: Sendable, Hashable {
  /// Target keys by source key.
  public private(set) var translations: [String: Set<String>] = [:]

  public init() {}

  /// Number of source words with a translation.
  public var count: Int { translations.count }
  public var isEmpty: Bool { translations.isEmpty }

  /// Adds a translation pair (any text: it is reduced to matching keys; phrases are skipped).
  public mutating func add(source: String, target: String) {
    guard let s = Self.singleWordKey(source), let t = Self.singleWordKey(target) else { return }
    translations[s, default: []].insert(t)
  }

  /// Adds every pair of `other`.
  public mutating func merge(_ other: BilingualLexicon) {
    for (source, targets) in other.translations { translations[source, default: []].formUnion(targets) }
  }

  /// The same pairs the other way round.
  public func reversed() -> BilingualLexicon {
    var result = BilingualLexicon()
    for (source, targets) in translations {
      for target in targets { result.translations[target, default: []].insert(source) }
    }
    return result
  }

  /// The matching key of a one-word text (articles and "to " of English verbs dropped), or nil.
  static func singleWordKey(_ text: String) -> String? {
    if let key = asciiSingleWordKey(text.utf8) { return key }
    var word = trimmedSpaces(Substring(text))
    let head = word.prefix(6).lowercased()
    for prefix in articlePrefixes where head.hasPrefix(prefix) && word.count > prefix.count + 1 {
      word = word.dropFirst(prefix.count)
      break
    }
    // Phrases are left out before any key is made.
    guard !word.isEmpty, !word.contains(where: { $0 == " " }) else { return nil }
    // ASCII words: the key is the lowercase word (what MatchingKey gives), without a call to ICU.
    if word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A || $0 >= 0x41 && $0 <= 0x5A || $0 == 0x2D }) {
      return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }
    guard let key = try? MatchingKey(String(word)).key else { return nil }
    guard key.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "-" }) else { return nil }
    return key
  }

  /// `singleWordKey` for ASCII text, on bytes: nil when the text is not ASCII, `.some(nil)` when
  /// it is ASCII but not one word. Dictionary loading calls it for every headword.
  static func asciiSingleWordKey<Bytes: BidirectionalCollection>(_ text: Bytes) -> String??
  where Bytes.Element == UInt8 {
    guard text.allSatisfy({ $0 < 0x80 }) else { return nil }
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
    var lowered = text.drop(while: isSpace).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    while let last = lowered.last, isSpace(last) { lowered.removeLast() }
    for prefix in asciiArticlePrefixes where lowered.count > prefix.count + 1 && lowered.starts(with: prefix)
    {
      lowered.removeFirst(prefix.count)
      break
    }
    guard !lowered.isEmpty, lowered.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A || $0 == 0x2D }) else {
      return .some(nil)
    }
    return .some(String(decoding: lowered, as: UTF8.self))
  }

  static let asciiArticlePrefixes = articlePrefixes.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map {
    Array($0.utf8)
  }

  /// `text` without spaces and tabs at either end (no Foundation: this runs per entry).
  static func trimmedSpaces(_ text: Substring) -> Substring {
    let start = text.firstIndex { $0 != " " && $0 != "\t" && $0 != "\r" } ?? text.endIndex
    let end = text.lastIndex { $0 != " " && $0 != "\t" && $0 != "\r" }.map { text.index(after: $0) } ?? start
    return start < end ? text[start..<end] : ""
  }

  static let articlePrefixes = [
    "to ", "the ", "a ", "an ", "le ", "la ", "les ", "l'", "l’", "un ", "une ", "der ", "die ", "das ",
    "ein ",
    "eine ",
  ]

  // MARK: FreeDict (dictd)

  /// Reads a FreeDict dictionary in dictd's format: `index` (headword, base64 offset, base64
  /// length per line) and `dictionary` (`.dict.dz`, gzip/dictzip, read with zlib; or `.dict`).
  /// An entry's first line is the headword with its pronunciation; the next lines hold
  /// translations, numbered or not, separated by `,` or `;`.
  /// - Parameter reversed: read a target→source dictionary (fra-eng for English→French).
  /// - Throws: `AlignmentError` naming the file and line of a malformed index line, or a corrupt
  ///   dictionary.
  /// - Parameter headwords: when given, only entries whose headword's key is in this set are
  ///   read (the words of the texts at hand): loading is then much faster.
  /// - Complexity: O(i + e) for an index of i bytes and e bytes of the entries read (only the
  ///   dictzip chunks holding them are inflated).
  public static func freeDict(
    index: String, dictionary: String, reversed: Bool = false, headwords: Set<String>? = nil
  ) throws(AlignmentError) -> BilingualLexicon {
    let indexText: String
    do {
      indexText = try SourceText(contentsOfFile: index).text
    } catch {
      throw .unreadableDictionary(file: index, cause: error)
    }
    let body = try DictionaryBody(path: dictionary)
    return try freeDict(
      indexText: indexText, index: index, body: body, reversed: reversed, headwords: headwords)
  }

  /// Reads a FreeDict dictionary from bytes as `freeDict(index:dictionary:reversed:headwords:)`
  /// reads its files; `index` and `dictionary` name them in errors. For the fuzz targets.
  /// - Throws: `AlignmentError` as `freeDict(index:dictionary:reversed:headwords:)`.
  /// - Complexity: that of `freeDict(index:dictionary:reversed:headwords:)`.
  package static func freeDict(
    indexBytes: [UInt8], index: String, dictionaryBytes: [UInt8], dictionary: String,
    reversed: Bool = false, headwords: Set<String>? = nil
  ) throws(AlignmentError) -> BilingualLexicon {
    let indexText: String
    do {
      indexText = try SourceText(decoding: indexBytes, name: index).text
    } catch {
      throw .unreadableDictionary(file: index, cause: error)
    }
    let body = try DictionaryBody(bytes: dictionaryBytes, path: dictionary)
    return try freeDict(
      indexText: indexText, index: index, body: body, reversed: reversed, headwords: headwords)
  }

  /// The entries of the decoded index `indexText` read from `body`.
  private static func freeDict(
    indexText: String, index: String, body: DictionaryBody, reversed: Bool, headwords: Set<String>?
  ) throws(AlignmentError) -> BilingualLexicon {
    let dictionary = body.path
    var lexicon = BilingualLexicon()
    var lineNumber = 0
    // The index is read on bytes: it has a line per headword, and most are skipped.
    for line in indexText.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.isEmpty { continue }
      let fields = line.split(separator: 0x09, maxSplits: 3, omittingEmptySubsequences: false)
      guard fields.count >= 3, let offset = base64Number(fields[1]), let length = base64Number(fields[2])
      else {
        throw .malformedIndex(file: index, line: lineNumber, text: String(String(Substring(line)).prefix(60)))
      }
      let headwordBytes = fields[0]
      if headwordBytes.starts(with: "00database".utf8) || headwordBytes.starts(with: "00-database".utf8) {
        continue
      }
      if let headwords {
        let key = asciiSingleWordKey(headwordBytes) ?? singleWordKey(String(Substring(headwordBytes)))
        guard let key, headwords.contains(key) else { continue }
      }
      guard offset >= 0, length >= 0, offset + length <= body.count else {
        throw .entryOutOfRange(file: index, line: lineNumber, dictionary: dictionary)
      }
      let headword = String(Substring(headwordBytes))
      let entry = String(decoding: try body.bytes(offset..<(offset + length)), as: UTF8.self)
      for translation in translationsOfEntry(entry) {
        if reversed {
          lexicon.add(source: translation, target: headword)
        } else {
          lexicon.add(source: headword, target: translation)
        }
      }
    }
    return lexicon
  }

  /// The translations of one dictd entry (its lines after the headword line).
  static func translationsOfEntry(_ entry: String) -> [String] {
    var result: [String] = []
    for line in entry.split(separator: "\n").dropFirst() {
      var text = String(trimmedSpaces(line))
      // "1. mégère, peau de vache" → "mégère, peau de vache".
      if let dot = text.firstIndex(of: "."), text[..<dot].allSatisfy(\.isNumber), !text[..<dot].isEmpty {
        text = String(text[text.index(after: dot)...])
      }
      // Notes in <...> or (...) are not translations.
      var kept = ""
      var depth = 0
      for character in text {
        if character == "<" || character == "(" {
          depth += 1
        } else if character == ">" || character == ")" {
          depth = max(0, depth - 1)
        } else if depth == 0 {
          kept.append(character)
        }
      }
      text = kept
      for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }) {
        let candidate = trimmedSpaces(part)
        if !candidate.isEmpty { result.append(String(candidate)) }
      }
    }
    return result
  }

  /// A number in dictd's base64 digits (A–Z a–z 0–9 + /).
  static func base64Number(_ text: Substring.UTF8View) -> Int? {
    var value = 0
    for byte in text {
      let digit: Int
      switch byte {
      case 0x41...0x5A: digit = Int(byte) - 0x41
      case 0x61...0x7A: digit = Int(byte) - 0x61 + 26
      case 0x30...0x39: digit = Int(byte) - 0x30 + 52
      case 0x2B: digit = 62
      case 0x2F: digit = 63
      default: return nil
      }
      value = value * 64 + digit
      if value > Int(Int32.max) { return nil }
    }
    return text.isEmpty ? nil : value
  }

  /// The FreeDict dictionaries Debian installs for a language pair (dictd's data folder), both
  /// directions: `freedict-eng-fra` read forwards and `freedict-fra-eng` reversed. Missing ones
  /// are skipped; an empty lexicon when none is installed.
  /// - Throws: `AlignmentError` when an installed dictionary is corrupt.
  /// - Complexity: that of `freeDict(index:dictionary:reversed:headwords:)` for each direction,
  ///   both read at the same time.
  public static func installedFreeDict(
    source: String, target: String, folder: String = "/usr/share/dictd",
    sourceWords: Set<String>? = nil, targetWords: Set<String>? = nil
  ) throws(AlignmentError) -> BilingualLexicon {
    guard let s = iso639_3[LanguageTag.language(of: source)],
      let t = iso639_3[LanguageTag.language(of: target)]
    else { return BilingualLexicon() }
    // The two directions are read at the same time.
    let directions = [("freedict-\(s)-\(t)", false), ("freedict-\(t)-\(s)", true)]
    let results = ResultSlots<BilingualLexicon, AlignmentError>(count: directions.count)
    DispatchQueue.concurrentPerform(iterations: directions.count) { k in
      let (name, reversed) = directions[k]
      let index = "\(folder)/\(name).index"
      guard FileManager.default.fileExists(atPath: index) else { return }
      let dictionary =
        FileManager.default.fileExists(atPath: "\(folder)/\(name).dict.dz")
        ? "\(folder)/\(name).dict.dz" : "\(folder)/\(name).dict"
      results.set(
        k,
        Result { () throws(AlignmentError) in
          try freeDict(
            index: index, dictionary: dictionary, reversed: reversed,
            headwords: reversed ? targetWords : sourceWords)
        })
    }
    var lexicon = BilingualLexicon()
    for result in results.values { lexicon.merge(try result.get()) }
    return lexicon
  }

  /// The matching keys of the words of `sentences`, to load only the dictionary entries a text
  /// can use.
  public static func vocabulary(of sentences: [String]) -> Set<String> {
    guard let document = try? Document(sentences: sentences, language: "und") else { return [] }
    return vocabulary(of: document)
  }

  /// The words of a document as the aligner compares them (`alignmentTokens`), to load only
  /// the dictionary entries it can use.
  /// - Complexity: O(n).
  public static func vocabulary(of document: Document) -> Set<String> {
    Set(alignmentTokens(of: document.words, in: document.text))
  }

  static let iso639_3 = [
    "en": "eng", "fr": "fra", "de": "deu", "es": "spa", "it": "ita", "nl": "nld", "pt": "por",
  ]

  // MARK: hunalign

  /// Reads a hunalign dictionary: one pair per line, `target phrase @ source phrase`.
  /// - Throws: `AlignmentError` naming the file and line of a line without ` @ `.
  /// - Complexity: O(n) in the size of the file.
  public static func hunalign(_ path: String) throws(AlignmentError) -> BilingualLexicon {
    let text: String
    do {
      text = try SourceText(contentsOfFile: path).text
    } catch {
      throw .unreadableDictionary(file: path, cause: error)
    }
    var lexicon = BilingualLexicon()
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { continue }
      guard let at = trimmed.range(of: " @ ") else {
        throw .malformedHunalignLine(file: path, line: lineNumber, text: String(trimmed.prefix(60)))
      }
      lexicon.add(source: String(trimmed[at.upperBound...]), target: String(trimmed[..<at.lowerBound]))
    }
    return lexicon
  }
}

/// The text of a dictd dictionary: a plain `.dict`, a gzip `.dict.dz` (inflated whole), or a
/// dictzip `.dict.dz` (gzip whose header lists independently compressed chunks, as dictd reads
/// it): then only the chunks holding the entries asked for are inflated.
final class DictionaryBody {
  let path: String
  /// Uncompressed length.
  let count: Int
  private var whole: [UInt8]?
  private let compressed: [UInt8]
  private var chunkLength = 0
  private var chunkStarts: [Int] = []
  private var chunks: [Int: [UInt8]] = [:]

  convenience init(path: String) throws(AlignmentError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadableDictionary(file: path, cause: nil)
    }
    try self.init(bytes: [UInt8](data), path: path)
  }

  /// The dictionary in `bytes` (dictzip, plain gzip or uncompressed); `path` names it in errors.
  init(bytes: [UInt8], path: String) throws(AlignmentError) {
    self.path = path
    compressed = bytes
    guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else {
      whole = bytes
      count = bytes.count
      return
    }
    if bytes.count >= 18, let (length, starts) = Self.dictzipChunks(bytes) {
      chunkLength = length
      chunkStarts = starts
      // ISIZE, the last four bytes: the uncompressed length modulo 2³².
      let isize = bytes[(bytes.count - 4)...].reversed().reduce(0) { $0 << 8 | Int($1) }
      count = max(isize, (starts.count - 2) * length)
    } else {
      let inflated = try Self.gunzip(bytes, path: path)
      whole = inflated
      count = inflated.count
    }
  }

  /// The bytes in `range` of the uncompressed text.
  func bytes(_ range: Range<Int>) throws(AlignmentError) -> [UInt8] {
    if let whole { return Array(whole[range]) }
    var result: [UInt8] = []
    result.reserveCapacity(range.count)
    var position = range.lowerBound
    while position < range.upperBound {
      let k = position / chunkLength
      let chunk = try self.chunk(k)
      let start = position - k * chunkLength
      let end = min(chunk.count, range.upperBound - k * chunkLength)
      guard start < end else {
        throw .corruptDictionary(
          file: path, offset: chunkStarts[min(k, chunkStarts.count - 1)], zlibStatus: -3)
      }
      result += chunk[start..<end]
      position += end - start
    }
    return result
  }

  private func chunk(_ k: Int) throws(AlignmentError) -> [UInt8] {
    if let chunk = chunks[k] { return chunk }
    guard k + 1 < chunkStarts.count else {
      throw .corruptDictionary(file: path, offset: compressed.count, zlibStatus: -3)
    }
    var output = [UInt8](repeating: 0, count: chunkLength)
    var produced: Int64 = 0
    let start = chunkStarts[k]
    let end = chunkStarts[k + 1]
    let status = compressed.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        ent_inflate_raw(
          input.baseAddress! + start, Int64(end - start), out.baseAddress, Int64(out.count), &produced)
      }
    }
    // Every chunk but the last inflates to the full chunk length.
    guard status == 0, k + 2 == chunkStarts.count || Int(produced) == chunkLength else {
      throw .corruptDictionary(file: path, offset: start, zlibStatus: Int(status == 0 ? -3 : status))
    }
    output.removeLast(output.count - Int(produced))
    chunks[k] = output
    return output
  }

  /// dictzip's chunk table (the `RA` subfield of the gzip header's extra field): the chunk
  /// length and the offsets of the chunks in the file (one more than the chunks); nil for a
  /// plain gzip file or a table that does not fit the file.
  static func dictzipChunks(_ bytes: [UInt8]) -> (Int, [Int])? {
    let flags = bytes[3]
    guard flags & 0x04 != 0 else { return nil }
    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    let extraLength = u16(10)
    var position = 12
    let extraEnd = 12 + extraLength
    guard extraEnd <= bytes.count else { return nil }
    var table: (Int, [Int])?
    while position + 4 <= extraEnd {
      let length = u16(position + 2)
      let data = position + 4
      guard data + length <= extraEnd else { return nil }
      if bytes[position] == 0x52, bytes[position + 1] == 0x41, length >= 6, u16(data) == 1 {
        let chunkLength = u16(data + 2)
        let chunkCount = u16(data + 4)
        guard chunkLength > 0, length >= 6 + 2 * chunkCount else { return nil }
        table = (chunkLength, (0..<chunkCount).map { u16(data + 6 + 2 * $0) })
      }
      position = data + length
    }
    guard let (chunkLength, sizes) = table else { return nil }
    // Past the extra field: file name, comment, header CRC.
    position = extraEnd
    if flags & 0x08 != 0 {
      while position < bytes.count && bytes[position] != 0 { position += 1 }
      position += 1
    }
    if flags & 0x10 != 0 {
      while position < bytes.count && bytes[position] != 0 { position += 1 }
      position += 1
    }
    if flags & 0x02 != 0 { position += 2 }
    var starts = [position]
    for size in sizes { starts.append(starts.last! + size) }
    guard starts.last! <= bytes.count else { return nil }
    return (chunkLength, starts)
  }

  /// A whole gzip file inflated.
  static func gunzip(_ bytes: [UInt8], path: String) throws(AlignmentError) -> [UInt8] {
    var out: UnsafeMutablePointer<UInt8>?
    var length: Int64 = 0
    var errorOffset: Int64 = 0
    let limit = InputLimits.maximumInflatedSize
    let status = bytes.withUnsafeBufferPointer {
      ent_gunzip($0.baseAddress, Int64($0.count), Int64(limit), &out, &length, &errorOffset)
    }
    if status == ENT_ZLIB_TOO_LARGE {
      throw .unreadableDictionary(file: path, cause: .tooLarge(file: path, limit: limit))
    }
    guard status == 0, let out else {
      throw .corruptDictionary(file: path, offset: Int(errorOffset), zlibStatus: Int(status))
    }
    defer { ent_zlib_free(out) }
    return Array(UnsafeBufferPointer(start: out, count: Int(length)))
  }
}
