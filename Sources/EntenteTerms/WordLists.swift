// The glossary builder's word lists, loaded once from the bundled files in Resources/wordlists.
import Foundation

extension GlossaryBuilder {
  /// Function words (and, in English, name particles), per language: no term candidate has one
  /// at an edge and no one-word name is one (`stopwords-en.txt`, `stopwords-fr.txt`).
  static let stopwords: [String: Set<String>] = [
    "en": Set(wordList("stopwords-en")),
    "fr": Set(wordList("stopwords-fr")),
  ]

  /// Frequent verb forms, which may stand inside a multi-word term candidate but not at its
  /// edges (the issue's "no verbs at the edges"; word lists, as there is no part-of-speech tagger).
  static let verbs: [String: Set<String>] = [
    "en": Set(wordList("verbs-en")),
    "fr": Set(wordList("verbs-fr")),
  ]

  /// French endings of verb forms and -ment adverbs that keep a word off a term's edges (see
  /// `badEdge`), in file order.
  static let frenchVerbEndings: [String] = wordList("verb-endings-fr")

  /// Number words, weekdays and months: no candidate holds one (the issue's "no numbers, no
  /// dates"; digits are left out by the word shape).
  static let numbersAndDates: [String: Set<String>] = [
    "en": Set(wordList("numbers-dates-en")),
    "fr": Set(wordList("numbers-dates-fr")),
  ]

  /// French titles, written in lowercase before a name (le capitaine Nemo, le président russe
  /// Vladimir Poutine has none, le commandant Farragut).
  static let frenchTitles: Set<String> = Set(wordList("titles-fr"))

  /// English titles written with a full stop inside names.
  static let titles: Set<String> = Set(wordList("titles-en"))
}

/// The words (one per line, `#` comments, surrounding spaces trimmed) of the bundled file
/// `Resources/wordlists/<name>.txt`, in file order; empty if the file is missing.
/// - Complexity: O(file size).
func wordList(_ name: String) -> [String] {
  guard let root = Bundle.module.resourceURL,
    let data = try? Data(contentsOf: root.appendingPathComponent("wordlists/\(name).txt"))
  else { return [] }
  var words: [String] = []
  for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
    let word = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    let trimmed = word.trimmingCharacters(in: .whitespaces)
    if !trimmed.isEmpty { words.append(trimmed) }
  }
  return words
}
