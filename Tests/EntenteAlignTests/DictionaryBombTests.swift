// A compressed dictionary that inflates without bound (issue #14).
import EntenteText
import Foundation
import Testing
import _EntenteTestSupport

@testable import EntenteAlign

@Suite("Compressed dictionaries: bounded inflation")
struct DictionaryBombTests {
  /// `count` zero bytes compressed by gzip(1) (about a thousandth of their size).
  private static func gzippedZeros(_ count: Int) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "head -c \(count) /dev/zero | gzip -c"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](data)
  }

  @Test("A plain-gzip .dict.dz inflating past the maximum is refused, naming the file and the limit")
  func bomb() async throws {
    let limit = InputLimits.maximumInflatedSize
    let bomb = try Self.gzippedZeros(limit + 1_000_000)
    #expect(bomb.count < limit / 100)
    #expect {
      try DictionaryBody.gunzip(bomb, path: "bomb.dict.dz")
    } throws: { error in
      guard
        case .unreadableDictionary("bomb.dict.dz", .tooLarge("bomb.dict.dz", limit)?) = error
          as? AlignmentError
      else { return false }
      return "\(error)".contains("larger than the maximum of 256 MiB")
    }
    // Under the limit, the same kind of file inflates whole.
    let small = try Self.gzippedZeros(1_000_000)
    #expect(
      try DictionaryBody.gunzip(small, path: "small.dict.dz") == [UInt8](repeating: 0, count: 1_000_000))
  }
}
