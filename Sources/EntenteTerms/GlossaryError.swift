// The terminology module's one error type: glossaries (TBX, JSON, CSV/TSV), bilingual files
// (TMX, XLIFF) and judgement lists that cannot be read.
import EntenteText

/// A glossary, bilingual or judgement file that cannot be read, with the place of the problem.
///
/// Cases carry the file and the position as fields (1-based line and column); `description`
/// renders them as `file:line:column: error: reason` (line 1, column 1 for a problem of the
/// whole file).
public enum GlossaryError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file does not exist or cannot be read; `reason` is the system's ("no such file",
  /// "Permission denied", "is a directory").
  case unreadable(file: String, reason: String)
  /// The file has no bytes.
  case empty(file: String)
  /// The file's bytes are not text (the text module's error: invalid UTF-8, a binary file…,
  /// with its line and column).
  case text(TextError)
  /// The XML is not well-formed at `line`:`column`; `reason` is `XMLReader`'s (`XMLProblem`), nil
  /// when there is none.
  case malformedXML(file: String, line: Int, column: Int, reason: String?)
  /// The file's extension names no glossary format.
  case unknownFormat(file: String)
  /// A JSON file that is not a glossary in Entente's JSON form, with the place of the problem
  /// (the syntax error, or the value at the problem's coding path).
  case invalidJSON(file: String, line: Int, column: Int, problem: JSONProblem)
  /// Well-formed content that is not a valid glossary, bilingual file or judgement list
  /// (an unknown status, a concept without an id, a TMX without a source language…).
  case invalid(file: String, line: Int, column: Int, message: String)

  /// Why a JSON file is not a glossary, from the decoder's `DecodingError`. Coding paths hold
  /// object keys and array indices (as decimal strings).
  public enum JSONProblem: Hashable, Sendable {
    /// The bytes are not JSON.
    case notJSON
    /// The bytes stop being JSON: `reason` says how ("',' or '}' expected").
    case syntax(String)
    /// A value is malformed at `codingPath`.
    case corrupted(codingPath: [String])
    /// An object lacks the key `key` at `codingPath`.
    case missingKey(String, codingPath: [String])
    /// A value at `codingPath` has another type than `expected`.
    case wrongType(expected: String, codingPath: [String])
    /// A value at `codingPath` is null or absent where a `expected` is needed.
    case missingValue(expected: String, codingPath: [String])

    /// The problem a decoding error describes.
    init(_ error: DecodingError) {
      func path(_ context: DecodingError.Context) -> [String] {
        context.codingPath.map { key in key.intValue.map(String.init) ?? key.stringValue }
      }
      switch error {
      case .dataCorrupted(let context):
        self = context.codingPath.isEmpty ? .notJSON : .corrupted(codingPath: path(context))
      case .keyNotFound(let key, let context):
        self = .missingKey(key.stringValue, codingPath: path(context))
      case .typeMismatch(let type, let context):
        self = .wrongType(expected: "\(type)", codingPath: path(context))
      case .valueNotFound(let type, let context):
        self = .missingValue(expected: "\(type)", codingPath: path(context))
      @unknown default:
        self = .notJSON
      }
    }

    /// The coding path the problem is at (empty for the whole document).
    public var codingPath: [String] {
      switch self {
      case .notJSON, .syntax: []
      case .corrupted(let path), .missingKey(_, let path), .wrongType(_, let path),
        .missingValue(_, let path):
        path
      }
    }

    var reason: String {
      func at(_ path: [String]) -> String {
        guard !path.isEmpty else { return "" }
        let rendered = path.enumerated().map { offset, key in
          key.allSatisfy(\.isNumber) ? "[\(key)]" : (offset == 0 ? key : "." + key)
        }
        return " at " + rendered.joined()
      }
      switch self {
      case .notJSON: return "not valid JSON"
      case .syntax(let reason): return "not valid JSON: \(reason)"
      case .corrupted(let path): return "a malformed value" + at(path)
      case .missingKey(let key, let path): return "no \"\(key)\"" + at(path)
      case .wrongType(let expected, let path): return "expected \(expected)" + at(path)
      case .missingValue(let expected, let path): return "a missing \(expected)" + at(path)
      }
    }
  }

  /// The file the error is in.
  public var file: String {
    switch self {
    case .unreadable(let file, _), .empty(let file), .unknownFormat(let file),
      .invalidJSON(let file, _, _, _),
      .malformedXML(let file, _, _, _), .invalid(let file, _, _, _):
      file
    case .text(let error): error.file ?? ""
    }
  }

  /// The 1-based line of the problem (1 for a problem of the whole file).
  public var line: Int {
    switch self {
    case .malformedXML(_, let line, _, _), .invalid(_, let line, _, _), .invalidJSON(_, let line, _, _): line
    case .text(let error): error.line ?? 1
    case .unreadable, .empty, .unknownFormat: 1
    }
  }

  /// The 1-based column of the problem (1 for a problem of the whole file).
  public var column: Int {
    switch self {
    case .malformedXML(_, _, let column, _), .invalid(_, _, let column, _), .invalidJSON(_, _, let column, _):
      column
    case .text(let error): error.column ?? 1
    case .unreadable, .empty, .unknownFormat: 1
    }
  }

  /// What went wrong, without the file and position.
  public var message: String {
    switch self {
    case .unreadable(_, let reason): "cannot read the file: \(reason)"
    case .empty: "the file is empty"
    case .text(let error): error.reason
    case .malformedXML(_, _, _, let reason): reason.map { "malformed XML: \($0)" } ?? "malformed XML"
    case .unknownFormat: "unknown glossary format (expected .tbx, .json, .csv or .tsv)"
    case .invalidJSON(_, _, _, let problem): "not an Entente glossary in JSON: \(problem.reason)"
    case .invalid(_, _, _, let message): message
    }
  }

  public var description: String { "\(file):\(line):\(column): error: \(message)" }

  /// The bytes of the file at `path` (`fileBytes(atPath:)`: at most
  /// `InputLimits.maximumInputSize`).
  /// - Throws: `.unreadable` with the system's reason, or `.text(.tooLarge)`.
  /// - Complexity: O(n) in the size of the file.
  static func bytes(ofFile path: String) throws(GlossaryError) -> [UInt8] {
    switch fileBytes(atPath: path) {
    case .success(let bytes): return bytes
    case .failure(.unreadable(_, let reason)): throw .unreadable(file: path, reason: reason)
    case .failure(let error): throw .text(error)
    }
  }
}
