// XML text escaping, shared by every XML writer (TMX, TBX), and the readers' error reasons.

/// `text` with XML's special characters escaped, and characters XML 1.0 forbids dropped.
public func xmlEscaped(_ text: String) -> String {
  var result = ""
  result.reserveCapacity(text.utf8.count)
  for scalar in text.unicodeScalars {
    switch scalar {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    default:
      let v = scalar.value
      if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D || v == 0xFFFE || v == 0xFFFF { continue }
      result.unicodeScalars.append(scalar)
    }
  }
  return result
}

/// A reason for a libxml2 parser error code, for messages ("end tag does not match the open
/// element"); "XML parser error N" for a code without one.
///
/// XMLParser reports libxml2's `xmlParserErrors` values as its error codes
/// (`(error as NSError).code`), so SRX, TBX, TMX and XLIFF readers share this table.
/// - Parameter code: The libxml2 error code.
public func xmlParserErrorReason(code: Int) -> String {
  switch code {
  case 1: "internal parser error, or the document exceeds the parser's size limit"
  case 2: "out of memory"
  case 4: "no root element (the document is empty or a start tag is expected)"
  case 5: "extra content after the root element"
  case 6, 7, 8: "invalid character reference"
  case 9: "invalid character"
  case 22: "entity reference without a name"
  case 23: "entity reference without ';'"
  case 26: "undeclared entity"
  case 31: "unknown encoding"
  case 32: "unsupported encoding"
  case 38: "'<' in an attribute value"
  case 39: "attribute value not quoted"
  case 40: "attribute value not closed"
  case 41: "attribute without a value"
  case 42: "attribute given twice"
  case 45: "comment not closed"
  case 57: "XML declaration not closed"
  case 61: "DOCTYPE not closed"
  case 63: "CDATA section not closed"
  case 64: "XML declaration not at the start of the document"
  case 65: "space required"
  case 68: "name expected"
  case 73: "'>' expected"
  case 76: "end tag does not match the open element"
  case 77: "element not closed before the end of the document"
  case 81: "the document's bytes do not match its encoding"
  case 85: "elements not balanced"
  case 89: "entity expansion too large or looping (an entity bomb?)"
  default: "XML parser error \(code)"
  }
}
