// The fuzz targets' kept inputs replayed without libFuzzer: no input may trap (issue #14).
import EntenteFuzz
import Foundation
import Testing

@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
  /// Tests/Fuzz, beside this file's folder.
  static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz")

  /// The files kept for `target`: its seeds, its minimized corpus and the inputs that once failed.
  static func files(for target: FuzzTarget) -> [URL] {
    ["corpus", "minimized", "regressions"].flatMap { kind -> [URL] in
      let folder = fuzzFolder.appendingPathComponent("\(kind)/\(target.rawValue)")
      let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      return names.sorted().filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
    }
  }

  @Test(
    "Every kept input of a target runs through it without a trap (an error for bad input is fine)",
    .enabled(
      if: FileManager.default.fileExists(atPath: fuzzFolder.appendingPathComponent("corpus").path),
      "needs Tests/Fuzz/corpus from the repository"),
    arguments: FuzzTarget.allCases)
  func replay(target: FuzzTarget) throws {
    let files = Self.files(for: target)
    // Every target has seeds: an empty list would make this test pass without running anything.
    #expect(!files.isEmpty, "no kept input for \(target.rawValue)")
    for file in files {
      let bytes = try [UInt8](Data(contentsOf: file))
      // A trap here ends the test run, naming the target's code; the outcome is not judged.
      _ = target.run(bytes)
    }
  }

  @Test("The seeds are read: each target accepts its hand-made seeds", arguments: FuzzTarget.allCases)
  func seedsAccepted(target: FuzzTarget) throws {
    let folder = Self.fuzzFolder.appendingPathComponent("corpus/\(target.rawValue)")
    let seeds = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      .filter { !$0.hasPrefix(".") && !$0.hasPrefix("refused-") }
    #expect(!seeds.isEmpty)
    for name in seeds {
      let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
      #expect(target.run(bytes) == .accepted, "\(target.rawValue)/\(name)")
    }
  }

  @Test("Bad input is refused with a message naming the file and the place")
  func refusals() {
    guard case .refused(let tbx) = FuzzTarget.tbx.run(Array("<tbx><text>".utf8)) else {
      Issue.record("a truncated TBX file was accepted")
      return
    }
    #expect(tbx.hasPrefix("fuzz.tbx:1:"))
    guard case .refused(let text) = FuzzTarget.decode.run([0x41, 0xC3, 0x28]) else {
      Issue.record("ill-formed UTF-8 was accepted")
      return
    }
    #expect(text.hasPrefix("fuzz.txt:1:2: error"))
    let index = Array("a\tA\tZ\n".utf8)
    guard case .refused(let dictionary) = FuzzTarget.dictzip.run([UInt8(index.count), 0] + index) else {
      Issue.record("an index entry past the end of the dictionary was accepted")
      return
    }
    #expect(dictionary.contains("fuzz.index"))
  }
}
