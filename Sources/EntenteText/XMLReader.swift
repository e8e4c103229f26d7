// Reading XML: one small, linear, non-validating parser for the formats Entente reads (TBX,
// TMX, XLIFF, SRX). It never loads anything: no DTD, no external entity. Text comes back whole
// (character data, CDATA sections and references together), positions as line:column, and
// every well-formedness error in words.

#if canImport(Glibc)
  import Glibc
#endif

/// A 1-based line and column (columns count Unicode scalars) in an XML document.
public struct XMLPosition: Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public var description: String { "\(line):\(column)" }
}

/// What is wrong with a document that is not well-formed XML (or that Entente refuses to
/// expand).
public enum XMLProblem: Sendable, Hashable, CustomStringConvertible {
  /// No element at all (an empty document, or only a prolog).
  case noRootElement
  /// The document ends inside an element (a truncated file); `openedAt` is its start tag.
  case unclosedElement(String, openedAt: XMLPosition)
  /// The document ends inside a tag, comment, CDATA section, processing instruction or DOCTYPE.
  case unexpectedEnd(inside: String)
  /// An end tag that does not close the open element.
  case mismatchedEndTag(found: String, open: String, openedAt: XMLPosition)
  /// An end tag with no element open.
  case endTagWithoutStart(String)
  /// An element, text or reference after the root element has ended.
  case contentAfterRoot
  /// Text (other than white space) or a reference before the root element.
  case textBeforeRoot
  /// A name is expected (of an element, attribute or entity).
  case nameExpected
  /// Something else than what the syntax allows here; `expected` says what would.
  case unexpected(expected: String)
  /// An attribute given twice on one element.
  case duplicateAttribute(String)
  /// A `<` inside an attribute value.
  case lessThanInAttribute
  /// `&` not followed by a name and `;`, or a character reference that names no XML character.
  case malformedReference(String)
  /// A reference to an entity the document does not declare.
  case undeclaredEntity(String)
  /// A reference to an external entity (`SYSTEM` or `PUBLIC`): never loaded, refused.
  case externalEntity(String)
  /// An entity whose replacement holds markup (`<`): Entente expands text-only entities.
  case entityWithMarkup(String)
  /// An entity that refers to itself, directly or through others.
  case recursiveEntity(String)
  /// Entity references expanding past `limit` bytes: an entity bomb ("billion laughs").
  case entityExpansionLimit(limit: Int)
  /// A DOCTYPE after the first element, or a second one.
  case misplacedDoctype

  public var description: String {
    switch self {
    case .noRootElement: "no root element (the document is empty)"
    case .unclosedElement(let name, let position):
      "the document ends inside <\(name)> (opened at \(position)): the file is truncated or an end tag is missing"
    case .unexpectedEnd(let construct): "the document ends inside \(construct): the file is truncated"
    case .mismatchedEndTag(let found, let open, let position):
      "</\(found)> does not close the open element <\(open)> (opened at \(position))"
    case .endTagWithoutStart(let name): "</\(name)> closes no open element"
    case .contentAfterRoot: "content after the end of the root element"
    case .textBeforeRoot: "text before the root element"
    case .nameExpected: "a name is expected here"
    case .unexpected(let expected): "\(expected) expected here"
    case .duplicateAttribute(let name): "attribute \(name) given twice"
    case .lessThanInAttribute: "'<' inside an attribute value (write &lt;)"
    case .malformedReference(let text): "malformed reference '\(text)' (a lone '&' must be written &amp;)"
    case .undeclaredEntity(let name): "undeclared entity &\(name);"
    case .externalEntity(let name): "&\(name); is an external entity, which is never loaded"
    case .entityWithMarkup(let name): "entity &\(name); holds markup, which is not expanded"
    case .recursiveEntity(let name): "entity &\(name); refers to itself"
    case .entityExpansionLimit(let limit):
      "entity references expand past \(byteCountDescription(limit)): an entity bomb? refused"
    case .misplacedDoctype: "DOCTYPE after the start of the document"
    }
  }
}

/// A document that is not well-formed XML, with the file and the place.
public struct XMLSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var position: XMLPosition
  public var problem: XMLProblem

  public init(file: String, position: XMLPosition, problem: XMLProblem) {
    self.file = file
    self.position = position
    self.problem = problem
  }

  public var line: Int { position.line }
  public var column: Int { position.column }
  public var description: String { "\(file):\(position): error: malformed XML: \(problem)" }
}

/// Receives a document's content, in order. Names are local names (`basic:termNote` gives
/// `termNote`); attributes are keyed by their name as written (`xml:lang`, `type`). An error a
/// handler throws stops the reading and comes out of `XMLReader.read` as it is.
public protocol XMLContentHandler: AnyObject {
  /// A start tag (an empty-element tag is a start tag and an end tag). `position` is the place
  /// of its `<`, `contentStart` the place just after its `>`.
  func startElement(
    _ name: String, attributes: [String: String], position: XMLPosition, contentStart: XMLPosition) throws
  /// An end tag; `position` is the place of its `<` (or of the `/>` of an empty element).
  func endElement(_ name: String, position: XMLPosition) throws
  /// Text: character data, CDATA sections and references, decoded, line breaks as LF. All the
  /// text between two tags comes in one call.
  func characters(_ text: String) throws
}

/// A streaming, non-validating XML 1.0 parser over UTF-8 text.
///
/// It checks well-formedness (tags nested and closed, attributes quoted and unique, references
/// well formed, one root element, nothing after it) and reports the first problem with its line
/// and column. Predefined entities, character references, CDATA sections and the text-only
/// entities of an internal DTD subset are read as text, with at most `maximumExpansion` bytes
/// produced by entity references. Nothing is ever loaded: an external DTD is ignored and a
/// reference to an external entity is refused.
/// - Complexity: O(n) time in the size of the document; memory O(depth + largest text run).
public struct XMLReader {
  /// Bytes entity references may produce beyond the document's own size.
  public static let entityAllowance = 1 << 20

  private let file: String

  /// A reader whose errors name `file`.
  public init(file: String) { self.file = file }

  /// Decodes `bytes` (UTF-8, or UTF-16 with a byte-order mark) and reads the document into
  /// `handler`.
  /// - Throws: `TextError` for bytes that are not text (with their line and column),
  ///   `XMLSyntaxError` for a document that is not well-formed, or the handler's own errors.
  /// - Complexity: O(n).
  public func read(_ bytes: [UInt8], into handler: some XMLContentHandler) throws {
    let source = try SourceText(decoding: bytes, name: file, allowEmpty: true)
    try read(source.text, into: handler)
  }

  /// Reads the document `text` into `handler`.
  /// - Throws: `XMLSyntaxError`, or the handler's own errors.
  /// - Complexity: O(n).
  public func read(_ text: String, into handler: some XMLContentHandler) throws {
    var text = text
    try text.withUTF8 { buffer in
      var parser = XMLParserState(bytes: buffer, file: file, handler: handler)
      try parser.parseDocument()
    }
  }
}

/// The parser's state over one buffer.
private struct XMLParserState {
  let bytes: UnsafeBufferPointer<UInt8>
  let file: String
  let handler: any XMLContentHandler
  var index = 0
  /// Open elements: qualified name, local name and the place of the start tag.
  var stack: [(name: String, local: String, position: XMLPosition)] = []
  var sawRoot = false
  var sawDoctype = false
  /// Text read since the last tag.
  var pending: [UInt8] = []
  /// Internal entities (replacement text, or nil for an external entity).
  var entities: [String: [UInt8]?] = [:]
  var expanding: [String] = []
  var expansionLeft: Int
  let expansionLimit: Int
  // The position cursor: line and column of byte `cursorOffset`.
  var cursorOffset = 0
  var cursorLine = 1
  var cursorColumn = 1

  init(bytes: UnsafeBufferPointer<UInt8>, file: String, handler: any XMLContentHandler) {
    self.bytes = bytes
    self.file = file
    self.handler = handler
    expansionLimit = bytes.count + XMLReader.entityAllowance
    expansionLeft = expansionLimit
  }

  // MARK: Positions

  /// The line and column of byte `offset`; offsets asked in increasing order cost O(n) in all.
  mutating func position(_ offset: Int) -> XMLPosition {
    if offset < cursorOffset {
      cursorOffset = 0
      cursorLine = 1
      cursorColumn = 1
    }
    let end = min(offset, bytes.count)
    advanceLineAndColumn(
      &cursorLine, &cursorColumn, over: UnsafeBufferPointer(rebasing: bytes[cursorOffset..<end]))
    cursorOffset = max(cursorOffset, end)
    return XMLPosition(line: cursorLine, column: cursorColumn)
  }

  mutating func fail(_ problem: XMLProblem, at offset: Int) -> XMLSyntaxError {
    XMLSyntaxError(file: file, position: position(offset), problem: problem)
  }

  // MARK: Bytes

  func peek(_ offset: Int = 0) -> UInt8? {
    index + offset < bytes.count ? bytes[index + offset] : nil
  }

  func hasPrefix(_ prefix: StaticString, at offset: Int) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard offset + count <= bytes.count else { return false }
    let start = prefix.utf8Start
    for k in 0..<count where bytes[offset + k] != start[k] { return false }
    return true
  }

  /// The offset just after the first `terminator` at or after `from`, or nil.
  func find(_ terminator: StaticString, from: Int) -> Int? {
    let count = terminator.utf8CodeUnitCount
    let first = terminator.utf8Start[0]
    var i = from
    while i + count <= bytes.count {
      if bytes[i] == first && hasPrefix(terminator, at: i) { return i + count }
      i += 1
    }
    return nil
  }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

  static func isNameStart(_ byte: UInt8) -> Bool {
    byte >= 0x80 || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
      || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
  }

  static func isNameByte(_ byte: UInt8) -> Bool {
    isNameStart(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
  }

  mutating func skipSpace() {
    while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 }
  }

  mutating func name() throws(XMLSyntaxError) -> String {
    try qualifiedName().qualified
  }

  /// A name and its local part (after the last ':').
  mutating func qualifiedName() throws(XMLSyntaxError) -> (qualified: String, local: String) {
    guard let first = peek() else { throw fail(.unexpectedEnd(inside: "a tag"), at: index) }
    guard Self.isNameStart(first) else { throw fail(.nameExpected, at: index) }
    let start = index
    var localStart = index
    while index < bytes.count && Self.isNameByte(bytes[index]) {
      if bytes[index] == UInt8(ascii: ":") { localStart = index + 1 }
      index += 1
    }
    let qualified = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    guard localStart > start else { return (qualified, qualified) }
    return (
      qualified, String(decoding: UnsafeBufferPointer(rebasing: bytes[localStart..<index]), as: UTF8.self)
    )
  }

  mutating func expect(_ byte: UInt8, _ what: String, inside construct: String) throws(XMLSyntaxError) {
    guard let found = peek() else { throw fail(.unexpectedEnd(inside: construct), at: index) }
    guard found == byte else { throw fail(.unexpected(expected: what), at: index) }
    index += 1
  }

  // MARK: Document

  mutating func parseDocument() throws {
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "<") {
        try markup()
      } else if byte == UInt8(ascii: "&") {
        guard !stack.isEmpty else { throw fail(sawRoot ? .contentAfterRoot : .textBeforeRoot, at: index) }
        var text: [UInt8] = []
        swap(&text, &pending)
        defer { swap(&text, &pending) }
        try reference(into: &text)
      } else {
        try characterData()
      }
    }
    if let open = stack.last {
      throw fail(.unclosedElement(open.local, openedAt: open.position), at: bytes.count)
    }
    if !sawRoot { throw fail(.noRootElement, at: bytes.count) }
  }

  mutating func characterData() throws(XMLSyntaxError) {
    let start = index
    // The run ends at the next '<' or '&' (memchr: C speed even in a debug build).
    var end = offset(of: UInt8(ascii: "<"), from: index, to: bytes.count)
    end = offset(of: UInt8(ascii: "&"), from: index, to: end)
    index = end
    if stack.isEmpty {
      if let offset = (start..<end).first(where: { !Self.isSpace(bytes[$0]) }) {
        throw fail(sawRoot ? .contentAfterRoot : .textBeforeRoot, at: offset)
      }
      return
    }
    // CR LF and a lone CR are LF (XML's end-of-line handling).
    var runStart = start
    while true {
      let cr = offset(of: 0x0D, from: runStart, to: end)
      pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<cr]))
      guard cr < end else { break }
      pending.append(0x0A)
      runStart = cr + 1 < end && bytes[cr + 1] == 0x0A ? cr + 2 : cr + 1
    }
  }

  /// The offset of the first `byte` in `from..<to`, or `to`.
  func offset(of byte: UInt8, from: Int, to: Int) -> Int {
    guard from < to, let base = bytes.baseAddress else { return to }
    guard let found = memchr(base + from, Int32(byte), to - from) else { return to }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
  }

  mutating func flushText() throws {
    guard !pending.isEmpty else { return }
    let text = String(decoding: pending, as: UTF8.self)
    pending.removeAll(keepingCapacity: true)
    try handler.characters(text)
  }

  /// Skips a comment or processing instruction at `index`; false when there is none.
  mutating func skipCommentOrInstruction() throws(XMLSyntaxError) -> Bool {
    let (opening, closing, construct): (StaticString, StaticString, String)
    if hasPrefix("<!--", at: index) {
      (opening, closing, construct) = ("<!--", "-->", "a comment")
    } else if hasPrefix("<?", at: index) {
      (opening, closing, construct) = ("<?", "?>", "a processing instruction")
    } else {
      return false
    }
    guard let end = find(closing, from: index + opening.utf8CodeUnitCount) else {
      throw fail(.unexpectedEnd(inside: construct), at: index)
    }
    index = end
    return true
  }

  mutating func markup() throws {
    let start = index
    if try skipCommentOrInstruction() {
      return
    } else if hasPrefix("<![CDATA[", at: index) {
      guard !stack.isEmpty else { throw fail(sawRoot ? .contentAfterRoot : .textBeforeRoot, at: start) }
      guard let end = find("]]>", from: index + 9) else {
        throw fail(.unexpectedEnd(inside: "a CDATA section"), at: start)
      }
      var i = index + 9
      while i < end - 3 {
        if bytes[i] == 0x0D {
          pending.append(0x0A)
          if i + 1 < end - 3 && bytes[i + 1] == 0x0A { i += 1 }
        } else {
          pending.append(bytes[i])
        }
        i += 1
      }
      index = end
    } else if hasPrefix("<!DOCTYPE", at: index) {
      guard !sawRoot && !sawDoctype else { throw fail(.misplacedDoctype, at: start) }
      sawDoctype = true
      try doctype()
    } else if hasPrefix("</", at: index) {
      try flushText()
      try endTag()
    } else if peek(1) == UInt8(ascii: "!") {
      throw fail(.unexpected(expected: "a comment, CDATA section or DOCTYPE"), at: start)
    } else {
      try flushText()
      try startTag()
    }
  }

  mutating func startTag() throws {
    let start = index
    if stack.isEmpty && sawRoot { throw fail(.contentAfterRoot, at: start) }
    index += 1
    let (qualified, local) = try qualifiedName()
    var attributes: [String: String] = [:]
    while true {
      let hadSpace = peek().map(Self.isSpace) ?? false
      skipSpace()
      guard let byte = peek() else { throw fail(.unexpectedEnd(inside: "the tag <\(qualified)>"), at: start) }
      if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
      guard hadSpace else { throw fail(.unexpected(expected: "white space, '>' or '/>'"), at: index) }
      let attributeStart = index
      let attribute = try name()
      skipSpace()
      try expect(UInt8(ascii: "="), "'=' after the attribute name", inside: "the tag <\(qualified)>")
      skipSpace()
      let value = try attributeValue(inside: qualified)
      guard attributes.updateValue(value, forKey: attribute) == nil else {
        throw fail(.duplicateAttribute(attribute), at: attributeStart)
      }
    }
    let isEmpty = peek() == UInt8(ascii: "/")
    let slash = index
    if isEmpty { index += 1 }
    try expect(UInt8(ascii: ">"), "'>'", inside: "the tag <\(qualified)>")
    sawRoot = true
    let position = position(start)
    let contentStart = self.position(index)
    try handler.startElement(local, attributes: attributes, position: position, contentStart: contentStart)
    if isEmpty {
      try handler.endElement(local, position: self.position(slash))
    } else {
      stack.append((qualified, local, position))
    }
  }

  mutating func attributeValue(inside element: String) throws(XMLSyntaxError) -> String {
    guard let quote = peek() else { throw fail(.unexpectedEnd(inside: "the tag <\(element)>"), at: index) }
    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
      throw fail(.unexpected(expected: "a quoted attribute value"), at: index)
    }
    index += 1
    var value: [UInt8] = []
    while true {
      guard let byte = peek() else { throw fail(.unexpectedEnd(inside: "the tag <\(element)>"), at: index) }
      if byte == quote {
        index += 1
        break
      }
      switch byte {
      case UInt8(ascii: "<"): throw fail(.lessThanInAttribute, at: index)
      case UInt8(ascii: "&"): try reference(into: &value)
      case 0x0D:
        value.append(0x20)
        index += peek(1) == 0x0A ? 2 : 1
      case 0x09, 0x0A:
        value.append(0x20)
        index += 1
      default:
        value.append(byte)
        index += 1
      }
    }
    return String(decoding: value, as: UTF8.self)
  }

  mutating func endTag() throws {
    let start = index
    index += 2
    let qualified = try name()
    skipSpace()
    try expect(UInt8(ascii: ">"), "'>'", inside: "the end tag </\(qualified)>")
    guard let open = stack.last else {
      throw fail(sawRoot ? .contentAfterRoot : .endTagWithoutStart(qualified), at: start)
    }
    guard open.name == qualified else {
      throw fail(.mismatchedEndTag(found: qualified, open: open.name, openedAt: open.position), at: start)
    }
    stack.removeLast()
    try handler.endElement(open.local, position: position(start))
  }

  // MARK: References

  /// Reads `&…;` at `index` and appends its text.
  mutating func reference(into output: inout [UInt8]) throws(XMLSyntaxError) {
    let start = index
    guard
      let semicolon = (index + 1..<min(bytes.count, index + 64)).first(where: {
        bytes[$0] == UInt8(ascii: ";")
      })
    else { throw fail(.malformedReference(snippet(from: start)), at: start) }
    let body = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<semicolon])
    index = semicolon + 1
    if body.first == UInt8(ascii: "#") {
      guard let scalar = characterReference(body), isXMLCharacter(scalar.value) else {
        throw fail(.malformedReference(String(decoding: bytes[start..<index], as: UTF8.self)), at: start)
      }
      output.append(contentsOf: String(scalar).utf8)
      return
    }
    let name = String(decoding: body, as: UTF8.self)
    guard let first = body.first, Self.isNameStart(first), body.allSatisfy(Self.isNameByte) else {
      throw fail(.malformedReference(String(decoding: bytes[start..<index], as: UTF8.self)), at: start)
    }
    try appendEntity(name, into: &output, at: start)
  }

  /// Appends the text of entity `name`: a predefined one, or an internal entity expanded.
  mutating func appendEntity(_ name: String, into output: inout [UInt8], at offset: Int)
    throws(XMLSyntaxError)
  {
    switch name {
    case "lt": output.append(UInt8(ascii: "<"))
    case "gt": output.append(UInt8(ascii: ">"))
    case "amp": output.append(UInt8(ascii: "&"))
    case "apos": output.append(UInt8(ascii: "'"))
    case "quot": output.append(UInt8(ascii: "\""))
    default: try expand(name, into: &output, at: offset)
    }
  }

  /// Appends the replacement text of the internal entity `name`, its own references expanded.
  mutating func expand(_ name: String, into output: inout [UInt8], at offset: Int) throws(XMLSyntaxError) {
    guard let declared = entities[name] else { throw fail(.undeclaredEntity(name), at: offset) }
    guard let replacement = declared else { throw fail(.externalEntity(name), at: offset) }
    guard !expanding.contains(name) else { throw fail(.recursiveEntity(name), at: offset) }
    expanding.append(name)
    defer { expanding.removeLast() }
    var i = 0
    while i < replacement.count {
      let byte = replacement[i]
      if byte == UInt8(ascii: "<") { throw fail(.entityWithMarkup(name), at: offset) }
      if byte == UInt8(ascii: "&"), let end = replacement[i...].firstIndex(of: UInt8(ascii: ";")) {
        try appendEntity(
          String(decoding: replacement[(i + 1)..<end], as: UTF8.self), into: &output, at: offset)
        expansionLeft -= 1
        i = end + 1
        continue
      }
      output.append(byte)
      expansionLeft -= 1
      i += 1
      if expansionLeft < 0 { throw fail(.entityExpansionLimit(limit: expansionLimit), at: offset) }
    }
  }

  func characterReference(_ body: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
    let isHex = body.count > 1 && body[1] == UInt8(ascii: "x")
    let digits = String(decoding: body.dropFirst(isHex ? 2 : 1), as: UTF8.self)
    guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: isHex ? 16 : 10) else {
      return nil
    }
    return Unicode.Scalar(value)
  }

  func isXMLCharacter(_ value: UInt32) -> Bool {
    value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
      || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
  }

  func snippet(from offset: Int) -> String {
    var end = offset + 1
    while end < bytes.count && end < offset + 20 && Self.isNameByte(bytes[end]) { end += 1 }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
  }

  // MARK: DOCTYPE

  /// Reads `<!DOCTYPE name [external id] [internal subset]>`: the internal subset's general
  /// entities are kept (text, or external: never loaded); everything else is skipped.
  mutating func doctype() throws(XMLSyntaxError) {
    let start = index
    index += 9
    while let byte = peek(), byte != UInt8(ascii: "[") && byte != UInt8(ascii: ">") {
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        _ = try quoted(inside: "the DOCTYPE")
      } else {
        index += 1
      }
    }
    guard let byte = peek() else { throw fail(.unexpectedEnd(inside: "the DOCTYPE"), at: start) }
    if byte == UInt8(ascii: "[") {
      index += 1
      while true {
        skipSpace()
        guard let next = peek() else { throw fail(.unexpectedEnd(inside: "the DOCTYPE"), at: start) }
        if next == UInt8(ascii: "]") {
          index += 1
          break
        }
        if hasPrefix("<!ENTITY", at: index) {
          try entityDeclaration()
        } else if try skipCommentOrInstruction() {
          continue
        } else if hasPrefix("<!", at: index) {
          try skipDeclaration()
        } else if next == UInt8(ascii: "%") {
          // A parameter-entity reference: it would load declarations; skipped.
          guard let end = (index..<bytes.count).first(where: { bytes[$0] == UInt8(ascii: ";") }) else {
            throw fail(.unexpectedEnd(inside: "the DOCTYPE"), at: index)
          }
          index = end + 1
        } else {
          throw fail(.unexpected(expected: "a declaration or ']'"), at: index)
        }
      }
      skipSpace()
    }
    try expect(UInt8(ascii: ">"), "'>' closing the DOCTYPE", inside: "the DOCTYPE")
  }

  mutating func quoted(inside construct: String) throws(XMLSyntaxError) -> [UInt8] {
    let quote = bytes[index]
    let start = index
    index += 1
    guard let end = (index..<bytes.count).first(where: { bytes[$0] == quote }) else {
      throw fail(.unexpectedEnd(inside: construct), at: start)
    }
    let value = Array(bytes[index..<end])
    index = end + 1
    return value
  }

  /// Skips `<!ELEMENT …>`, `<!ATTLIST …>` or `<!NOTATION …>`, quoted strings included.
  mutating func skipDeclaration() throws(XMLSyntaxError) {
    let start = index
    while let byte = peek() {
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        _ = try quoted(inside: "a declaration")
      } else {
        index += 1
        if byte == UInt8(ascii: ">") { return }
      }
    }
    throw fail(.unexpectedEnd(inside: "a declaration"), at: start)
  }

  /// `<!ENTITY name "text">`, `<!ENTITY name SYSTEM "uri">` (external: recorded, never
  /// loaded) or `<!ENTITY % name …>` (a parameter entity: skipped). The first declaration of a
  /// name wins, as XML says.
  mutating func entityDeclaration() throws(XMLSyntaxError) {
    let start = index
    index += 8
    skipSpace()
    if peek() == UInt8(ascii: "%") {
      index = start
      return try skipDeclaration()
    }
    let entity = try name()
    skipSpace()
    guard let byte = peek() else { throw fail(.unexpectedEnd(inside: "a declaration"), at: start) }
    var replacement: [UInt8]?
    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
      let raw = try quoted(inside: "a declaration")
      replacement = try expandCharacterReferences(raw, at: start)
    }
    index = start
    try skipDeclaration()
    if entities[entity] == nil { entities[entity] = .some(replacement) }
  }

  /// Character references in an entity's value are replaced when it is declared (XML 4.5).
  mutating func expandCharacterReferences(_ raw: [UInt8], at offset: Int) throws(XMLSyntaxError) -> [UInt8] {
    var result: [UInt8] = []
    var i = 0
    while i < raw.count {
      if raw[i] == UInt8(ascii: "&"), i + 1 < raw.count, raw[i + 1] == UInt8(ascii: "#"),
        let end = raw[i...].firstIndex(of: UInt8(ascii: ";"))
      {
        let scalar = raw.withUnsafeBufferPointer {
          characterReference(UnsafeBufferPointer(rebasing: $0[(i + 1)..<end]))
        }
        guard let scalar, isXMLCharacter(scalar.value) else {
          throw fail(.malformedReference(String(decoding: raw[i...end], as: UTF8.self)), at: offset)
        }
        result.append(contentsOf: String(scalar).utf8)
        i = end + 1
      } else {
        result.append(raw[i])
        i += 1
      }
    }
    return result
  }
}
