// Places in JSON text for error messages: Foundation's JSONDecoder says what is wrong (a coding
// path) but not where, and says nothing but "not valid JSON" for a syntax error.

/// A problem found by `JSONLocation.syntaxProblem(in:)`: where the JSON text stops being JSON,
/// and why.
package struct JSONSyntaxProblem: Sendable, Hashable {
  /// The UTF-8 byte offset of the problem.
  package var offset: Int
  package var reason: String
}

/// Finds places in JSON text: the first syntax error, or the value at a coding path.
package enum JSONLocation {
  /// The deepest nesting scanned (JSONDecoder refuses deeper documents too).
  static let maximumDepth = 512

  /// The first syntax error of `bytes`, or nil when they are one well-formed JSON value.
  /// - Complexity: O(n).
  package static func syntaxProblem(in bytes: [UInt8]) -> JSONSyntaxProblem? {
    var scanner = JSONScanner(bytes: bytes, path: nil)
    return scanner.scanDocument()
  }

  /// The UTF-8 byte offset of the value at `path` (object keys, and array indices as decimal
  /// strings), or of the deepest value on the path that exists. In text that is not JSON, the
  /// deepest such value before the first syntax error; nil when there is none (the text holds no
  /// value before its error).
  /// - Complexity: O(n).
  package static func offset(of path: [String], in bytes: [UInt8]) -> Int? {
    var scanner = JSONScanner(bytes: bytes, path: path)
    _ = scanner.scanDocument()
    return scanner.found
  }
}

private struct JSONScanner {
  let bytes: [UInt8]
  let path: [String]?
  var index = 0
  /// The offset of the deepest value found on `path` so far.
  var found: Int?

  init(bytes: [UInt8], path: [String]?) {
    self.bytes = bytes
    self.path = path
  }

  mutating func scanDocument() -> JSONSyntaxProblem? {
    // A UTF-8 byte-order mark is allowed before the value.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    if let problem = value(depth: 0, matching: true) { return problem }
    skipSpace()
    if index < bytes.count { return JSONSyntaxProblem(offset: index, reason: "text after the JSON value") }
    return nil
  }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  func problem(_ reason: String) -> JSONSyntaxProblem { JSONSyntaxProblem(offset: index, reason: reason) }

  /// Scans one value; `matching` says whether the path so far is a prefix of `path`.
  mutating func value(depth: Int, matching: Bool) -> JSONSyntaxProblem? {
    skipSpace()
    guard index < bytes.count else { return problem("the text ends where a value is expected") }
    if matching, let path, depth <= path.count { found = index }
    guard depth < JSONLocation.maximumDepth else { return problem("arrays and objects nested too deeply") }
    switch bytes[index] {
    case UInt8(ascii: "{"):
      index += 1
      skipSpace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
        index += 1
        return nil
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
          return problem("a key in double quotes expected")
        }
        let keyStart = index + 1
        if let problem = string() { return problem }
        let key = String(decoding: bytes[keyStart..<(index - 1)], as: UTF8.self)
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return problem("':' expected") }
        index += 1
        let childMatches = matching && path.map { depth < $0.count && $0[depth] == key } ?? false
        if let problem = value(depth: depth + 1, matching: childMatches) { return problem }
        skipSpace()
        guard index < bytes.count else { return problem("the text ends inside an object") }
        if bytes[index] == UInt8(ascii: "}") {
          index += 1
          return nil
        }
        guard bytes[index] == UInt8(ascii: ",") else { return problem("',' or '}' expected") }
        index += 1
      }
    case UInt8(ascii: "["):
      index += 1
      skipSpace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
        index += 1
        return nil
      }
      var element = 0
      while true {
        let childMatches = matching && path.map { depth < $0.count && $0[depth] == String(element) } ?? false
        if let problem = value(depth: depth + 1, matching: childMatches) { return problem }
        element += 1
        skipSpace()
        guard index < bytes.count else { return problem("the text ends inside an array") }
        if bytes[index] == UInt8(ascii: "]") {
          index += 1
          return nil
        }
        guard bytes[index] == UInt8(ascii: ",") else { return problem("',' or ']' expected") }
        index += 1
      }
    case UInt8(ascii: "\""):
      return string()
    case UInt8(ascii: "t"): return literal("true")
    case UInt8(ascii: "f"): return literal("false")
    case UInt8(ascii: "n"): return literal("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return number()
    default:
      return problem("a value expected (an object, array, string, number, true, false or null)")
    }
  }

  mutating func literal(_ word: String) -> JSONSyntaxProblem? {
    let utf8 = Array(word.utf8)
    guard bytes.count - index >= utf8.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else {
      return problem("a value expected (an object, array, string, number, true, false or null)")
    }
    index += utf8.count
    return nil
  }

  mutating func number() -> JSONSyntaxProblem? {
    let start = index
    func digits() -> Int {
      let from = index
      while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
      return index - from
    }
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let integer = index
    guard digits() > 0 else { return problem("a digit expected") }
    if bytes[integer] == UInt8(ascii: "0") && index - integer > 1 {
      return JSONSyntaxProblem(offset: start, reason: "a number with a leading zero")
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { return problem("a digit expected after '.'") }
    }
    if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
        index += 1
      }
      guard digits() > 0 else { return problem("a digit expected in the exponent") }
    }
    return nil
  }

  /// Scans a string from its opening quote to just after its closing one.
  mutating func string() -> JSONSyntaxProblem? {
    let start = index
    index += 1
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return nil
      case UInt8(ascii: "\\"):
        guard index + 1 < bytes.count else { break }
        let escape = bytes[index + 1]
        if escape == UInt8(ascii: "u") {
          let hex = bytes[min(bytes.count, index + 2)..<min(bytes.count, index + 6)]
          guard hex.count == 4,
            hex.allSatisfy({
              UInt8(ascii: "0")...UInt8(ascii: "9") ~= $0
                || UInt8(ascii: "a")...UInt8(ascii: "f") ~= ($0 | 0x20)
            })
          else { return problem("\\u must be followed by four hexadecimal digits") }
          index += 6
        } else {
          guard Array(#""\/bfnrt"#.utf8).contains(escape) else { return problem("an unknown escape") }
          index += 2
        }
        continue
      case 0..<0x20:
        return problem("a control character inside a string (write it as an escape such as \\n)")
      default:
        break
      }
      index += 1
    }
    return JSONSyntaxProblem(offset: start, reason: "a string that is never closed")
  }
}
