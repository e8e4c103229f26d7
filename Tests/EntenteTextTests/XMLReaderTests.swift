import Foundation
import Testing
import _EntenteTestSupport

@testable import EntenteText

/// Records what the reader reports, as a flat list of events.
private final class Recorder: XMLContentHandler {
  var events: [String] = []
  var starts: [String: XMLPosition] = [:]
  var contentStarts: [String: XMLPosition] = [:]
  var attributes: [String: [String: String]] = [:]

  func startElement(
    _ name: String, attributes: [String: String], position: XMLPosition, contentStart: XMLPosition
  ) {
    events.append("<\(name)>")
    starts[name] = starts[name] ?? position
    contentStarts[name] = contentStarts[name] ?? contentStart
    self.attributes[name] = attributes
  }

  func endElement(_ name: String, position: XMLPosition) { events.append("</\(name)>") }

  func characters(_ text: String) { events.append(text) }
}

private func read(_ text: String) throws -> Recorder {
  let recorder = Recorder()
  try XMLReader(file: "test.xml").read(Array(text.utf8), into: recorder)
  return recorder
}

/// The syntax error reading `text` gives, or nil.
private func syntaxError(_ text: String) -> XMLSyntaxError? {
  do {
    _ = try read(text)
    return nil
  } catch {
    return error as? XMLSyntaxError
  }
}

/// 1-based line and column (in Unicode scalars) of UTF-8 byte `offset` of `text`.
private func position(of offset: Int, in text: String) -> XMLPosition {
  let prefix = String(decoding: Array(text.utf8)[..<offset], as: UTF8.self)
  let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
  return XMLPosition(line: lines.count, column: lines.last!.unicodeScalars.count + 1)
}

/// The CPU time the calling thread has used: what a synchronous piece of work costs, whatever else
/// runs on the machine meanwhile.
private func threadCPUTime() -> Duration {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}

@Suite("XMLReader")
struct XMLReaderTests {
  @Test("CDATA sections, character and entity references are text, all of it, in one piece")
  func textIsWhole() throws {
    let recorder = try read(
      "<a>AT&amp;T <![CDATA[<b>raw & bold</b>]]> caf&#233; &#x2014; d&apos;or &lt;x&gt; &quot;q&quot; end</a>"
    )
    #expect(recorder.events == ["<a>", "AT&T <b>raw & bold</b> café — d'or <x> \"q\" end", "</a>"])
  }

  @Test("Text between tags comes in one call, comments left out; CR LF and CR become LF")
  func textAcrossCommentsAndLineEnds() throws {
    let recorder = try read("<a>one\r\ntwo<!-- note -->\rthree<?pi x?> four</a>")
    #expect(recorder.events == ["<a>", "one\ntwo\nthree four", "</a>"])
  }

  @Test("Names lose their prefix; attributes keep theirs and are decoded")
  func namesAndAttributes() throws {
    let recorder = try read(
      #"<tbx xmlns:basic="x"><basic:termNote type='a &amp; b' xml:lang="fr"/></tbx>"#)
    #expect(recorder.events == ["<tbx>", "<termNote>", "</termNote>", "</tbx>"])
    #expect(recorder.attributes["termNote"] == ["type": "a & b", "xml:lang": "fr"])
  }

  @Test("Positions: the start tag's '<' and the place after its '>', columns in Unicode scalars")
  func positions() throws {
    let marked = MarkedText("<r>\n  <é>¦«x</é>\n ¦<b>y</b></r>")
    let recorder = try read(marked.text)
    #expect(recorder.contentStarts["é"] == position(of: marked.points[0], in: marked.text))
    #expect(recorder.starts["b"] == position(of: marked.points[1], in: marked.text))
    #expect(recorder.contentStarts["é"] == XMLPosition(line: 2, column: 6))
  }

  @Test("Text-only entities of the internal subset are expanded; external ones are never loaded")
  func internalEntities() throws {
    let recorder = try read(
      #"<!DOCTYPE a [<!ENTITY co "Corée du &nord;"><!ENTITY nord "Nord&#x21;"><!ELEMENT a ANY>]><a>&co;</a>"#)
    #expect(recorder.events == ["<a>", "Corée du Nord!", "</a>"])

    let secret = FileManager.default.temporaryDirectory.appendingPathComponent("entente-xml-\(UUID()).txt")
    try "SECRET-XML".write(to: secret, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: secret) }
    let marked = MarkedText(
      "<!DOCTYPE a [<!ENTITY leak SYSTEM \"\(secret.absoluteString)\">]>\n<a>x¦&leak;</a>")
    let error = try #require(syntaxError(marked.text))
    #expect(error.problem == .externalEntity("leak"))
    #expect(error.position == position(of: marked.points[0], in: marked.text))
    #expect(!error.description.contains("SECRET"))
    // An external DTD is not read either: its entity stays undeclared.
    let dtd = FileManager.default.temporaryDirectory.appendingPathComponent("entente-xml-\(UUID()).dtd")
    try #"<!ENTITY leak "SECRET-DTD">"#.write(to: dtd, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: dtd) }
    let external = syntaxError("<!DOCTYPE a SYSTEM \"\(dtd.absoluteString)\"><a>&leak;</a>")
    #expect(external?.problem == .undeclaredEntity("leak"))
  }

  @Test("An entity in an attribute value is expanded there and adds nothing to the text")
  func entitiesInAttributes() throws {
    let subset = #"<!DOCTYPE r [<!ENTITY pays "Corée du &nord;"><!ENTITY nord "Nord"><!ENTITY lang "fr">]>"#
    let inAttribute = try read(subset + #"<r><a x="&pays; !" y='&lang;'/></r>"#)
    #expect(inAttribute.events == ["<r>", "<a>", "</a>", "</r>"])
    #expect(inAttribute.attributes["a"] == ["x": "Corée du Nord !", "y": "fr"])

    let inContent = try read(subset + #"<r><a>&pays; (&lang;)</a></r>"#)
    #expect(inContent.events == ["<r>", "<a>", "Corée du Nord (fr)", "</a>", "</r>"])
    #expect(inContent.attributes["a"] == [:])

    let inBoth = try read(subset + #"<r lang="&lang;">&nord;<a x="&amp;&pays;&#38;">&pays;</a>&lang;</r>"#)
    #expect(inBoth.events == ["<r>", "Nord", "<a>", "Corée du Nord", "</a>", "fr", "</r>"])
    #expect(inBoth.attributes["r"] == ["lang": "fr"])
    #expect(inBoth.attributes["a"] == ["x": "&Corée du Nord&"])
  }

  @Test(
    "An entity in an attribute value that cannot be expanded is refused at its reference",
    arguments: [
      (#"<r>\#n  <a y="&lang;" x='a ¦&nbsp;'/></r>"#, XMLProblem.undeclaredEntity("nbsp")),
      (#"<r><a y="&lang;" x="&lang;¦&nbsp;"/></r>"#, .undeclaredEntity("nbsp")),
      (#"<r><a x="¦&ext;"/></r>"#, .externalEntity("ext")),
      (#"<r><a x="¦&bad;"/></r>"#, .undeclaredEntity("missing")),
      (#"<r><a x="¦&self;"/></r>"#, .recursiveEntity("self")),
    ])
  func entityErrorsInAttributes(marked: String, problem: XMLProblem) throws {
    let subset = #"""
      <!DOCTYPE r [<!ENTITY lang "fr"><!ENTITY ext SYSTEM "x.txt"><!ENTITY bad "a &missing; b">
      <!ENTITY self "x&self;">]>

      """#
    let text = MarkedText(subset + marked)
    let error = try #require(syntaxError(text.text))
    #expect(error.problem == problem)
    #expect(error.position == position(of: text.points[0], in: text.text))
  }

  @Test("An entity bomb is refused with a message that says so, quickly")
  func entityBomb() throws {
    var declarations = #"<!ENTITY l0 "lol">"#
    for level in 1...9 {
      let refs = String(repeating: "&l\(level - 1);", count: 10)
      declarations += "<!ENTITY l\(level) \"\(refs)\">"
    }
    let start = ContinuousClock.now
    let error = try #require(syntaxError("<!DOCTYPE a [\(declarations)]><a>&l9;</a>"))
    #expect(ContinuousClock.now - start < .seconds(30))
    guard case .entityExpansionLimit = error.problem else {
      Issue.record("expected entityExpansionLimit, got \(error.problem)")
      return
    }
    #expect(error.description.contains("an entity bomb"))
    #expect(error.description.hasPrefix("test.xml:1:"))

    let looping = try #require(syntaxError(#"<!DOCTYPE a [<!ENTITY x "&y;"><!ENTITY y "&x;">]><a>&x;</a>"#))
    #expect(looping.problem == .recursiveEntity("x"))
  }

  @Test("An entity bomb whose leaves are empty is refused too, in well under a second")
  func emptyLeafBomb() throws {
    // 10^10 references producing no text at all.
    var declarations = #"<!ENTITY l0 "">"#
    for level in 1...10 {
      declarations += "<!ENTITY l\(level) \"\(String(repeating: "&l\(level - 1);", count: 10))\">"
    }
    let marked = MarkedText("<!DOCTYPE a [\(declarations)]>\n<a>x¦&l10;</a>")
    // CPU time of this thread (the test is synchronous): the rest of the suite on two cores
    // does not count.
    let start = threadCPUTime()
    let error = try #require(syntaxError(marked.text))
    let elapsed = threadCPUTime() - start
    #expect(error.problem == .entityExpansionLimit(limit: marked.text.utf8.count + XMLReader.entityAllowance))
    #expect(error.position == position(of: marked.points[0], in: marked.text))
    // About 0.1 s in a debug build; counting only bytes produced, it would not end.
    #expect(elapsed < .seconds(1), "\(elapsed)")
  }

  @Test("Modest nested entities, long chains and '&' without a name in an entity's text are read")
  func legitimateEntities() async throws {
    // Nested three deep, referred to 1,000 times: 1,000 × 27 bytes.
    let nested = #"<!DOCTYPE a [<!ENTITY c "&b;&b;&b;"><!ENTITY b "&a;&a;&a;"><!ENTITY a "[&lt;]">]>"#
    let text = try read(nested + "<a>" + String(repeating: "&c;", count: 1000) + "</a>").events[1]
    #expect(text == String(repeating: "[<]", count: 9 * 1000))

    let (chain, ampersands, elapsed) = try await runOffPool {
      // CPU time of the thread that reads: the rest of the suite on two cores does not count.
      let start = threadCPUTime()
      // A chain of 20,000 entities, each referring to the next: expanded without recursion.
      let length = 20_000
      var chain = "<!DOCTYPE a ["
      for level in 0..<length { chain += "<!ENTITY e\(level) \"&e\(level + 1);\">" }
      chain += "<!ENTITY e\(length) \"end\">]><a>&e0;</a>"
      // "&#38;" in an entity's text is a bare '&' in its replacement: 100,000 of them in a row.
      let ampersands = String(repeating: "&#38;", count: 100_000)
      let document = #"<!DOCTYPE a [<!ENTITY amps ""# + ampersands + #"">]><a>&amps;</a>"#
      let events = (try read(chain).events, try read(document).events[1])
      return (events.0, events.1, threadCPUTime() - start)
    }
    #expect(chain == ["<a>", "end", "</a>"])
    #expect(ampersands == String(repeating: "&", count: 100_000))
    // About a second in a debug build on an idle machine; quadratic work would take minutes.
    #expect(elapsed < .seconds(30), "\(elapsed)")
  }

  @Test(
    "Malformed documents are refused at the place of the problem, in words",
    arguments: [
      ("<a><b>text¦</a>", "</a> does not close the open element <b> (opened at 1:4)"),
      ("<tu><seg>cut short", "the document ends inside <seg> (opened at 1:5)"),
      ("<a>x</a>¦<b/>", "content after the end of the root element"),
      ("<a>x</a>\n¦tail", "content after the end of the root element"),
      ("¦", "no root element (the document is empty)"),
      ("¦<a x='1' x='2'/>", "attribute x given twice"),
      ("<a x=¦1/>", "a quoted attribute value expected here"),
      ("<a x='¦<'/>", "'<' inside an attribute value (write &lt;)"),
      ("<a>AT¦& T</a>", "malformed reference '&'"),
      ("<a>¦&nbsp;</a>", "undeclared entity &nbsp;"),
      ("<a>¦&#0;</a>", "malformed reference '&#0;'"),
      ("<a>x¦<!-- open</a>", "the document ends inside a comment"),
      ("<a>¦<![CDATA[open</a>", "the document ends inside a CDATA section"),
      ("<a x='1'¦y='2'/>", "white space, '>' or '/>' expected here"),
      ("¦</a>", "</a> closes no open element"),
      ("<a>¦<b", "the document ends inside the start tag <b>"),
      ("<a>¦<b x='1'", "the document ends inside the start tag <b>"),
      ("<a>¦<b/", "the document ends inside the start tag <b>"),
      ("¦<a x=\"1\"", "the document ends inside the start tag <a>"),
      ("¦<a x='1", "the document ends inside the start tag <a>"),
      ("<a>\n  ¦<b x", "the document ends inside the start tag <b>"),
      ("<a>AT¦&", "malformed reference '&'"),
    ])
  func malformed(marked: String, reason: String) throws {
    let text = MarkedText(marked)
    let error = try #require(syntaxError(text.text))
    #expect(error.problem.description.hasPrefix(reason), "\(error)")
    if let point = text.points.first {
      #expect(error.position == position(of: point, in: text.text))
    }
    #expect(error.description.hasPrefix("test.xml:\(error.line):\(error.column): error: malformed XML: "))
  }

  @Test("Bytes that are not UTF-8 are a text error at their own place; UTF-16 with a BOM is read")
  func encodings() throws {
    #expect(throws: TextError.invalidUTF8(file: "test.xml", line: 2, column: 4, byte: 0xE9)) {
      try XMLReader(file: "test.xml").read(
        Array("<a>\ncaf".utf8) + [0xE9] + Array("</a>".utf8), into: Recorder())
    }
    let recorder = Recorder()
    try XMLReader(file: "test.xml").read(utf16WithBOM("<a>é</a>", littleEndian: true), into: recorder)
    #expect(recorder.events == ["<a>", "é", "</a>"])
  }

  @Test("Deep nesting and long text are read in linear time")
  func deepAndLong() async throws {
    let depth = 100_000
    let start = ContinuousClock.now
    // Off the cooperative pool: other tests' polling is not starved meanwhile.
    let (deep, long) = try await runOffPool {
      let deep = String(repeating: "<d>", count: depth) + String(repeating: "</d>", count: depth)
      let long = "<a>" + String(repeating: "mot &amp; ", count: 200_000) + "</a>"
      return (try read(deep).events.count, try read(long).events[1])
    }
    #expect(deep == 2 * depth)
    #expect(long == String(repeating: "mot & ", count: 200_000))
    // About a second in a debug build on an idle machine, tens of seconds beside the rest of the
    // suite on two cores; quadratic work would take hours.
    #expect(ContinuousClock.now - start < .seconds(180))
  }
}
