import EntenteText
import Testing
import _EntenteTestSupport

/// Bytes that are not valid UTF-8 after some valid text, and where the error must point.
struct InvalidUTF8Case: Sendable, CustomTestStringConvertible {
  var label: String
  /// Valid text before the bad bytes.
  var before: String
  var bad: [UInt8]
  /// Valid text after them.
  var after: String = ""
  var line: Int
  var column: Int
  var testDescription: String { label }

  var bytes: [UInt8] { Array(before.utf8) + bad + Array(after.utf8) }
}

@Suite("Reading text: SourceText and LineIndex")
struct SourceTextTests {
  @Test("UTF-8 without BOM is read as it is, CRLF and CR kept")
  func plainUTF8() throws {
    let text = "Première ligne\r\nDeuxième\rligne\nœuf 😀"
    let source = try SourceText(decoding: Array(text.utf8), name: "a.txt")
    #expect(source.text == text)
    #expect(source.encoding == .utf8)
    #expect(source.name == "a.txt")
  }

  @Test("UTF-8 with BOM: the BOM is not part of the text")
  func utf8WithBOM() throws {
    let source = try SourceText(decoding: [0xEF, 0xBB, 0xBF] + Array("Été\r\nœuf".utf8), name: "bom.txt")
    #expect(source.text == "Été\r\nœuf")
    #expect(source.text.unicodeScalars.first == "É")
    #expect(source.encoding == .utf8WithBOM)
  }

  @Test("UTF-16 with BOM, little- and big-endian", arguments: [true, false])
  func utf16(littleEndian: Bool) throws {
    let text = "« Été »\r\nœuf 😀 ﬁn\n"
    let source = try SourceText(decoding: utf16WithBOM(text, littleEndian: littleEndian), name: "u16.txt")
    #expect(source.text == text)
    #expect(source.encoding == (littleEndian ? .utf16LittleEndian : .utf16BigEndian))
  }

  @Test("UTF-16 errors: an unpaired surrogate and an odd length, with line:column")
  func invalidUTF16() throws {
    // "ab\n" then "c", a lone high surrogate, "d": the surrogate is line 2, column 2.
    var bytes = utf16WithBOM("ab\nc", littleEndian: true)
    bytes += [0x00, 0xD8] + [0x64, 0x00]
    #expect(throws: TextError.invalidUTF16(file: "s.txt", line: 2, column: 2)) {
      try SourceText(decoding: bytes, name: "s.txt")
    }
    // A lone low surrogate, big-endian, first character.
    #expect(throws: TextError.invalidUTF16(file: "s.txt", line: 1, column: 1)) {
      try SourceText(decoding: [0xFE, 0xFF, 0xDC, 0x00, 0x00, 0x41], name: "s.txt")
    }
    // Odd length: the half character after "Bonjour" is column 8.
    let odd = Array(utf16WithBOM("Bonjour!", littleEndian: true).dropLast())
    #expect(throws: TextError.invalidUTF16(file: "o.txt", line: 1, column: 8)) {
      try SourceText(decoding: odd, name: "o.txt")
    }
  }

  static let invalidUTF8Cases: [InvalidUTF8Case] = [
    InvalidUTF8Case(
      label: "lone continuation byte", before: "ab", bad: [0x80], after: "cd", line: 1, column: 3),
    InvalidUTF8Case(
      label: "continuation byte after a multi-byte character", before: "été\nœ", bad: [0xA9], line: 2,
      column: 2),
    InvalidUTF8Case(label: "truncated sequence at the end", before: "x\nyé", bad: [0xC3], line: 2, column: 3),
    InvalidUTF8Case(
      label: "truncated 4-byte sequence at the end", before: "ok\n\nz", bad: [0xF0, 0x9F, 0x98], line: 3,
      column: 2),
    InvalidUTF8Case(
      label: "lead byte then ASCII", before: "abc\n", bad: [0xC3, 0x28], after: "\n", line: 2, column: 1),
    InvalidUTF8Case(label: "overlong C0 AF", before: "a", bad: [0xC0, 0xAF], after: "b", line: 1, column: 2),
    InvalidUTF8Case(label: "overlong E0 80 AF", before: "«a", bad: [0xE0, 0x80, 0xAF], line: 1, column: 3),
    InvalidUTF8Case(
      label: "surrogate ED A0 80", before: "ab\nc", bad: [0xED, 0xA0, 0x80], after: "d", line: 2, column: 2),
    InvalidUTF8Case(
      label: "beyond U+10FFFF (F4 90 80 80)", before: "é", bad: [0xF4, 0x90, 0x80, 0x80], line: 1, column: 2),
    InvalidUTF8Case(
      label: "F5, never a lead byte", before: "", bad: [0xF5, 0x80, 0x80, 0x80], line: 1, column: 1),
    InvalidUTF8Case(label: "FF", before: "Ça\r\n", bad: [0xFF], after: "x", line: 2, column: 1),
  ]

  @Test("Invalid UTF-8 names the file, line, column and first bad byte", arguments: invalidUTF8Cases)
  func invalidUTF8(_ example: InvalidUTF8Case) {
    let expected = TextError.invalidUTF8(
      file: "t.txt", line: example.line, column: example.column, byte: example.bad[0])
    #expect(throws: expected) { try SourceText(decoding: example.bytes, name: "t.txt") }
    // After a BOM, positions still count from the first character of the text.
    #expect(throws: expected) { try SourceText(decoding: [0xEF, 0xBB, 0xBF] + example.bytes, name: "t.txt") }
  }

  @Test("The error message reads file:line:column")
  func invalidUTF8Message() {
    let error = TextError.invalidUTF8(file: "t.txt", line: 2, column: 1, byte: 0xC3)
    #expect(error.description.hasPrefix("t.txt:2:1: error: "))
    #expect(error.description.contains("0xC3"))
  }

  @Test(
    "Valid edge cases of UTF-8 are accepted",
    arguments: [
      "\u{A0}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFD}", "\u{10000}", "\u{10FFFF}",
    ])
  func validBoundaries(_ character: String) throws {
    let source = try SourceText(decoding: Array(("a" + character).utf8), name: "v.txt")
    #expect(source.text == "a" + character)
  }

  @Test("A NUL or other control character is a binary file, with its position")
  func binary() {
    #expect(throws: TextError.binary(file: "b.bin", line: 2, column: 3, codePoint: 0)) {
      try SourceText(decoding: Array("ab\nœd".utf8) + [0x00] + Array("ef".utf8), name: "b.bin")
    }
    #expect(throws: TextError.binary(file: "b.bin", line: 1, column: 1, codePoint: 0x01)) {
      try SourceText(decoding: [0x01, 0x41], name: "b.bin")
    }
    #expect(throws: TextError.binary(file: "b.bin", line: 1, column: 2, codePoint: 0x7F)) {
      try SourceText(decoding: [0x41, 0x7F], name: "b.bin")
    }
    // In UTF-16 too.
    #expect(throws: TextError.binary(file: "b.bin", line: 1, column: 2, codePoint: 0)) {
      try SourceText(decoding: utf16WithBOM("a\u{0}b", littleEndian: true), name: "b.bin")
    }
  }

  @Test("A C1 control character is a binary file too (next line excepted)")
  func c1Controls() throws {
    // C1 controls are refused, U+0085 excepted: they are the sign of Windows-1252 text decoded
    // as Latin-1 and saved as UTF-8 (’ becomes U+0092).
    #expect(try SourceText(decoding: Array("a\u{85}b".utf8), name: "c.txt").text == "a\u{85}b")
    #expect(throws: TextError.binary(file: "c.txt", line: 1, column: 2, codePoint: 0x92)) {
      try SourceText(decoding: Array("l\u{92}avion".utf8), name: "c.txt")
    }
  }

  @Test("Tab, form feed and other text controls are not binary")
  func textControls() throws {
    let text = "a\tb\u{0B}c\u{0C}d\u{1B}[0m\r\ne"
    #expect(try SourceText(decoding: Array(text.utf8), name: "c.txt").text == text)
  }

  @Test(
    "No text is an error unless allowEmpty",
    arguments: [[], [0xEF, 0xBB, 0xBF], Array(" \t\r\n\n  ".utf8), [0xFF, 0xFE], [0xFF, 0xFE, 0x20, 0x00]]
      as [[UInt8]])
  func empty(_ bytes: [UInt8]) throws {
    #expect(throws: TextError.empty(file: "e.txt")) { try SourceText(decoding: bytes, name: "e.txt") }
    let source = try SourceText(decoding: bytes, name: "e.txt", allowEmpty: true)
    #expect(source.text.allSatisfy { $0.isWhitespace })
    #expect(TextError.empty(file: "e.txt").description.hasPrefix("e.txt: error: "))
  }

  @Test("A text of no-break spaces only holds no text either")
  func noBreakSpacesOnly() throws {
    // No-break spaces are blank too: such a file gives no sentence at all.
    let bytes = Array("\u{00A0}\n\u{202F} \n".utf8)
    #expect(throws: TextError.empty(file: "e.txt")) { try SourceText(decoding: bytes, name: "e.txt") }
  }

  @Test("Text in memory keeps its name")
  func inMemory() {
    let source = SourceText(name: "<memory>", text: "Bonjour.")
    #expect(source.text == "Bonjour.")
    #expect(source.name == "<memory>")
    #expect(source.encoding == .utf8)
  }
}

@Suite("LineIndex")
struct LineIndexTests {
  @Test(
    "line:column of marked places, counted in characters",
    arguments: [
      // ¦ marks each place; the expected line:column of each follows.
      ("¦é¦\n¦œuf ¦😀¦x¦", [(1, 1), (1, 2), (2, 1), (2, 5), (2, 6), (2, 7)]),
      ("ab¦\r¦\n¦cd", [(1, 3), (1, 4), (2, 1)]),
      ("¦\n¦\n¦«\u{00A0}¦Élan\u{202F}¦»", [(1, 1), (2, 1), (3, 1), (3, 3), (3, 8)]),
      ("e\u{301}¦t", [(1, 3)]),
    ])
  func locations(marked: String, expected: [(Int, Int)]) {
    let text = MarkedText(marked)
    let index = LineIndex(text.text)
    #expect(text.points.count == expected.count)
    for (point, place) in zip(text.points, expected) {
      let location = index.location(of: point)
      #expect([location.line, location.column] == [place.0, place.1], "at byte \(point)")
    }
  }

  @Test("Many lines: each line start is column 1 of its line")
  func manyLines() {
    let lines = (1...500).map { "ligne \($0) : «\u{00A0}œuvre\u{00A0}» 😀" }
    let text = lines.joined(separator: "\n")
    let index = LineIndex(text)
    var offset = 0
    for (number, line) in lines.enumerated() {
      let start = index.location(of: offset)
      #expect(start.line == number + 1 && start.column == 1)
      let end = index.location(of: offset + line.utf8.count)
      #expect(end.line == number + 1 && end.column == line.unicodeScalars.count + 1)
      offset += line.utf8.count + 1
    }
  }

  @Test("The end of the text is just past its last character")
  func endOfText() {
    let text = "a\nbé"
    let location = LineIndex(text).location(of: text.utf8.count)
    #expect([location.line, location.column] == [2, 3])
  }
}
