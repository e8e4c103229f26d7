import Foundation

/// Abbreviations that end with a period, per language, with what a period after them means.
///
/// Built-in lists are data files (`Resources/abbreviations/fr.txt`, `en.txt`); users add their
/// own in the same format: one abbreviation per line without its final period, case-sensitive,
/// `#` starts a comment, and an optional class after a space (`title`, `number`).
public struct Abbreviations: Sendable, Hashable {
  /// What a period after an abbreviation means.
  public enum Kind: String, Sendable, Hashable, Codable {
    /// Never ends a sentence: a name or a word follows (M. Dupont, Dr. Smith, cf. p. 5).
    case title
    /// An abbreviation only before a number (p. 25, art. 3, No. 5).
    case number
    /// May end a sentence: the period is a boundary only before a capitalised word (etc.).
    case plain
  }

  /// Entries by their text without the final period ("p. ex", "Mme").
  public private(set) var entries: [String: Kind] = [:] {
    didSet {
      longestEntry = entries.keys.map(\.utf8.count).max() ?? 0
      hasMultiwordEntries = entries.keys.contains { $0.contains(" ") }
      multiwordLastWords = Set(
        entries.keys.filter { $0.contains(" ") }.compactMap { $0.split(separator: " ").last.map(String.init) }
      )
    }
  }
  /// UTF-8 length of the longest entry: longer words need no look-up.
  public private(set) var longestEntry = 0
  /// True when some entry has two words ("p. ex").
  public private(set) var hasMultiwordEntries = false
  /// The last words of the entries with several words ("ex" of "p. ex").
  private var multiwordLastWords: Set<String> = []

  /// True when `word` is the last word of an entry with several words ("ex" of "p. ex").
  public func endsMultiwordEntry(_ word: String) -> Bool { multiwordLastWords.contains(word) }

  /// An empty list.
  public init() {}

  /// Reads entries from `text` in the data-file format.
  /// - Throws: `TextError` naming `name` and the line of a malformed entry.
  public init(parsing text: String, name: String) throws(TextError) {
    try add(parsing: text, name: name)
  }

  /// Adds the entries of `text` (data-file format); later entries replace earlier ones.
  /// - Throws: `TextError` for a malformed line, with file and line.
  public mutating func add(parsing text: String, name: String) throws(TextError) {
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var line = Substring(rawLine)
      if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
      let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
      if trimmed.isEmpty { continue }
      var entry = trimmed
      var kind = Kind.plain
      if let space = trimmed.lastIndex(of: " "),
        let parsed = Kind(rawValue: String(trimmed[trimmed.index(after: space)...]))
      {
        kind = parsed
        entry = String(trimmed[..<space]).trimmingCharacters(in: .whitespaces)
      }
      if entry.contains("\t") || entry.contains("  ") {
        throw .malformedAbbreviation(file: name, line: lineNumber, entry: entry)
      }
      if entry.hasSuffix(".") { entry.removeLast() }
      entries[entry] = kind
    }
  }

  /// Adds every entry of `other`, replacing entries with the same text.
  public mutating func merge(_ other: Abbreviations) {
    entries.merge(other.entries) { _, new in new }
  }

  /// The kind of `abbreviation` (without its final period), if it is listed.
  public func kind(of abbreviation: String) -> Kind? { entries[abbreviation] }

  /// The built-in list for `language` ("fr", "en"; a region such as "fr-CA" uses "fr"); an empty
  /// list for other languages.
  public static func builtIn(language: String) -> Abbreviations {
    let base = baseLanguage(language)
    guard let text = resourceText("abbreviations/\(base).txt") else { return Abbreviations() }
    return (try? Abbreviations(parsing: text, name: "\(base).txt")) ?? Abbreviations()
  }
}

/// "fr" for "fr", "fr-CA", "fr_FR", "FR".
func baseLanguage(_ language: String) -> String {
  LanguageTag.language(of: language)
}

/// Text of a bundled resource file, or nil.
func resourceText(_ relativePath: String) -> String? {
  guard let root = Bundle.module.resourceURL else { return nil }
  let url = root.appendingPathComponent(relativePath)
  guard let data = try? Data(contentsOf: url) else { return nil }
  return String(decoding: data, as: UTF8.self)
}

/// Words (one per line, `#` comments) from a bundled resource file.
func resourceWords(_ relativePath: String) -> Set<String> {
  guard let text = resourceText(relativePath) else { return [] }
  var words = Set<String>()
  for line in text.split(separator: "\n") {
    let word = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    let trimmed = word.trimmingCharacters(in: .whitespaces)
    if !trimmed.isEmpty { words.insert(trimmed) }
  }
  return words
}
