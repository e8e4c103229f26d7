import EntenteAlign
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Collects the elements of an XML document with their attributes and text, and parse errors.
final class XMLCollector: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var parent: String?
    var text = ""
  }
  var elements: [Element] = []
  var stack: [Int] = []
  var error: Error?

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    elements.append(Element(name: name, attributes: attributes, parent: stack.last.map { elements[$0].name }))
    stack.append(elements.count - 1)
  }

  func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?)
  {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let last = stack.last { elements[last].text += string }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

@Suite("TMX 1.4b output")
struct TMXTests {
  /// Parses `document` and checks the rules of the TMX 1.4b DTD that matter for aligned output.
  func checkTMXRules(_ document: String) throws -> [XMLCollector.Element] {
    let parser = XMLParser(data: Data(document.utf8))
    parser.shouldResolveExternalEntities = false
    let collector = XMLCollector()
    parser.delegate = collector
    #expect(parser.parse())
    #expect(collector.error == nil)
    let elements = collector.elements
    // <tmx version="1.4"> holds one <header> then one <body>.
    let root = try #require(elements.first)
    #expect(root.name == "tmx" && root.attributes["version"] == "1.4")
    #expect(elements.filter { $0.parent == "tmx" }.map(\.name) == ["header", "body"])
    // The header's required attributes (TMX 1.4b DTD: #REQUIRED).
    let header = try #require(elements.first { $0.name == "header" })
    for attribute in [
      "creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype",
    ] {
      #expect(header.attributes[attribute]?.isEmpty == false, "header lacks \(attribute)")
    }
    #expect(["block", "paragraph", "sentence", "phrase"].contains(header.attributes["segtype"] ?? ""))
    // body holds tu only; tu holds prop/note then tuv+; each tuv has xml:lang and one seg.
    #expect(elements.filter { $0.parent == "body" }.allSatisfy { $0.name == "tu" })
    #expect(elements.filter { $0.parent == "tu" }.allSatisfy { ["prop", "note", "tuv"].contains($0.name) })
    for tuv in elements where tuv.name == "tuv" {
      #expect(tuv.attributes["xml:lang"]?.isEmpty == false)
    }
    #expect(elements.filter { $0.name == "seg" }.count == elements.filter { $0.name == "tuv" }.count)
    #expect(elements.filter { $0.name == "seg" }.allSatisfy { $0.parent == "tuv" })
    return elements
  }

  @Test("A TMX document follows the DTD's rules; merged sentences are joined with a space")
  func structure() throws {
    let source = ["Hello & welcome <all>.", "Second \"one\".", "Dropped."]
    let target = ["Bonjour & bienvenue <à tous>.", "Deuxième", "« une »."]
    let beads = [
      Bead(source: [0], target: [0], cost: 1, confidence: 0.9),
      Bead(source: [1], target: [1, 2], cost: 2, confidence: 0.5),
      Bead(source: [2], target: [], cost: 3, confidence: 0.1),
    ]
    let document = formatAlignment(beads, source: source, target: target, format: .tmx)
    let elements = try checkTMXRules(document)
    #expect(elements.filter { $0.name == "tu" }.count == 3)
    #expect(
      elements.filter { $0.name == "seg" }.map(\.text) == [
        "Hello & welcome <all>.", "Bonjour & bienvenue <à tous>.", "Second \"one\".", "Deuxième « une ».",
        "Dropped.",
      ])
    #expect(
      elements.filter { $0.name == "tuv" }.map { $0.attributes["xml:lang"] } == [
        "en", "fr", "en", "fr", "en",
      ])
    // Each unit says its bead's kind; the omission keeps its one side.
    #expect(
      elements.filter { $0.name == "prop" && $0.attributes["type"] == "x-entente-kind" }.map(\.text) == [
        "match", "match", "omission",
      ])
  }
}
