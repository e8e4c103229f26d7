import EntenteText
import Foundation
import Testing

@Suite("Reading files")
struct SourceFileTests {
  /// Writes `bytes` to a fresh temporary file and returns its path.
  func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("entente-source-\(UUID().uuidString).txt").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    return path
  }

  @Test("A UTF-8 file with a BOM is read without it; UTF-16 files are decoded")
  func encodings() throws {
    let withBOM = try temporaryFile([0xEF, 0xBB, 0xBF] + Array("Été.\r\nFin.".utf8))
    defer { try? FileManager.default.removeItem(atPath: withBOM) }
    let source = try SourceText(contentsOfFile: withBOM)
    #expect(source.text == "Été.\r\nFin." && source.encoding == .utf8WithBOM && source.name == withBOM)

    var utf16: [UInt8] = [0xFF, 0xFE]
    for unit in "Séoul".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let utf16File = try temporaryFile(utf16)
    defer { try? FileManager.default.removeItem(atPath: utf16File) }
    #expect(try SourceText(contentsOfFile: utf16File).text == "Séoul")
  }

  @Test("Bad files: invalid UTF-8 with its position, a directory, a missing file")
  func badFiles() throws {
    let invalid = try temporaryFile(Array("ok\nab".utf8) + [0xC3, 0x28])
    defer { try? FileManager.default.removeItem(atPath: invalid) }
    #expect(throws: TextError.invalidUTF8(file: invalid, line: 2, column: 3, byte: 0xC3)) {
      try SourceText(contentsOfFile: invalid)
    }
    #expect(throws: TextError.self) { try SourceText(contentsOfFile: NSTemporaryDirectory()) }
    #expect(throws: TextError.self) { try SourceText(contentsOfFile: "/no/such/file.txt") }
  }
}
