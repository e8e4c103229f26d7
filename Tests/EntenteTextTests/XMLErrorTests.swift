import Foundation
import Testing

@testable import EntenteText

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("XML parser error reasons")
struct XMLErrorTests {
  @Test(
    "libxml2 codes have reasons",
    arguments: [
      (1, "internal parser error, or the document exceeds the parser's size limit"),
      (5, "extra content after the root element"),
      (23, "entity reference without ';'"),
      (76, "end tag does not match the open element"),
      (89, "entity expansion too large or looping (an entity bomb?)"),
    ])
  func known(_ code: Int, _ reason: String) {
    #expect(xmlParserErrorReason(code: code) == reason)
  }

  @Test("unknown codes give the fallback", arguments: [0, 3, 999, -1])
  func unknown(_ code: Int) {
    #expect(xmlParserErrorReason(code: code) == "XML parser error \(code)")
  }

  /// The codes XMLParser reports are the ones the table is written for.
  @Test(
    "the parser's codes for common mistakes have their own reasons",
    arguments: [
      ("<a></b>", "end tag does not match the open element"),
      ("<a x='1' x='2'/>", "attribute given twice"),
      ("<a>&foo;</a>", "undeclared entity"),
      (
        "<!DOCTYPE a [<!ENTITY x \"&y;\"><!ENTITY y \"&x;\">]><a>&x;</a>",
        "entity expansion too large or looping (an entity bomb?)"
      ),
    ])
  func parserCodes(_ document: String, _ reason: String) throws {
    let parser = XMLParser(data: Data(document.utf8))
    parser.shouldResolveExternalEntities = false
    #expect(!parser.parse())
    let error = try #require(parser.parserError)
    #expect(xmlParserErrorReason(code: (error as NSError).code) == reason)
  }
}
