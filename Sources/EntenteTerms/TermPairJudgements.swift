// Judged term pairs, to measure the precision of proposed pairs (Fixtures/articles and
// Benchmarks/judgements hold such lists).
import Foundation

/// Term pairs judged right or wrong by a person, read from a TSV file with the header
/// `judgement<TAB>source<TAB>target` and `right` or `wrong` in the first column.
public struct TermPairJudgements: Sendable {
  private var judgements: [String: Bool] = [:]

  /// How a list of proposed pairs fares: pairs judged right, judged wrong, and not judged.
  public struct Tally: Sendable, Hashable {
    public var right = 0
    public var wrong = 0
    public var unjudged: [TermPair] = []
    /// Right over all pairs; a pair nobody judged counts as wrong.
    public var precision: Double {
      let total = right + wrong + unjudged.count
      return total == 0 ? 0 : Double(right) / Double(total)
    }
  }

  /// Reads the list.
  /// - Throws: `GlossaryError.unreadable` when the file cannot be read, `.invalid` naming the
  ///   line of a bad header or row.
  public init(contentsOfFile path: String) throws(GlossaryError) {
    let text = String(decoding: try GlossaryError.bytes(ofFile: path), as: UTF8.self)
    for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .enumerated()
    {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      if number == 0 {
        guard fields == ["judgement", "source", "target"] else {
          throw GlossaryError.invalid(
            file: path, line: 1, column: 1,
            message: "expected the header judgement, source, target (tab-separated)")
        }
        continue
      }
      if line.isEmpty { continue }
      guard fields.count == 3, fields[0] == "right" || fields[0] == "wrong" else {
        throw GlossaryError.invalid(
          file: path, line: number + 1, column: 1,
          message: "expected right|wrong, source and target, tab-separated")
      }
      judgements[Self.key(fields[1], fields[2])] = fields[0] == "right"
    }
  }

  /// The judgement of a pair, or nil.
  public func isRight(_ pair: TermPair) -> Bool? { judgements[Self.key(pair.source, pair.target)] }

  /// The tally of `pairs`.
  public func tally(_ pairs: [TermPair]) -> Tally {
    var tally = Tally()
    for pair in pairs {
      switch isRight(pair) {
      case true?: tally.right += 1
      case false?: tally.wrong += 1
      case nil: tally.unjudged.append(pair)
      }
    }
    return tally
  }

  /// Pairs compare with typographic apostrophes unified.
  private static func key(_ source: String, _ target: String) -> String {
    (source + "\t" + target).replacingOccurrences(of: "’", with: "'")
  }
}
