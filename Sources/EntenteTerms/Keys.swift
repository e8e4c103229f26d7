// Matching keys for term lookup.
import EntenteText

enum MatchingKeyCache {
  /// The matching key of `text` (EntenteText's `MatchingKey`).
  static func key(_ text: String) throws -> String { try MatchingKey(text).key }
}
