// Progress on stderr: drawn on a terminal (a pseudo-terminal here), never into a pipe or with
// --quiet, and never changing what goes to stdout.
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Whether util-linux's `script` is there to give a child a pseudo-terminal.
let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

/// `arguments` quoted for `sh -c`.
private func shellQuoted(_ arguments: [String]) -> String {
  arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
}

@Suite("Progress on stderr")
struct ProgressTests {
  static let article = "Fixtures/articles/001_783406020c5c45de"
  static let glossary = repositoryURL.appendingPathComponent("Glossaries/news-en-fr.tbx").path
  static let source = repositoryURL.appendingPathComponent(article + ".en.txt").path
  static let target = repositoryURL.appendingPathComponent(article + ".txt").path

  /// Runs `entente arguments` with stderr on a pseudo-terminal (util-linux's `script` makes
  /// one; the child's stdout goes to a file) or on a pipe; returns the exit code, stdout, and
  /// what reached stderr.
  func run(_ arguments: [String], onTerminal: Bool) throws -> (Int32, Data, String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("entente-progress-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let stdoutFile = folder.appendingPathComponent("stdout")
    let process = Process()
    let captured = Pipe()
    let errorPipe = Pipe()
    process.standardInput = FileHandle.nullDevice
    if onTerminal {
      // `script` runs the command on a new terminal and copies what the terminal shows to its
      // own stdout; the command's stdout goes to a file, its stderr stays on the terminal.
      process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      process.arguments = [
        "-q", "-e", "-c", shellQuoted([ententeURL.path] + arguments) + " > " + shellQuoted([stdoutFile.path]),
        "/dev/null",
      ]
      process.standardOutput = captured
      process.standardError = errorPipe
    } else {
      process.executableURL = ententeURL
      process.arguments = arguments
      _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
      process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
      process.standardError = captured
    }
    try process.run()
    let shown = String(decoding: captured.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, try Data(contentsOf: stdoutFile), shown)
  }

  /// A jobs file for `batch`: a few inline pairs, written once.
  static let batchJobs: String = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "entente-progress-jobs-\(getpid()).jsonl")
    let jobs = (0..<4).map {
      "{\"id\":\"j\($0)\",\"op\":\"align\",\"sourceText\":\"One \($0). Two.\",\"targetText\":\"Un \($0). Deux.\"}\n"
    }
    try? Data(jobs.joined().utf8).write(to: url)
    return url.path
  }()

  static let commands: [(phases: [String], arguments: [String])] = [
    (["batch: 1 done, 0 failed"], ["batch", "--input", batchJobs, "--no-freedict"]),
    (["align: reading", "align: aligning"], ["align", source, target, "--no-freedict", "--format", "tsv"]),
    (
      ["check: reading", "check: checking 0%", "check: writing"],
      ["check", target, "--glossary", glossary, "--fail-on", "never"]
    ),
    (
      ["check: reading", "check: aligning", "check: checking", "check: writing"],
      ["check", source, target, "--glossary", glossary, "--no-freedict", "--fail-on", "never"]
    ),
    (
      ["glossary build: document pair 1/1"],
      ["glossary", "build", source, target, "--no-freedict"]
    ),
    (
      ["report: reading", "report: aligning", "report: quotes and checks", "report: writing"],
      ["report", source, target, "--glossary", glossary, "--no-freedict"]
    ),
  ]

  @Test(
    "On a terminal: phases with a percentage, drawn in place and erased at the end; stdout unchanged",
    .enabled(if: hasScript, "util-linux's script makes the pseudo-terminal"), arguments: commands.indices)
  func terminal(_ index: Int) throws {
    let (phases, arguments) = Self.commands[index]
    let (code, stdout, stderr) = try run(arguments, onTerminal: true)
    #expect(code == 0, "\(stderr)")
    for phase in phases { #expect(stderr.contains("\r\u{1B}[K" + phase), "\(stderr.debugDescription)") }
    // A percentage, or for batch the rate.
    let measure = arguments[0] == "batch" ? #"\d+\.\d pairs/s"# : #"\d+%"#
    #expect(stderr.range(of: measure, options: .regularExpression) != nil, "\(stderr.debugDescription)")
    #expect(stderr.hasSuffix("\r\u{1B}[K"), "not erased at the end: \(stderr.debugDescription)")
    let (plainCode, plainStdout, plainStderr) = try run(arguments, onTerminal: false)
    #expect(plainCode == 0)
    /// The output without batch's timings, which differ from run to run.
    func timeless(_ data: Data) -> String {
      String(decoding: data, as: UTF8.self).replacingOccurrences(
        of: #""seconds":[0-9.]+"#, with: "", options: .regularExpression)
    }
    #expect(timeless(plainStdout) == timeless(stdout))
    // In a pipe: no progress at all.
    #expect(!plainStderr.contains("\u{1B}[K"), "\(plainStderr.debugDescription)")
    #expect(!plainStderr.contains("%"))
  }

  @Test(
    "With --quiet, nothing on the terminal",
    .enabled(if: hasScript, "util-linux's script makes the pseudo-terminal"), arguments: commands.indices)
  func quiet(_ index: Int) throws {
    let (code, _, stderr) = try run(Self.commands[index].arguments + ["--quiet"], onTerminal: true)
    #expect(code == 0)
    #expect(stderr.isEmpty, "\(stderr.debugDescription)")
  }
}
