// Findings as text, JSON and SARIF 2.1.0.
import EntenteText
import Foundation

extension Finding {
  /// `file:line:column: severity: [rule] message (suggestion: «…»)`, with `unit ID: ` before the
  /// message when the finding is in a translation unit.
  public func textLine(file: String) -> String {
    "\(file):\(line):\(column): \(severity.rawValue): [\(rule)] "
      + (unit.map { "unit \($0.id): " } ?? "") + message
      + (suggestion.map { " (suggestion: «\($0)»)" } ?? "")
  }
}

/// Findings as a pretty-printed JSON array of `Finding` (keys sorted, nil fields left out,
/// slashes unescaped), ending with a line feed.
/// - Throws: `JSONEncoder`'s `EncodingError` (not expected: every field is encodable).
public func findingsJSON(_ findings: [Finding]) throws -> String {
  String(decoding: try prettyJSONEncoder().encode(findings), as: UTF8.self) + "\n"
}

/// Findings as a SARIF 2.1.0 log for code-scanning tools (`SARIFLog(findings:file:)`), pretty
/// printed with sorted keys, ending with a line feed.
///
/// - Parameters:
///   - findings: The findings.
///   - file: The file of the findings whose `file` is nil.
///   - encoding: How that file was encoded (see `SARIFLog(findings:file:encoding:)`).
/// - Throws: `JSONEncoder`'s `EncodingError` (not expected: every field is encodable).
public func findingsSARIF(_ findings: [Finding], file: String, encoding: TextEncoding = .utf8) throws
  -> String
{
  String(
    decoding: try prettyJSONEncoder().encode(SARIFLog(findings: findings, file: file, encoding: encoding)),
    as: UTF8.self) + "\n"
}

private func prettyJSONEncoder() -> JSONEncoder {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  return encoder
}
