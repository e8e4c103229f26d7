// `entente check --format sarif` against the official SARIF 2.1.0 JSON schema: the built
// executable writes the logs (through `Workspace`, CLITests.swift) and scripts/validate-sarif,
// which installs jsonschema and the schema into .build/venv-sarif, validates them.

import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whether `python3` is on the PATH (scripts/validate-sarif needs it, and makes its venv with it).
private let hasPython3: Bool = {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/python3")
  }
}()

/// Runs scripts/validate-sarif on `files` (paths in `workspace`'s folder); its exit status and
/// stdout and stderr together.
private func validateSARIF(_ files: [String], in workspace: Workspace) async throws -> (Int32, String) {
  let output = FileManager.default.temporaryDirectory
    .appendingPathComponent("entente-validate-sarif-\(UUID().uuidString)")
  _ = FileManager.default.createFile(atPath: output.path, contents: nil)
  defer { try? FileManager.default.removeItem(at: output) }
  let handle = try FileHandle(forWritingTo: output)
  defer { try? handle.close() }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/bash")
  process.arguments = [repositoryURL.appendingPathComponent("scripts/validate-sarif").path] + files
  process.currentDirectoryURL = workspace.folder
  process.standardOutput = handle
  process.standardError = handle
  process.standardInput = FileHandle.nullDevice
  try process.run()
  // The first run creates the venv and installs jsonschema: minutes at most.
  let deadline = ContinuousClock.now + .seconds(600)
  while process.isRunning {
    if ContinuousClock.now >= deadline { kill(process.processIdentifier, SIGKILL) }
    try await Task.sleep(for: .milliseconds(50))
  }
  return (process.terminationStatus, String(decoding: try Data(contentsOf: output), as: UTF8.self))
}

@Suite("SARIF output against the SARIF 2.1.0 schema")
struct SARIFSchemaTests {
  static let article = "Fixtures/articles/001_783406020c5c45de"

  /// A workspace holding the fixture article (English source and French translation) and the
  /// news glossary, under their repository paths.
  func fixtureWorkspace() throws -> Workspace {
    try Workspace.withRepositoryFiles([
      "\(Self.article).en.txt", "\(Self.article).txt", "Glossaries/news-en-fr.tbx",
    ])
  }

  /// Runs `entente check arguments --format sarif`, which finds something in the fixture (exit
  /// 1), and writes its log to `name`.
  func writeSARIF(_ arguments: [String], to name: String, in workspace: Workspace) async throws {
    let result = try await workspace.run(
      ["check"] + arguments + ["--glossary", "Glossaries/news-en-fr.tbx", "--format", "sarif"])
    #expect(result.exitCode == 1, "stderr: \(result.stderr)")
    #expect(result.stdout.contains("\"results\""))
    try workspace.write(name, bytes: Array(result.stdoutData))
  }

  @Test(
    "Target only, source and target, and TMX logs are valid; a log with level «fatal» is not",
    .enabled(if: hasPython3, "scripts/validate-sarif needs python3 (it installs jsonschema itself)"))
  func schema() async throws {
    let workspace = try fixtureWorkspace()
    try await writeSARIF(["\(Self.article).txt"], to: "target.sarif", in: workspace)
    try await writeSARIF(["\(Self.article).en.txt", "\(Self.article).txt"], to: "pair.sarif", in: workspace)
    // A TMX of the same article, made by `entente align`: findings carry translation units.
    let tmx = try await workspace.run([
      "align", "\(Self.article).en.txt", "\(Self.article).txt", "--format", "tmx", "--output", "article.tmx",
    ])
    #expect(tmx.exitCode == 0, "stderr: \(tmx.stderr)")
    try await writeSARIF(["article.tmx"], to: "tmx.sarif", in: workspace)
    let log = String(decoding: try workspace.contents(of: "tmx.sarif"), as: UTF8.self)
    #expect(log.contains("\"kind\" : \"translationUnit\"") && log.contains("\"ordinal\" : "))

    let (status, output) = try await validateSARIF(
      ["target.sarif", "pair.sarif", "tmx.sarif"], in: workspace)
    #expect(status == 0, "\(output)")
    for name in ["target.sarif", "pair.sarif", "tmx.sarif"] {
      #expect(output.contains("\(name): valid\n"), "\(output)")
    }

    // The same log with a level SARIF does not have.
    let broken = try #require(log.range(of: "\"level\" : \"error\""))
    try workspace.write("broken.sarif", log.replacingCharacters(in: broken, with: "\"level\" : \"fatal\""))
    let (badStatus, badOutput) = try await validateSARIF(["tmx.sarif", "broken.sarif"], in: workspace)
    #expect(badStatus == 1, "\(badOutput)")
    #expect(badOutput.contains("tmx.sarif: valid\n") && badOutput.contains("broken.sarif: invalid\n"))
    #expect(badOutput.contains("'fatal' is not one of"), "\(badOutput)")
  }

  @Test("JSON findings of a TMX name the file, the side and the unit")
  func tmxJSON() async throws {
    let workspace = try fixtureWorkspace()
    let tmx = try await workspace.run([
      "align", "\(Self.article).en.txt", "\(Self.article).txt", "--format", "tmx", "--output", "article.tmx",
    ])
    #expect(tmx.exitCode == 0, "stderr: \(tmx.stderr)")
    let json = try await workspace.run([
      "check", "article.tmx", "--glossary", "Glossaries/news-en-fr.tbx", "--format", "json",
    ])
    #expect(json.exitCode == 1, "stderr: \(json.stderr)")
    let findings = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [[String: Any]])
    #expect(!findings.isEmpty)
    for finding in findings {
      #expect(finding["file"] as? String == "article.tmx" && finding["side"] as? String == "target")
      let unit = try #require(finding["unit"] as? [String: Any])
      #expect(unit["id"] is String && (unit["ordinal"] as? Int ?? 0) >= 1)
      #expect((finding["message"] as? String)?.hasPrefix("unit ") == false)
    }
    // The text output still names the unit before the message.
    let text = try await workspace.run(["check", "article.tmx", "--glossary", "Glossaries/news-en-fr.tbx"])
    let id = try #require((findings.first?["unit"] as? [String: Any])?["id"] as? String)
    #expect(text.stdoutLines.first?.contains("] unit \(id): ") == true, "\(text.stdout)")
  }
}
