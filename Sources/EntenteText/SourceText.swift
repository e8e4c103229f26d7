import Foundation

#if canImport(Glibc)
  import Glibc
#endif

// Reading text: UTF-8 (with or without BOM) or UTF-16 with BOM, CRLF or LF. Invalid bytes are an
// error that names the file, line and column; nothing is silently replaced.

/// The encoding a text was read from.
public enum TextEncoding: String, Sendable, Hashable, Codable {
  case utf8
  case utf8WithBOM = "utf8-bom"
  case utf16LittleEndian = "utf16le"
  case utf16BigEndian = "utf16be"
}

/// A text read from a file or standard input, decoded, with the name used in messages.
///
/// Offsets into `text` are UTF-8 byte offsets (the byte-order mark, if any, is not part of the
/// text). Line breaks are kept as they were (LF, CRLF or CR).
public struct SourceText: Sendable, Hashable {
  /// The file's path, or `<stdin>`.
  public let name: String
  /// The decoded text, without byte-order mark.
  public let text: String
  /// How the bytes were encoded.
  public let encoding: TextEncoding

  /// Makes a source from text already in memory.
  public init(name: String, text: String) {
    self.name = name
    self.text = text
    self.encoding = .utf8
  }

  /// Decodes `bytes`: UTF-8 (a BOM is skipped) or UTF-16 with a BOM.
  /// - Parameters:
  ///   - bytes: the file's content.
  ///   - name: the path shown in error messages.
  ///   - allowEmpty: accept an empty or blank text instead of throwing `.empty`.
  /// - Throws: `TextError` naming `name` and the line:column of the first bad byte:
  ///   invalid UTF-8 or UTF-16, a NUL or other control character (a binary file), or no text.
  /// - Complexity: O(n).
  public init(decoding bytes: [UInt8], name: String, allowEmpty: Bool = false) throws(TextError) {
    var result: Result<(String, TextEncoding), TextError> = .failure(.empty(file: name))
    bytes.withUnsafeBufferPointer { buffer in
      result = Result { () throws(TextError) in
        try Self.decode(buffer, name: name, allowEmpty: allowEmpty)
      }
    }
    (text, encoding) = try result.get()
    self.name = name
  }

  /// Decodes `data` as `init(decoding:name:allowEmpty:)` does, without copying it first (a
  /// memory-mapped file stays mapped, and only the decoded text is allocated).
  public init(decoding data: Data, name: String, allowEmpty: Bool = false) throws(TextError) {
    var result: Result<(String, TextEncoding), TextError> = .failure(.empty(file: name))
    data.withUnsafeBytes { raw in
      let buffer = raw.bindMemory(to: UInt8.self)
      result = Result { () throws(TextError) in
        try Self.decode(buffer, name: name, allowEmpty: allowEmpty)
      }
    }
    (text, encoding) = try result.get()
    self.name = name
  }

  /// Reads and decodes the file at `path`. UTF-8 is read straight into the string's storage,
  /// so the peak memory is about the size of the file (UTF-16 files take twice more). A FIFO or
  /// device is read as a stream, never past `InputLimits.maximumInputSize`.
  /// - Throws: `TextError` as `init(decoding:name:allowEmpty:)`, `.unreadable` (with the
  ///   system's reason: no such file, a directory, permission denied…), or `.tooLarge`.
  public init(contentsOfFile path: String, allowEmpty: Bool = false) throws(TextError) {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw .unreadable(file: path, reason: String(cString: strerror(errno)))
    }
    if info.st_mode & S_IFMT == S_IFDIR {
      throw .unreadable(file: path, reason: "is a directory, not a text file")
    }
    let size = Int(info.st_size)
    let limit = InputLimits.maximumInputSize
    if info.st_mode & S_IFMT == S_IFREG && size > limit { throw .tooLarge(file: path, limit: limit) }
    // Sniff the byte-order mark: UTF-16 goes through the general decoder.
    var head = [UInt8](repeating: 0, count: 3)
    let headCount = info.st_mode & S_IFMT == S_IFREG ? pread(descriptor, &head, 3, 0) : 0
    if headCount >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF)
      || info.st_mode & S_IFMT != S_IFREG
    {
      self = try SourceText(fileDescriptor: descriptor, name: path, allowEmpty: allowEmpty)
      return
    }
    var failure: TextError?
    let decoded = String(unsafeUninitializedCapacity: max(size, 1)) { buffer -> Int in
      var filled = 0
      while filled < size {
        let n = read(descriptor, buffer.baseAddress! + filled, size - filled)
        if n < 0 {
          failure = .unreadable(file: path, reason: String(cString: strerror(errno)))
          return 0
        }
        if n == 0 { break }
        filled += n
      }
      let hasBOM = filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF
      let body = UnsafeBufferPointer(rebasing: buffer[(hasBOM ? 3 : 0)..<filled])
      do throws(TextError) {
        try Self.validateUTF8(body, name: path)
      } catch {
        failure = error
        return 0
      }
      if hasBOM {
        memmove(buffer.baseAddress!, buffer.baseAddress! + 3, filled - 3)
        return filled - 3
      }
      return filled
    }
    if let failure { throw failure }
    try Self.rejectBinary(decoded, name: path)
    if !allowEmpty && decoded.unicodeScalars.allSatisfy({ isSpaceScalar($0.value) }) {
      throw .empty(file: path)
    }
    let hasBOM = headCount >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF
    self = SourceText(name: path, text: decoded, encoding: hasBOM ? .utf8WithBOM : .utf8)
  }

  /// Reads `descriptor` to its end (standard input, a pipe, a FIFO, a device) and decodes it;
  /// `name` names it in errors (`<stdin>`).
  /// - Throws: `TextError` as `init(decoding:name:allowEmpty:)`; `.unreadable` when the
  ///   descriptor is closed or is a directory; `.tooLarge` past `InputLimits.maximumInputSize`.
  ///   A NUL byte stops the reading at once (a binary stream such as `/dev/zero`).
  /// - Complexity: O(n) in the bytes read.
  public init(fileDescriptor descriptor: Int32, name: String, allowEmpty: Bool = false) throws(TextError) {
    let bytes = try readAll(descriptor, name: name, stopAtNUL: true)
    self = try SourceText(decoding: bytes, name: name, allowEmpty: allowEmpty)
  }

  private init(name: String, text: String, encoding: TextEncoding) {
    self.name = name
    self.text = text
    self.encoding = encoding
  }

  private static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, name: String, allowEmpty: Bool
  ) throws(TextError) -> (String, TextEncoding) {
    let text: String
    let encoding: TextEncoding
    if bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF) {
      let littleEndian = bytes[0] == 0xFF
      encoding = littleEndian ? .utf16LittleEndian : .utf16BigEndian
      text = try Self.decodeUTF16(bytes, littleEndian: littleEndian, name: name)
    } else {
      let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
      encoding = hasBOM ? .utf8WithBOM : .utf8
      let body = hasBOM ? UnsafeBufferPointer(rebasing: bytes[3...]) : bytes
      try Self.validateUTF8(body, name: name)
      text = String(decoding: body, as: UTF8.self)
    }
    try Self.rejectBinary(text, name: name)
    if !allowEmpty && text.unicodeScalars.allSatisfy({ isSpaceScalar($0.value) }) {
      throw .empty(file: name)
    }
    return (text, encoding)
  }

  /// Checks that `bytes` are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
  static func validateUTF8(_ bytes: UnsafeBufferPointer<UInt8>, name: String) throws(TextError) {
    if let i = invalidUTF8Offset(bytes) {
      let (line, column) = Self.lineAndColumn(ofByte: i, in: bytes)
      throw .invalidUTF8(file: name, line: line, column: column, byte: bytes[i])
    }
  }

  /// The offset of the first byte of `bytes` that does not start well-formed UTF-8, or nil.
  /// - Complexity: O(n).
  static func invalidUTF8Offset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = bytes.count
    var i = 0
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      var length = 0
      var minimum: UInt32 = 0
      var value: UInt32 = 0
      switch b {
      case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(b & 0x1F)
      case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(b & 0x0F)
      case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(b & 0x07)
      default: length = 0
      }
      var ok = length > 0 && i + length <= n
      if ok {
        for k in 1..<length {
          let c = bytes[i + k]
          if c & 0xC0 != 0x80 {
            ok = false
            break
          }
          value = value << 6 | UInt32(c & 0x3F)
        }
      }
      if ok && (value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value)) { ok = false }
      if !ok { return i }
      i += length
    }
    return nil
  }

  static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, littleEndian: Bool, name: String)
    throws(TextError) -> String
  {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var i = 2
    while i + 1 < bytes.count {
      let a = UInt16(bytes[i])
      let b = UInt16(bytes[i + 1])
      units.append(littleEndian ? a | b << 8 : a << 8 | b)
      i += 2
    }
    var result = String.UnicodeScalarView()
    var line = 1
    var column = 1
    var iterator = units.makeIterator()
    var decoder = UTF16()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        result.append(scalar)
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput:
        break loop
      case .error:
        throw .invalidUTF16(file: name, line: line, column: column)
      }
    }
    if bytes.count % 2 == 1 {
      throw .invalidUTF16(file: name, line: line, column: column)
    }
    return String(result)
  }

  /// Rejects NUL and C0/C1 control characters other than tab, line feed, vertical tab, form
  /// feed, carriage return, escape and next line: such a text is a binary file.
  static func rejectBinary(_ text: String, name: String) throws(TextError) {
    var line = 1
    var column = 1
    for scalar in text.unicodeScalars {
      let v = scalar.value
      if v == 0x0A {
        line += 1
        column = 1
        continue
      }
      if v < 0x20 && v != 0x09 && v != 0x0B && v != 0x0C && v != 0x0D && v != 0x1B || v == 0x7F
        || v >= 0x80 && v <= 0x9F && v != 0x85
      {
        throw .binary(file: name, line: line, column: column, codePoint: v)
      }
      column += 1
    }
  }

  /// 1-based line and column (in Unicode scalars) of byte `offset` of possibly invalid UTF-8.
  static func lineAndColumn(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (
    line: Int, column: Int
  ) {
    var line = 1
    var column = 1
    var i = 0
    while i < offset {
      if bytes[i] == 0x0A {
        line += 1
        column = 1
      } else if bytes[i] & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return (line, column)
  }
}

/// Turns UTF-8 byte offsets of a text into 1-based line and column numbers for display.
///
/// Columns count Unicode scalars from the start of the line. A line ends at LF (a CR before it
/// belongs to the line's end).
public struct LineIndex: Sendable {
  private let lineStarts: [Int]
  private let utf8: [UInt8]

  /// Indexes the line starts of `text`.
  /// - Complexity: O(n).
  public init(_ text: String) {
    utf8 = Array(text.utf8)
    var starts = [0]
    for (i, b) in utf8.enumerated() where b == 0x0A { starts.append(i + 1) }
    lineStarts = starts
  }

  /// A position that moves forward through the text, for offsets asked in increasing order.
  public struct Cursor {
    fileprivate var offset = 0
    fileprivate var line = 1
    fileprivate var column = 1

    /// A cursor at the start of the text.
    public init() {}

    fileprivate init(offset: Int, line: Int, column: Int) {
      self.offset = offset
      self.line = line
      self.column = column
    }
  }

  /// The 1-based line and column of byte `offset`, counting from `cursor` when the offset is not
  /// before it (then the cursor moves there): offsets in increasing order cost O(n) in all.
  public func location(of offset: Int, from cursor: inout Cursor) -> (line: Int, column: Int) {
    guard offset >= cursor.offset else {
      let result = location(of: offset)
      cursor = Cursor(offset: offset, line: result.line, column: result.column)
      return result
    }
    var line = cursor.line
    var column = cursor.column
    let limit = min(offset, utf8.count)
    utf8.withUnsafeBufferPointer { bytes in
      advanceLineAndColumn(
        &line, &column, over: UnsafeBufferPointer(rebasing: bytes[min(cursor.offset, limit)..<limit]))
    }
    cursor = Cursor(offset: offset, line: line, column: column)
    return (line, column)
  }

  /// The 1-based line and column of byte `offset`.
  /// - Complexity: O(log lines + length of the line).
  public func location(of offset: Int) -> (line: Int, column: Int) {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    var column = 1
    var i = lineStarts[low]
    while i < min(offset, utf8.count) {
      if utf8[i] & 0xC0 != 0x80 { column += 1 }
      i += 1
    }
    return (low + 1, column)
  }
}

/// Moves a 1-based line and column (columns in Unicode scalars) over UTF-8 `bytes`.
/// - Complexity: O(n) in the bytes.
func advanceLineAndColumn(_ line: inout Int, _ column: inout Int, over bytes: UnsafeBufferPointer<UInt8>) {
  for byte in bytes {
    if byte == 0x0A {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }
}

/// The bytes of `descriptor` up to its end, at most `InputLimits.maximumInputSize`.
///
/// With `stopAtNUL`, a NUL byte in a stream that is not UTF-16 (no byte-order mark) ends the
/// reading with `.binary` at its line and column: `/dev/zero` is refused at once.
/// - Throws: `TextError.unreadable` with the system's reason (a closed descriptor: "not open";
///   a directory: "is a directory"), `.tooLarge`, or `.binary`.
/// - Complexity: O(n) in the bytes read.
func readAll(_ descriptor: Int32, name: String, stopAtNUL: Bool = false) throws(TextError) -> [UInt8] {
  let limit = InputLimits.maximumInputSize
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = read(descriptor, &chunk, chunk.count)
    if n < 0 {
      let code = errno
      if code == EINTR { continue }
      switch code {
      case EBADF: throw .unreadable(file: name, reason: "not open (the descriptor is closed)")
      case EISDIR: throw .unreadable(file: name, reason: "is a directory, not a text file")
      default: throw .unreadable(file: name, reason: String(cString: strerror(code)))
      }
    }
    if n == 0 { break }
    if bytes.count + n > limit { throw .tooLarge(file: name, limit: limit) }
    let start = bytes.count
    bytes.append(contentsOf: chunk[0..<n])
    let isUTF16 =
      bytes.count >= 2 && (bytes[0] == 0xFF && bytes[1] == 0xFE || bytes[0] == 0xFE && bytes[1] == 0xFF)
    if stopAtNUL && !isUTF16, let nul = bytes[start...].firstIndex(of: 0) {
      let (line, column) = bytes.withUnsafeBufferPointer { SourceText.lineAndColumn(ofByte: nul, in: $0) }
      throw .binary(file: name, line: line, column: column, codePoint: 0)
    }
  }
  return bytes
}

/// The bytes of the file at `path`, read with `open` and `read`; a directory is refused, and so
/// is a file larger than `InputLimits.maximumInputSize`.
/// - Complexity: O(n) in the size of the file.
package func fileBytes(atPath path: String) -> Result<[UInt8], TextError> {
  let descriptor = open(path, O_RDONLY)
  guard descriptor >= 0 else {
    let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
    return .failure(.unreadable(file: path, reason: reason))
  }
  defer { close(descriptor) }
  var info = stat()
  guard fstat(descriptor, &info) == 0 else {
    return .failure(.unreadable(file: path, reason: String(cString: strerror(errno))))
  }
  if info.st_mode & S_IFMT == S_IFDIR { return .failure(.unreadable(file: path, reason: "is a directory")) }
  let limit = InputLimits.maximumInputSize
  if info.st_mode & S_IFMT == S_IFREG && Int(info.st_size) > limit {
    return .failure(.tooLarge(file: path, limit: limit))
  }
  return Result { () throws(TextError) in try readAll(descriptor, name: path) }
}
