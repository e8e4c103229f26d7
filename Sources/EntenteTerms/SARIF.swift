// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format): the part Entente writes.
import EntenteText

/// A SARIF 2.1.0 log: the objects and properties Entente writes, as Codable values, so that a log
/// can be written with `JSONEncoder` and read back with `JSONDecoder`. Names follow the SARIF
/// specification; every optional property left nil is omitted.
public struct SARIFLog: Codable, Sendable, Hashable {
  public var schema: String?
  /// Always `2.1.0`.
  public var version: String
  public var runs: [Run]

  enum CodingKeys: String, CodingKey {
    case schema = "$schema"
    case version, runs
  }

  /// One run of a tool: the tool and its rules, what it reports and how it counts columns.
  public struct Run: Codable, Sendable, Hashable {
    public var tool: Tool
    /// `unicodeCodePoints` (Entente's columns count Unicode scalars) or `utf16CodeUnits`.
    public var columnKind: String?
    public var artifacts: [Artifact]?
    public var results: [Result]?
  }

  public struct Tool: Codable, Sendable, Hashable {
    public var driver: ToolComponent
  }

  /// The tool (`driver`): its name, version and rules.
  public struct ToolComponent: Codable, Sendable, Hashable {
    public var name: String
    public var version: String?
    public var informationUri: String?
    public var rules: [ReportingDescriptor]?
  }

  /// A rule: its id, a one-line description and its default level.
  public struct ReportingDescriptor: Codable, Sendable, Hashable {
    public var id: String
    public var shortDescription: MultiformatMessageString?
    public var defaultConfiguration: ReportingConfiguration?
  }

  public struct ReportingConfiguration: Codable, Sendable, Hashable {
    public var level: Level?
  }

  /// A result's or a rule's level.
  public enum Level: String, Codable, Sendable, Hashable, CaseIterable {
    case none, note, warning, error

    /// `error` and `warning` as they are, `info` as `note`.
    public init(_ severity: Severity) {
      switch severity {
      case .error: self = .error
      case .warning: self = .warning
      case .info: self = .note
      }
    }
  }

  public struct MultiformatMessageString: Codable, Sendable, Hashable {
    public var text: String
  }

  public struct Message: Codable, Sendable, Hashable {
    public var text: String?
  }

  /// A file the run looked at.
  public struct Artifact: Codable, Sendable, Hashable {
    public var location: ArtifactLocation?
  }

  /// One finding.
  public struct Result: Codable, Sendable, Hashable {
    public var ruleId: String?
    /// The rule's index in the driver's `rules`.
    public var ruleIndex: Int?
    public var level: Level?
    public var message: Message
    public var locations: [Location]?
    /// Entente's own fields (a SARIF property bag).
    public var properties: ResultProperties?
  }

  /// The property bag of a result: what SARIF has no property for.
  public struct ResultProperties: Codable, Sendable, Hashable {
    /// The side of the translation the region is in.
    public var side: TextSide?
    /// The translation unit of a TMX or XLIFF file.
    public var unit: UnitReference?
    /// What to write instead, when the rule knows.
    public var suggestion: String?
    /// The glossary concept concerned.
    public var concept: String?
  }

  /// Where a result is: a region of a file, and the translation unit holding it.
  public struct Location: Codable, Sendable, Hashable {
    public var physicalLocation: PhysicalLocation?
    public var logicalLocations: [LogicalLocation]?
  }

  public struct PhysicalLocation: Codable, Sendable, Hashable {
    public var artifactLocation: ArtifactLocation?
    public var region: Region?
  }

  public struct ArtifactLocation: Codable, Sendable, Hashable {
    /// A URI reference: the file's path, percent-encoded where a URI needs it.
    public var uri: String?
  }

  /// A region of a file: 1-based line and column (in the run's `columnKind`) of its start, and
  /// its UTF-8 byte range.
  public struct Region: Codable, Sendable, Hashable {
    public var startLine: Int?
    public var startColumn: Int?
    public var byteOffset: Int?
    public var byteLength: Int?
    public var snippet: ArtifactContent?
  }

  public struct ArtifactContent: Codable, Sendable, Hashable {
    public var text: String?
  }

  /// A named construct: for Entente, a translation unit (`kind` `translationUnit`, `name` its id).
  public struct LogicalLocation: Codable, Sendable, Hashable {
    public var name: String?
    public var kind: String?
  }
}

extension SARIFLog {
  /// The schema URI written in `$schema`.
  public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

  /// A log of one run of Entente: the rules of `CheckRule` in the driver (version
  /// `ententeVersion`), one result per finding with its region (line, column, the words as
  /// snippet, and the byte offset and length when the finding is in no translation unit), the
  /// unit as a logical location, and the side, unit, suggestion and concept in the result's
  /// property bag. The suggestion is in the message too. The files named are the run's artifacts.
  ///
  /// - Parameters:
  ///   - findings: The findings, in the order to report them.
  ///   - file: The file of the findings whose `file` is nil.
  ///   - encoding: How the file was encoded: byte offsets count from the file's first byte, so
  ///     a UTF-8 byte-order mark is added to them; a UTF-16 file gets none (its bytes are not the
  ///     UTF-8 offsets findings carry).
  public init(findings: [Finding], file: String, encoding: TextEncoding = .utf8) {
    let rules = CheckRule.allCases.map {
      ReportingDescriptor(
        id: $0.rawValue, shortDescription: MultiformatMessageString(text: $0.summary),
        defaultConfiguration: ReportingConfiguration(level: Level($0.severity)))
    }
    var files: [String] = []
    let results = findings.map { finding in
      let path = finding.file ?? file
      if !files.contains(path) { files.append(path) }
      // A unit's finding has its byte range in the units' targets, not in the file: no offset.
      let isInFile = finding.unit == nil && (encoding == .utf8 || encoding == .utf8WithBOM)
      let shift = encoding == .utf8WithBOM ? 3 : 0
      let region = Region(
        startLine: finding.line, startColumn: finding.column,
        byteOffset: isInFile ? finding.start + shift : nil,
        byteLength: isInFile ? finding.end - finding.start : nil, snippet: ArtifactContent(text: finding.text)
      )
      let unit = finding.unit.map { [LogicalLocation(name: $0.id, kind: "translationUnit")] }
      let location = Location(
        physicalLocation: PhysicalLocation(
          artifactLocation: ArtifactLocation(uri: Self.uriReference(path)), region: region),
        logicalLocations: unit)
      return Result(
        ruleId: finding.rule,
        ruleIndex: CheckRule.allCases.firstIndex { $0.rawValue == finding.rule },
        level: Level(finding.severity),
        message: Message(text: finding.message + (finding.suggestion.map { " (suggestion: «\($0)»)" } ?? "")),
        locations: [location],
        properties: ResultProperties(
          side: finding.side, unit: finding.unit, suggestion: finding.suggestion, concept: finding.concept))
    }
    let driver = ToolComponent(name: "entente", version: ententeVersion, informationUri: nil, rules: rules)
    self.init(
      schema: Self.schemaURI, version: "2.1.0",
      runs: [
        Run(
          tool: Tool(driver: driver), columnKind: "unicodeCodePoints",
          artifacts: files.map { Artifact(location: ArtifactLocation(uri: Self.uriReference($0))) },
          results: results)
      ])
  }

  /// `path` as a URI reference: ASCII letters, digits, `/` and `-._~!$&'()*+,;=@` stay, every
  /// other byte of its UTF-8 (spaces, `%`, `:`, non-ASCII letters…) is percent-encoded.
  static func uriReference(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      if uriPathBytes.contains(byte) {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        result += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
      }
    }
    return result
  }

  private static let uriPathBytes = Set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-._~!$&'()*+,;=@".utf8)
}
