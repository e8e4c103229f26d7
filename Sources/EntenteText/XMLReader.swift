// Reading XML for the formats Entente reads (TBX, TMX, XLIFF, SRX): libxml2's SAX2 parser
// through CXMLShim, with no size limit (XML_PARSE_HUGE) and nothing ever loaded (no network, no
// DTD, no external entity). Text comes back whole (character data, CDATA sections and
// references together), positions as line:column, and every well-formedness error in words.

internal import CXMLShim

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
/// expand): libxml2's error, in Entente's words where it has them.
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
  /// Entity references expanding past `limit` bytes (references inside entities counting as many
  /// bytes as they are written with): an entity bomb ("billion laughs", or empty leaves).
  case entityExpansionLimit(limit: Int)
  /// A document longer than libxml2's memory parser takes (`limit` bytes).
  case documentTooLarge(limit: Int)
  /// Another problem, in libxml2's words.
  case other(String)

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
    case .documentTooLarge(let limit):
      "the document is longer than \(byteCountDescription(limit)), the most libxml2 reads"
    case .other(let message): message
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

/// A streaming, non-validating XML 1.0 reader over UTF-8 text: libxml2's SAX2 parser
/// (`xmlParseDocument` through CXMLShim's `ent_xml_parse`).
///
/// libxml2 checks well-formedness; the first problem comes back with its line and column, in
/// words. Predefined entities, character references and CDATA sections are read as text, and so
/// are the text-only entities of an internal DTD subset, in content and in attribute values,
/// which this reader expands itself (`XMLEntities`) within a budget of the document's size plus
/// `entityAllowance` bytes: the bytes entity references produce, and each reference expanded inside
/// an entity's text as many bytes as it is written with.
/// Nothing is ever loaded: libxml2 runs with `XML_PARSE_NONET` and without `XML_PARSE_DTDLOAD`,
/// `XML_PARSE_NOENT` or `XML_PARSE_DTDVALID`, so an external DTD is ignored, and a reference to an
/// external entity is refused. `XML_PARSE_HUGE` lifts libxml2's size and depth limits.
/// - Complexity: O(n) time in the size of the document; memory O(n) (libxml2 reads a copy of
///   the document) plus O(depth + largest text run).
public struct XMLReader {
  /// What entity expansion may cost beyond the document's own size, in bytes (see `XMLEntities`).
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

  /// Reads the document `text` into `handler` (libxml2's `xmlParseDocument`, through
  /// `ent_xml_parse`).
  /// - Throws: `XMLSyntaxError`, or the handler's own errors.
  /// - Complexity: O(n).
  public func read(_ text: String, into handler: some XMLContentHandler) throws {
    var text = text
    try text.withUTF8 { buffer in
      let session = XMLSession(bytes: buffer, file: file, handler: handler)
      try session.run()
    }
  }
}

/// One reading: the handler, the open elements, the pending text, the internal subset's
/// entities and the position cursor, behind the C callbacks `ent_xml_parse` calls.
private final class XMLSession {
  let bytes: UnsafeBufferPointer<UInt8>
  let file: String
  let handler: any XMLContentHandler
  /// Open elements: qualified name, local name and the place of the start tag.
  var stack: [(name: String, local: String, position: XMLPosition)] = []
  /// Text read since the last tag.
  var pending: [UInt8] = []
  /// The internal subset's general entities, and the budget of their expansion.
  var entities: XMLEntities
  /// The place of the `/` of the empty-element tag just started: its end.
  var emptyElementEnd: (offset: Int, position: XMLPosition)?
  /// The error that stopped the parse from a callback (the handler's, or an entity's).
  var failure: (any Error)?
  // The position cursor: line and column of byte `cursorOffset`.
  var cursorOffset = 0
  var cursorLine = 1
  var cursorColumn = 1

  init(bytes: UnsafeBufferPointer<UInt8>, file: String, handler: any XMLContentHandler) {
    self.bytes = bytes
    self.file = file
    self.handler = handler
    entities = XMLEntities(budget: bytes.count + XMLReader.entityAllowance)
  }

  /// Parses the whole buffer with `ent_xml_parse`.
  func run() throws {
    guard bytes.count <= Int(ENT_XML_MAXIMUM_LENGTH) else {
      throw fail(.documentTooLarge(limit: Int(ENT_XML_MAXIMUM_LENGTH)), at: 0)
    }
    var callbacks = ent_xml_handler(
      context: Unmanaged.passUnretained(self).toOpaque(),
      start_element: { context, prefix, localName, attributes, count, start, end in
        XMLSession.from(context).callback {
          try $0.startElement(
            prefix: prefix, localName: localName, attributes: attributes, count: Int(count),
            start: Int(start), end: Int(end))
        }
      },
      end_element: { context, prefix, localName, offset in
        XMLSession.from(context).callback {
          try $0.endElement(prefix: prefix, localName: localName, offset: Int(offset))
        }
      },
      characters: { context, text, length in
        let session = XMLSession.from(context)
        session.pending.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(length)))
        return 0
      },
      entity_declaration: { context, name, replacement in
        XMLSession.from(context).entities.declare(
          String(cString: name!), replacement: replacement.map { Array(String(cString: $0).utf8) })
      },
      entity_reference: { context, name, offset in
        XMLSession.from(context).callback {
          try $0.expand(String(cString: name!), into: &$0.pending, at: Int(offset))
        }
      })
    var error = ent_xml_error()
    let status = ent_xml_parse(bytes.baseAddress, Int64(bytes.count), &callbacks, &error)
    if let failure { throw failure }
    switch status {
    case Int32(ENT_XML_OK): return
    case Int32(ENT_XML_MALFORMED): throw syntaxError(error)
    default: throw fail(.other("libxml2 could not allocate its parser"), at: 0)
    }
  }

  static func from(_ context: UnsafeMutableRawPointer?) -> XMLSession {
    Unmanaged<XMLSession>.fromOpaque(context!).takeUnretainedValue()
  }

  /// Runs `body`; an error it throws is kept and stops the parse (nonzero for libxml2).
  func callback(_ body: (XMLSession) throws -> Void) -> Int32 {
    do {
      try body(self)
      return 0
    } catch {
      failure = error
      return 1
    }
  }

  // MARK: Positions

  /// The line and column of byte `offset`; offsets asked in increasing order cost O(n) in all.
  func position(_ offset: Int) -> XMLPosition {
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

  func fail(_ problem: XMLProblem, at offset: Int) -> XMLSyntaxError {
    XMLSyntaxError(file: file, position: position(offset), problem: problem)
  }

  // MARK: Elements and text

  func flushText() throws {
    guard !pending.isEmpty else { return }
    let text = String(decoding: pending, as: UTF8.self)
    pending.removeAll(keepingCapacity: true)
    try handler.characters(text)
  }

  static func qualifiedName(_ prefix: UnsafePointer<CChar>?, _ localName: UnsafePointer<CChar>?) -> (
    qualified: String, local: String
  ) {
    let local = String(cString: localName!)
    guard let prefix else { return (local, local) }
    return (String(cString: prefix) + ":" + local, local)
  }

  func startElement(
    prefix: UnsafePointer<CChar>?, localName: UnsafePointer<CChar>?,
    attributes: UnsafePointer<ent_xml_attribute>?,
    count: Int, start: Int, end: Int
  ) throws {
    try flushText()
    let (qualified, local) = Self.qualifiedName(prefix, localName)
    let position = position(start)
    var values: [String: String] = [:]
    // Where to look for the next entity reference in the tag (they come in document order).
    var referenceSearch = start
    for attribute in UnsafeBufferPointer(start: attributes, count: count) {
      let name = Self.qualifiedName(attribute.prefix, attribute.local_name).qualified
      let value = UnsafeBufferPointer(start: attribute.value, count: Int(attribute.length))
      values[name] = try decodedAttribute(value, inTag: start..<end, searchingFrom: &referenceSearch)
    }
    // ent_xml_parse reports only finished tags: `end` is a '>' or the '/' of "/>".
    let isEmpty = end < bytes.count && bytes[end] == UInt8(ascii: "/")
    if isEmpty { emptyElementEnd = (end, self.position(end)) }
    let contentStart = self.position(end + (isEmpty ? 2 : 1))
    try handler.startElement(local, attributes: values, position: position, contentStart: contentStart)
    stack.append((qualified, local, position))
  }

  func endElement(prefix: UnsafePointer<CChar>?, localName: UnsafePointer<CChar>?, offset: Int) throws {
    try flushText()
    stack.removeLast()
    let position: XMLPosition
    if let empty = emptyElementEnd, empty.offset == offset {
      position = empty.position
    } else {
      position = self.position(offset)
    }
    emptyElementEnd = nil
    try handler.endElement(Self.qualifiedName(prefix, localName).local, position: position)
  }

  /// An attribute value as libxml2 leaves it (`&#38;` for '&', `&name;` for an internal
  /// entity), with those references replaced. A problem with an entity is placed at its
  /// reference in `tag` (the first `&name;` from `searchFrom` on, which moves past it), or at the
  /// tag's '<' for a value the tag does not hold (an attribute-list declaration's default).
  /// - Complexity: O(v + t) in the value and the part of the tag searched, plus the expansion.
  func decodedAttribute(
    _ value: UnsafeBufferPointer<UInt8>, inTag tag: Range<Int>, searchingFrom searchFrom: inout Int
  ) throws(XMLSyntaxError) -> String {
    guard value.contains(UInt8(ascii: "&")) else { return String(decoding: value, as: UTF8.self) }
    var decoded: [UInt8] = []
    var i = 0
    while i < value.count {
      guard value[i] == UInt8(ascii: "&"), let semicolon = XMLEntities.referenceEnd(in: value, at: i) else {
        decoded.append(value[i])
        i += 1
        continue
      }
      let reference = value[i...semicolon]
      if reference.elementsEqual("&#38;".utf8) {
        decoded.append(UInt8(ascii: "&"))
      } else {
        let place = offset(of: reference, in: tag, from: &searchFrom)
        let name = String(decoding: value[(i + 1)..<semicolon], as: UTF8.self)
        try expand(name, into: &decoded, at: place)
      }
      i = semicolon + 1
    }
    return String(decoding: decoded, as: UTF8.self)
  }

  /// The offset of the first `reference` (`&name;`) in `tag` from `searchFrom` on, which then
  /// moves past it; the tag's start when there is none.
  /// - Complexity: O(t) in the bytes passed over: only places holding '&' are compared, and a
  ///   comparison stops within the reference written there.
  func offset(of reference: Slice<UnsafeBufferPointer<UInt8>>, in tag: Range<Int>, from searchFrom: inout Int)
    -> Int
  {
    var candidate = max(searchFrom, tag.lowerBound)
    while candidate + reference.count <= tag.upperBound {
      if bytes[candidate] == UInt8(ascii: "&")
        && bytes[candidate..<(candidate + reference.count)].elementsEqual(reference)
      {
        searchFrom = candidate + reference.count
        return candidate
      }
      candidate += 1
    }
    return tag.lowerBound
  }

  /// Appends the replacement text of entity `name` (see `XMLEntities.expand`); a problem is placed
  /// at `offset`, the reference in the document.
  /// - Complexity: O(b) in the expansion budget spent.
  func expand(_ name: String, into output: inout [UInt8], at offset: Int) throws(XMLSyntaxError) {
    do {
      try entities.expand(name, into: &output)
    } catch {
      throw fail(error.problem, at: offset)
    }
  }

  // MARK: libxml2's errors

  /// libxml2's first fatal error as an `XMLSyntaxError`: its code in Entente's words, at the
  /// start of the construct at fault where libxml2 stands further on.
  func syntaxError(_ error: ent_xml_error) -> XMLSyntaxError {
    let offset = min(max(Int(error.offset), 0), bytes.count)
    let message = withUnsafeBytes(of: error.message) {
      String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
    }
    let name1 = withUnsafeBytes(of: error.name1) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let name2 = withUnsafeBytes(of: error.name2) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let byteBefore = offset > 0 ? bytes[offset - 1] : nil
    let startTagErrors = [
      ENT_XML_ERR_ATTRIBUTE_NOT_STARTED, ENT_XML_ERR_ATTRIBUTE_NOT_FINISHED,
      ENT_XML_ERR_ATTRIBUTE_WITHOUT_VALUE, ENT_XML_ERR_SPACE_REQUIRED, ENT_XML_ERR_NAME_REQUIRED,
      ENT_XML_ERR_GT_REQUIRED,
    ].map { Int($0) }
    let isAtEnd = bytes[offset...].allSatisfy { $0 <= 0x20 || $0 == UInt8(ascii: "/") }
    if isAtEnd && startTagErrors.contains(Int(error.code)) && byteBefore != UInt8(ascii: "&"),
      let tag = truncatedStartTag()
    {
      // The document ends inside a start tag (libxml2 stands at its end, or on a '/' that nothing
      // follows): the place is the tag's.
      return fail(.unexpectedEnd(inside: "the start tag <\(tag.name)>"), at: tag.offset)
    }
    switch Int(error.code) {
    case Int(ENT_XML_ERR_DOCUMENT_EMPTY):
      let isBlank = bytes[offset...].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
      return fail(isBlank ? .noRootElement : .textBeforeRoot, at: offset)
    case Int(ENT_XML_ERR_DOCUMENT_END):
      return fail(.contentAfterRoot, at: offset)
    case Int(ENT_XML_ERR_INVALID_HEX_CHARREF), Int(ENT_XML_ERR_INVALID_DEC_CHARREF),
      Int(ENT_XML_ERR_INVALID_CHAR):
      // A character reference: libxml2 stands past its ';'.
      guard let ampersand = lastOffset(of: "&#", before: offset, within: 16) else {
        return fail(.other(message), at: offset)
      }
      return fail(
        .malformedReference(String(decoding: bytes[ampersand..<offset], as: UTF8.self)), at: ampersand)
    case Int(ENT_XML_ERR_LT_IN_ATTRIBUTE):
      return fail(.lessThanInAttribute, at: offset)
    case Int(ENT_XML_ERR_ATTRIBUTE_NOT_STARTED):
      return fail(.unexpected(expected: "a quoted attribute value"), at: offset)
    case Int(ENT_XML_ERR_ATTRIBUTE_REDEFINED):
      // libxml2 checks once the tag is read: the place is the tag's.
      return fail(.duplicateAttribute(name1), at: lastOffset(of: "<", before: offset) ?? offset)
    case Int(ENT_XML_ERR_COMMENT_NOT_FINISHED):
      return fail(.unexpectedEnd(inside: "a comment"), at: lastOffset(of: "<!--", before: offset) ?? offset)
    case Int(ENT_XML_ERR_PI_NOT_FINISHED):
      return fail(
        .unexpectedEnd(inside: "a processing instruction"), at: lastOffset(of: "<?", before: offset) ?? offset
      )
    case Int(ENT_XML_ERR_CDATA_NOT_FINISHED):
      return fail(
        .unexpectedEnd(inside: "a CDATA section"), at: lastOffset(of: "<![CDATA[", before: offset) ?? offset)
    case Int(ENT_XML_ERR_SPACE_REQUIRED) where message == "attributes construct error":
      return fail(.unexpected(expected: "white space, '>' or '/>'"), at: offset)
    case Int(ENT_XML_ERR_NAME_REQUIRED) where byteBefore == UInt8(ascii: "&"):
      return fail(.malformedReference("&"), at: offset - 1)
    case Int(ENT_XML_ERR_NAME_REQUIRED)
    where byteBefore == UInt8(ascii: "<") && offset < bytes.count
      && bytes[offset] == UInt8(ascii: "/"):
      // An end tag where a start tag must come: before the root element.
      let nameEnd =
        bytes[offset...].prefix(100).firstIndex { $0 == UInt8(ascii: ">") || $0 <= 0x20 } ?? offset + 1
      return fail(
        .endTagWithoutStart(String(decoding: bytes[(offset + 1)..<nameEnd], as: UTF8.self)), at: offset - 1)
    case Int(ENT_XML_ERR_NAME_REQUIRED):
      return fail(.nameExpected, at: offset)
    case Int(ENT_XML_ERR_TAG_NAME_MISMATCH):
      // libxml2 stands past the end tag.
      let endTag = lastOffset(of: "</", before: offset) ?? offset
      guard let open = stack.last else { return fail(.endTagWithoutStart(name2), at: endTag) }
      return fail(.mismatchedEndTag(found: name2, open: open.name, openedAt: open.position), at: endTag)
    case Int(ENT_XML_ERR_TAG_NOT_FINISHED):
      guard let open = stack.last else { return fail(.unexpectedEnd(inside: "a tag"), at: bytes.count) }
      return fail(.unclosedElement(open.local, openedAt: open.position), at: bytes.count)
    default:
      return fail(.other(message), at: offset)
    }
  }

  /// A start tag the document ends in: the offset of its '<' and its name, or nil when the last
  /// '<' does not open a start tag (an attribute value holds no '<', so the last one is the tag's).
  /// - Complexity: O(n) once, on an error.
  func truncatedStartTag() -> (offset: Int, name: String)? {
    guard let open = lastOffset(of: "<", before: bytes.count), open + 1 < bytes.count else { return nil }
    let first = bytes[open + 1]
    let isNameStart =
      first >= 0x80 || first == UInt8(ascii: "_") || first == UInt8(ascii: ":")
      || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20)
    guard isNameStart else { return nil }
    let nameEnd =
      bytes[(open + 1)...].firstIndex { $0 <= 0x20 || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ">") }
      ?? bytes.count
    return (open, String(decoding: bytes[(open + 1)..<nameEnd], as: UTF8.self))
  }

  /// The offset of the last `pattern` starting before `offset` (and at most `within` bytes
  /// before it, when given), or nil.
  /// - Complexity: O(n) once, on an error.
  func lastOffset(of pattern: StaticString, before offset: Int, within: Int? = nil) -> Int? {
    let count = pattern.utf8CodeUnitCount
    let pattern = UnsafeBufferPointer(start: pattern.utf8Start, count: count)
    let lowest = within.map { max(0, offset - $0) } ?? 0
    var start = min(offset, bytes.count) - 1
    while start >= lowest {
      if start + count <= bytes.count && bytes[start..<(start + count)].elementsEqual(pattern) {
        return start
      }
      start -= 1
    }
    return nil
  }
}
