// Findings as text, JSON and SARIF 2.1.0.
import EntenteText
import Foundation

extension Finding {
  /// `file:line:column: severity: [rule] message (suggestion)`.
  public func textLine(file: String) -> String {
    "\(file):\(line):\(column): \(severity.rawValue): [\(rule)] \(message)"
      + (suggestion.map { " (suggestion: «\($0)»)" } ?? "")
  }
}

/// Findings as a JSON array (keys sorted).
public func findingsJSON(_ findings: [Finding]) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(findings), as: UTF8.self) + "\n"
}

/// Findings as a SARIF 2.1.0 log for code-scanning tools: one run, the rules in the driver, one
/// result per finding with its region (line, column, byte offsets) and the suggestion as a fix
/// description.
public func findingsSARIF(_ findings: [Finding], file: String, toolVersion: String) throws -> String {
  let rules: [[String: Any]] = CheckRule.allCases.map {
    [
      "id": $0.rawValue, "shortDescription": ["text": $0.summary],
      "defaultConfiguration": ["level": sarifLevel($0.severity)],
    ]
  }
  let results: [[String: Any]] = findings.map { finding in
    var result: [String: Any] = [
      "ruleId": finding.rule,
      "level": sarifLevel(finding.severity),
      "message": ["text": finding.message + (finding.suggestion.map { " (suggestion: «\($0)»)" } ?? "")],
      "locations": [
        [
          "physicalLocation": [
            "artifactLocation": ["uri": file],
            "region": [
              "startLine": finding.line, "startColumn": finding.column, "byteOffset": finding.start,
              "byteLength": finding.end - finding.start, "snippet": ["text": finding.text],
            ],
          ]
        ]
      ],
    ]
    if let index = CheckRule.allCases.firstIndex(where: { $0.rawValue == finding.rule }) {
      result["ruleIndex"] = index
    }
    return result
  }
  let log: [String: Any] = [
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [
      [
        "tool": [
          "driver": [
            "name": "entente", "version": toolVersion, "informationUri": "https://github.com/entente/entente",
            "rules": rules,
          ]
        ],
        "columnKind": "unicodeCodePoints",
        "results": results,
      ]
    ],
  ]
  let data = try JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys])
  return String(decoding: data, as: UTF8.self) + "\n"
}

func sarifLevel(_ severity: Severity) -> String {
  switch severity {
  case .error: "error"
  case .warning: "warning"
  case .info: "note"
  }
}
