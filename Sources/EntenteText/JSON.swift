// The JSON-lines encoder and the sentence record of `entente segment --format jsonl`.
import Foundation

/// Writes values as JSON lines: one compact object per line, keys sorted (Foundation's
/// `JSONEncoder` keeps no declaration order on Linux), slashes unescaped. U+2028, U+2029 and
/// U+0085 stay raw: valid JSON, and no line break to a reader that splits on line feeds.
public struct JSONLinesEncoder {
  private let encoder: JSONEncoder

  public init() {
    encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  }

  /// `value` as one JSON line, ending with a line feed.
  ///
  /// - Throws: `EncodingError` when `value` cannot be encoded (a non-finite number).
  public func line<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
  }
}

/// One sentence of `entente segment --format jsonl`.
public struct SentenceRecord: Codable, Sendable, Hashable {
  /// The sentence as it is in the input.
  public var text: String
  /// Its UTF-8 byte range in the decoded input (without BOM).
  public var start: Int
  public var end: Int
  /// The 0-based paragraph.
  public var paragraph: Int
  /// The 1-based line and column (in Unicode scalars) of its start.
  public var line: Int
  public var column: Int

  public init(text: String, start: Int, end: Int, paragraph: Int, line: Int, column: Int) {
    self.text = text
    self.start = start
    self.end = end
    self.paragraph = paragraph
    self.line = line
    self.column = column
  }
}
