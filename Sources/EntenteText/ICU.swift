// Swift face of the ICU shim. Nothing from C is public: handles have one owner (a private
// final class that also keeps the bytes ICU reads), results are copied into Swift values.
internal import CICUShim

/// Facts about the ICU library Entente runs on.
public enum ICU {
  /// The system ICU's version, e.g. "72.1". Calls `u_getVersion`.
  public static var version: String {
    var buffer = [CChar](repeating: 0, count: 32)
    ent_icu_version(&buffer, 32)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

// MARK: - Break iteration

/// The kinds of ICU break iterator.
public enum BreakKind: Int32, Sendable, Hashable {
  case character = 0
  case word = 1
  case line = 2
  case sentence = 3
}

/// One ICU break iterator over UTF-8 bytes it keeps alive; boundaries are UTF-8 byte offsets.
final class BreakIterator {
  private let handle: OpaquePointer
  /// The text ICU reads, owned here so that it outlives every call on the iterator.
  private var owned: UnsafeMutableBufferPointer<UInt8>?
  private var ownedCount = 0

  /// Opens an iterator of `kind` for `locale`. Calls `ubrk_open`.
  init(kind: BreakKind, locale: String) throws(TextError) {
    var status: Int32 = 0
    let handle = ent_break_open(kind.rawValue, locale, &status)
    guard let handle, status <= 0 else {
      throw .icu(code: max(status, 1), operation: "opening the \(kind) break iterator for \(locale)")
    }
    self.handle = handle
  }

  deinit {
    ent_break_close(handle)
    owned?.deallocate()
  }

  /// Sets the text (copied once into a buffer this iterator owns, which ICU reads until the
  /// next call). Calls `utext_openUTF8` and `ubrk_setUText`.
  func setText(_ utf8: [UInt8]) throws(TextError) {
    let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(utf8.count, 1))
    _ = copy.initialize(from: utf8)
    var status: Int32 = 0
    ent_break_set_utf8(handle, copy.baseAddress, Int64(utf8.count), &status)
    owned?.deallocate()
    owned = copy
    ownedCount = utf8.count
    try TextError.checkICU(status, "setting the text of a break iterator")
  }

  /// All boundaries after 0 of UTF-8 `buffer` (valid only during the call), in order, the end
  /// included. Calls `utext_openUTF8`, `ubrk_setUText` and `ubrk_next`.
  /// - Complexity: O(n).
  func boundaries(of buffer: UnsafeBufferPointer<UInt8>) throws(TextError) -> [Int] {
    var status: Int32 = 0
    ent_break_set_utf8(handle, buffer.baseAddress, Int64(buffer.count), &status)
    try TextError.checkICU(status, "setting the text of a break iterator")
    defer {
      // Point ICU at an empty text again: the buffer does not outlive this call.
      try? setText([])
    }
    return boundaries(expectedCount: buffer.count / 64 + 4)
  }

  /// All boundaries after 0, in order (the end of the text included). Calls `ubrk_next`.
  /// - Complexity: O(n) in the length of the text.
  func boundaries(expectedCount: Int? = nil) -> [Int] {
    _ = ent_break_first(handle)
    var result: [Int] = []
    result.reserveCapacity(expectedCount ?? ownedCount / 64 + 4)
    var chunk = [Int64](repeating: 0, count: 1024)
    while true {
      let count = chunk.withUnsafeMutableBufferPointer { ent_break_fill(handle, $0.baseAddress, 1024) }
      for k in 0..<Int(count) { result.append(Int(chunk[k])) }
      if count < 1024 { break }
    }
    return result
  }

  /// Boundaries with their rule status (word iterators: 0 none, 100 number, 200 letter...).
  func boundariesWithStatus() -> [(offset: Int, status: Int32)] {
    _ = ent_break_first(handle)
    var result: [(offset: Int, status: Int32)] = []
    while true {
      let next = ent_break_next(handle)
      if next < 0 { break }
      result.append((Int(next), ent_break_rule_status(handle)))
    }
    return result
  }
}

/// Bare ICU sentence boundaries of UTF-8 text (UTF-8 byte offsets, the end included), as
/// `ubrk_open(UBRK_SENTENCE, locale)` gives them with no rule of Entente's. The benchmark's
/// baseline.
/// - Complexity: O(n).
public func icuSentenceBoundaries(of utf8: [UInt8], locale: String) throws(TextError) -> [Int] {
  let iterator = try BreakIterator(kind: .sentence, locale: locale)
  try iterator.setText(utf8)
  return iterator.boundaries()
}

// MARK: - Normalization

/// Normalization forms and foldings offered by ICU.
public enum NormalizationForm: String, Sendable, Hashable, CaseIterable, Codable {
  case nfc, nfd, nfkc, nfkd
  /// NFKC with full case folding (ICU's NFKC_Casefold).
  case nfkcCasefold
  /// Full default case folding alone (`u_strFoldCase`), no normalization.
  case casefold
  /// Case folding for Turkish and Azeri (dotted and dotless i kept apart).
  case casefoldTurkic

  var shimValue: Int32 {
    switch self {
    case .nfc: 0
    case .nfd: 1
    case .nfkc: 2
    case .nfkd: 3
    case .nfkcCasefold: 4
    case .casefold: 5
    case .casefoldTurkic: 6
    }
  }
}

/// Copies a malloc'd UTF-8 buffer from the shim into a String and frees it.
private func takeString(_ pointer: UnsafeMutablePointer<UInt8>?, _ count: Int64) -> String {
  guard let pointer else { return "" }
  defer { ent_free(pointer) }
  return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(count)), as: UTF8.self)
}

extension String {
  /// This text in `form`. Calls `unorm2_normalize` (or `u_strFoldCase` for `.casefold`).
  /// - Complexity: O(n).
  public func normalized(_ form: NormalizationForm) throws(TextError) -> String {
    var copy = self
    var status: Int32 = 0
    var out: UnsafeMutablePointer<UInt8>?
    var count: Int64 = 0
    copy.withUTF8 { buffer in
      ent_normalize_utf8(form.shimValue, buffer.baseAddress, Int64(buffer.count), &out, &count, &status)
    }
    if status > 0 {
      if let out { ent_free(out) }
      throw .icu(code: status, operation: "normalizing to \(form.rawValue)")
    }
    return takeString(out, count)
  }
}

/// A matching key and the map from its bytes back to the text it was made from.
///
/// The key is NFKC case-folded, accent-folded (marks removed; œ→oe, ß→ss through ICU's
/// Latin-ASCII transliterator), with typographic apostrophes (’ ʼ ‘), quotes (« » “ ” „ ‹ ›),
/// dashes (‐ ‑ – — −) and spaces (U+00A0, U+202F...) unified to `'`, `"`, `-` and space.
/// Later stages (cognates, glossary matching) compare keys and report original ranges.
public struct MatchingKey: Sendable, Hashable {
  /// The key text.
  public let key: String
  /// Chunk starts as (key offset, text offset) pairs in UTF-8 bytes, the two ends last.
  let chunks: [(key: Int, text: Int)]

  public static func == (a: MatchingKey, b: MatchingKey) -> Bool {
    a.key == b.key && a.chunks.elementsEqual(b.chunks) { $0 == $1 }
  }
  public func hash(into hasher: inout Hasher) { hasher.combine(key) }

  /// Makes the key of `text`. Calls the shim's chunked NFKC_Casefold/NFD/Latin-ASCII folding.
  /// - Complexity: O(n).
  public init(_ text: String) throws(TextError) { try self.init(text, keepsMap: true) }

  private init(_ text: String, keepsMap: Bool) throws(TextError) {
    var copy = text
    var status: Int32 = 0
    var out: UnsafeMutablePointer<UInt8>?
    var count: Int64 = 0
    var map: UnsafeMutablePointer<Int64>?
    var mapCount: Int64 = 0
    copy.withUTF8 { buffer in
      ent_key_utf8(buffer.baseAddress, Int64(buffer.count), &out, &count, &map, &mapCount, &status)
    }
    defer { if let map { ent_free(map) } }
    if status > 0 {
      if let out { ent_free(out) }
      throw .icu(code: status, operation: "making a matching key")
    }
    key = takeString(out, count)
    var pairs: [(key: Int, text: Int)] = []
    pairs.reserveCapacity(Int(mapCount))
    if let map, keepsMap {
      for i in 0..<Int(mapCount) { pairs.append((Int(map[2 * i]), Int(map[2 * i + 1]))) }
    }
    chunks = pairs
  }

  /// The key of `text` alone, without the map back to the text (what `entente normalize --form
  /// key` writes). Calls the shim's chunked NFKC_Casefold/NFD/Latin-ASCII folding.
  /// - Complexity: O(n).
  public static func key(of text: String) throws(TextError) -> String {
    try MatchingKey(text, keepsMap: false).key
  }

  /// The range of the original text (UTF-8 bytes) that produced `keyRange` of the key: from
  /// the start of the chunk holding its first byte to the end of the chunk holding its last.
  /// - Complexity: O(log n).
  public func textRange(forKeyRange keyRange: Range<Int>) -> Range<Int> {
    func chunkIndex(containing offset: Int) -> Int {
      // The last chunk whose key start is <= offset (and that is not empty).
      var low = 0
      var high = chunks.count - 1
      while low < high {
        let mid = (low + high + 1) / 2
        if chunks[mid].key <= offset { low = mid } else { high = mid - 1 }
      }
      return low
    }
    guard let last = chunks.last else { return 0..<0 }
    if keyRange.isEmpty {
      let i = chunkIndex(containing: min(keyRange.lowerBound, last.key))
      let start = keyRange.lowerBound >= last.key ? last.text : chunks[i].text
      return start..<start
    }
    let first = chunkIndex(containing: keyRange.lowerBound)
    let end = chunkIndex(containing: keyRange.upperBound - 1)
    return chunks[first].text..<chunks[min(end + 1, chunks.count - 1)].text
  }
}

// MARK: - Transliteration

/// An ICU transliterator (`utrans_openU`), by ID ("Latin-ASCII", "Any-Latin; Latin-ASCII")
/// or from rules. Not thread-safe: use one per task.
public final class Transliterator {
  private let handle: OpaquePointer

  /// Opens the transliterator `id`, or one built from `rules` when given.
  /// - Throws: `TextError.icu` for an unknown ID or a rule syntax error (with its offset).
  public init(id: String, rules: String? = nil) throws(TextError) {
    var status: Int32 = 0
    var offset: Int32 = -1
    var idBytes = Array(id.utf8)
    let handle: OpaquePointer?
    if var ruleBytes = rules.map({ Array($0.utf8) }) {
      handle = idBytes.withUnsafeMutableBufferPointer { i in
        ruleBytes.withUnsafeMutableBufferPointer { r in
          ent_translit_open(i.baseAddress, Int64(i.count), r.baseAddress, Int64(r.count), &offset, &status)
        }
      }
    } else {
      handle = idBytes.withUnsafeMutableBufferPointer { i in
        ent_translit_open(i.baseAddress, Int64(i.count), nil, 0, &offset, &status)
      }
    }
    guard let handle, status <= 0 else {
      throw .icu(
        code: max(status, 1), operation: "opening transliterator \(id)",
        offset: offset >= 0 ? Int(offset) : nil)
    }
    self.handle = handle
  }

  deinit { ent_translit_close(handle) }

  /// `text` transliterated. Calls `utrans_transUChars`.
  public func transliterate(_ text: String) throws(TextError) -> String {
    var copy = text
    var status: Int32 = 0
    var out: UnsafeMutablePointer<UInt8>?
    var count: Int64 = 0
    copy.withUTF8 { buffer in
      ent_translit_apply(handle, buffer.baseAddress, Int64(buffer.count), &out, &count, &status)
    }
    if status > 0 {
      if let out { ent_free(out) }
      throw .icu(code: status, operation: "transliterating")
    }
    return takeString(out, count)
  }
}

// MARK: - Regular expressions

/// An ICU regular expression (`uregex_openUText`) matched over UTF-8 bytes; match ranges are
/// UTF-8 byte offsets. Used for SRX rules. Not thread-safe: one per task.
public final class ICURegex {
  private let handle: OpaquePointer
  /// The subject ICU reads, owned here so that it outlives the matching.
  private var subject: UnsafeMutableBufferPointer<UInt8>?
  /// The pattern as given.
  public let pattern: String

  /// Compiles `pattern`. Calls `uregex_openUText`.
  /// - Throws: `TextError.icu` with the pattern line and offset of a syntax error.
  public init(_ pattern: String, caseInsensitive: Bool = false, comments: Bool = false) throws(TextError) {
    var flags: UInt32 = 0
    if caseInsensitive { flags |= 2 }
    if comments { flags |= 4 }
    var status: Int32 = 0
    var line: Int32 = -1
    var offset: Int32 = -1
    var bytes = Array(pattern.utf8)
    let handle = bytes.withUnsafeMutableBufferPointer {
      ent_regex_open($0.baseAddress, Int64($0.count), flags, &line, &offset, &status)
    }
    guard let handle, status <= 0 else {
      throw .icu(
        code: max(status, 1), operation: "compiling the regular expression \(pattern)",
        offset: offset >= 0 ? Int(offset) : nil, line: line > 0 ? Int(line) : nil)
    }
    self.handle = handle
    self.pattern = pattern
  }

  deinit {
    ent_regex_close(handle)
    subject?.deallocate()
  }

  /// Number of capture groups. Calls `uregex_groupCount`.
  public var groupCount: Int {
    var status: Int32 = 0
    return Int(ent_regex_group_count(handle, &status))
  }

  /// The ICU status of a match stopped by its time limit (`U_REGEX_TIME_OUT`).
  public static var timeOutStatus: Int32 { ent_regex_time_out_status() }

  /// The time limit of one match operation over `count` bytes, in ICU's units of about 10,000
  /// match steps: 1,000 steps per byte, at least 10 million steps. Enough for any rule whose work
  /// grows with the text; a rule that backtracks catastrophically stops within it.
  static func timeLimit(forBytes count: Int) -> Int32 { Int32(clamping: max(1_000, count / 10)) }

  /// Byte ranges of every non-overlapping match of `group` in `utf8`, in order.
  /// Calls `uregex_setUText`, `uregex_setTimeLimit` (`timeLimit(forBytes:)`) and
  /// `uregex_findNext`.
  /// - Throws: `TextError.icu`; with code `timeOutStatus` when a match takes longer than the
  ///   time limit (catastrophic backtracking).
  /// - Complexity: that of the pattern over the text; O(n) for SRX-style rules, and bounded by
  ///   the time limit per match in any case.
  public func matches(in utf8: [UInt8], group: Int = 0) throws(TextError) -> [Range<Int>] {
    let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(utf8.count, 1))
    _ = copy.initialize(from: utf8)
    var status: Int32 = 0
    ent_regex_set_utf8(handle, copy.baseAddress, Int64(utf8.count), &status)
    subject?.deallocate()
    subject = copy
    try TextError.checkICU(status, "setting the subject of \(pattern)")
    ent_regex_set_time_limit(handle, Self.timeLimit(forBytes: utf8.count), &status)
    try TextError.checkICU(status, "setting the time limit of \(pattern)")
    var result: [Range<Int>] = []
    var start: Int64 = -1
    var end: Int64 = -1
    while ent_regex_find_next(handle, Int32(group), &start, &end, &status) == 1 {
      if start >= 0 { result.append(Int(start)..<Int(end)) }
    }
    try TextError.checkICU(status, "matching \(pattern)")
    return result
  }
}
