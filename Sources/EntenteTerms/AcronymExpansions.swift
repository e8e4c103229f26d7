// Acronyms for the glossary builder: their shape, reordered letters across languages, and
// expansions defined in parentheses (Schwartz–Hearst, or the noun phrase after an article).
import Foundation

extension GlossaryBuilder {
  /// Roman numerals (II, IV, XVI) look like acronyms.
  static func isRomanNumeral(_ text: String) -> Bool { text.allSatisfy { "IVXLCDM".contains($0) } }

  /// An acronym: 2 to 6 capital letters, not a Roman numeral (KCNA, RPDC, ONU; not II).
  static func isAcronym(_ text: String) -> Bool {
    (2...6).contains(text.count) && text.allSatisfy { $0.isUppercase && $0.isLetter } && !isRomanNumeral(text)
  }

  /// Acronyms of four letters or more with the same letters in another order, at most one changed.
  static func reordered(_ a: String, _ b: String) -> Bool {
    guard a.count == b.count, a != b else { return false }
    if a.sorted() == b.sorted() { return true }
    guard a.count >= 4 else { return false }
    var letters: [Character: Int] = [:]
    for c in a { letters[c, default: 0] += 1 }
    for c in b { letters[c, default: 0] -= 1 }
    return letters.values.filter { $0 > 0 }.reduce(0, +) == 1
  }

  /// Acronyms defined in parentheses after their expansion, «long form (ACRONYM)» (Schwartz &
  /// Hearst 2003): the shortest run of words before the parenthesis whose letters spell the
  /// acronym in order, each acronym letter's first match starting a word. When the letters do
  /// not match (an English acronym kept in French: «l'Agence centrale de presse coréenne
  /// (KCNA)»), the capitalised noun phrase after the last article (le, la, les, l', the) before
  /// the parenthesis, within a few words, is taken instead. Elided articles are cut off.
  /// At most `expansionReach` characters before the parenthesis are read (far more than the
  /// words taken).
  /// - Complexity: O(n + q · r) for n characters and q parenthesised acronyms, r =
  ///   `expansionReach`.
  public static func acronymExpansions(in text: String, language: String) -> [String: String] {
    var result: [String: String] = [:]
    let utf8 = text.utf8
    var position = utf8.startIndex
    while let open = utf8[position...].firstIndex(of: UInt8(ascii: "(")) {
      position = utf8.index(after: open)
      // A closing parenthesis within 8 characters (of at most 4 bytes each); an acronym has 6.
      guard let close = utf8[position...].prefix(32).firstIndex(of: UInt8(ascii: ")")) else { continue }
      let acronym = String(decoding: utf8[position..<close], as: UTF8.self)
      guard acronym.count <= 8 else { continue }
      position = utf8.index(after: close)
      guard Self.isAcronym(acronym), result[acronym] == nil
      else { continue }
      // The words before the parenthesis, in the same sentence.
      var start = open
      var reach = 0
      while start > text.startIndex {
        let previous = text.index(before: start)
        if ".!?;:\n«»“”\"".contains(text[previous]) { break }
        reach += 1
        if reach > expansionReach { break }
        start = previous
      }
      var words = text[start..<open].split(whereSeparator: { $0 == " " || $0 == "\u{A0}" }).map(String.init)
      // Cut off by the reach, the first word may be only the end of one.
      if reach > expansionReach && !words.isEmpty { words.removeFirst() }
      words = Array(words.suffix(min(acronym.count + 5, acronym.count * 2 + 2)))
      if let expansion = schwartzHearst(acronym, words) ?? articlePhrase(words) {
        result[acronym] = expansion
      }
    }
    return result
  }

  /// How many characters before an acronym's parenthesis `acronymExpansions` reads.
  static let expansionReach = 300

  static func schwartzHearst(_ acronym: String, _ words: [String]) -> String? {
    let short = Array(acronym.lowercased())
    for first in stride(from: words.count - 1, through: 0, by: -1) {
      let long = Array(words[first...].joined(separator: " ").lowercased())
      var s = short.count - 1
      var l = long.count - 1
      while s >= 0 && l >= 0 {
        if long[l] == short[s] && (s > 0 || l == 0 || !long[l - 1].isLetter) {
          s -= 1
        }
        l -= 1
      }
      if s < 0 {
        // The first letter must start the first word taken.
        guard words[first].lowercased().first == short.first else { continue }
        return strippedArticle(words[first...].joined(separator: " "))
      }
    }
    return nil
  }

  static func articlePhrase(_ words: [String]) -> String? {
    let articles: Set<String> = ["le", "la", "les", "the"]
    for index in stride(from: words.count - 1, through: 0, by: -1) {
      let word = words[index].lowercased().replacingOccurrences(of: "’", with: "'")
      if articles.contains(word), index + 1 < words.count {
        let phrase = words[(index + 1)...].joined(separator: " ")
        return phrase.first?.isUppercase == true && words.count - index - 1 >= 2 ? phrase : nil
      }
      if word.hasPrefix("l'"), word.count > 2 {
        let phrase = strippedArticle(words[index...].joined(separator: " "))
        return phrase.first?.isUppercase == true && words.count - index >= 2 ? phrase : nil
      }
    }
    return nil
  }

  /// The text without an elided article at its start (l'Agence → Agence).
  static func strippedArticle(_ text: String) -> String {
    for prefix in ["l'", "l’", "L'", "L’"] where text.hasPrefix(prefix) {
      return String(text.dropFirst(prefix.count))
    }
    return text
  }
}
