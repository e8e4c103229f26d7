// The README's example outputs, checked against the built `entente`: every ```console block of
// README.md holds commands (`$ swift run entente ARGS`, perhaps piped or fed by `printf`) and the
// output each one shows. Each command runs with /bin/sh from the repository root, `swift run
// entente` replaced by the executable beside the test bundle, and its stdout must equal the output
// shown (trailing line feeds aside). Stderr and the exit status are not checked: some examples
// exit 1 by design.

import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One example of README.md: a command and the output the README shows for it.
struct READMEExample: Sendable, CustomTestStringConvertible {
  /// The README line of the command's `$ ` (1-based).
  var line: Int
  /// The shell command as written, line continuations (a final backslash) included.
  var command: String
  /// The lines after the command up to the next command or the end of the block, joined by line feeds.
  var output: String

  var testDescription: String { "README.md:\(line)" }
}

private let readmeURL = repositoryURL.appendingPathComponent("README.md")

/// The examples of every ```console block of `text`, in order.
func readmeExamples(in text: String) -> [READMEExample] {
  var examples: [READMEExample] = []
  var isInConsoleBlock = false
  var isContinuingCommand = false
  // The example being read: its command line, command and output lines.
  var current: (line: Int, command: String, output: [String])?
  func finishExample() {
    if let (line, command, output) = current {
      examples.append(READMEExample(line: line, command: command, output: output.joined(separator: "\n")))
    }
    current = nil
  }
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  for (index, rawLine) in lines.enumerated() {
    let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : String(rawLine)
    if !isInConsoleBlock {
      isInConsoleBlock = line.trimmingCharacters(in: .whitespaces) == "```console"
    } else if line.hasPrefix("```") {
      finishExample()
      isInConsoleBlock = false
      isContinuingCommand = false
    } else if isContinuingCommand {
      current?.command += "\n" + line
      isContinuingCommand = line.hasSuffix("\\")
    } else if line.hasPrefix("$ ") {
      finishExample()
      current = (index + 1, String(line.dropFirst(2)), [])
      isContinuingCommand = line.hasSuffix("\\")
    } else {
      current?.output.append(line)
    }
  }
  return examples
}

/// `text` without its final line feeds.
private func trimmingFinalLineFeeds(_ text: String) -> String {
  var text = Substring(text)
  while text.hasSuffix("\n") { text.removeLast() }
  return String(text)
}

/// `text` as one word for /bin/sh.
private func shellQuoted(_ text: String) -> String {
  "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Runs the example's command with /bin/sh -c in the repository root, `swift run entente`
/// replaced by the built executable, standard input /dev/null, and kills the shell after
/// `timeout`. stdout and stderr go to files in a fresh `Workspace`, so large outputs cannot block.
private func run(_ example: READMEExample, timeout: Duration = .seconds(120)) async throws -> CommandResult {
  try #require(
    FileManager.default.isExecutableFile(atPath: ententeURL.path), "no built entente at \(ententeURL.path)")
  let workspace = try Workspace()
  let outURL = workspace.folder.appendingPathComponent("stdout")
  let errURL = workspace.folder.appendingPathComponent("stderr")
  _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
  _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
  let outHandle = try FileHandle(forWritingTo: outURL)
  let errHandle = try FileHandle(forWritingTo: errURL)
  defer {
    try? outHandle.close()
    try? errHandle.close()
  }

  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = [
    "-c", example.command.replacingOccurrences(of: "swift run entente", with: shellQuoted(ententeURL.path)),
  ]
  process.currentDirectoryURL = repositoryURL
  process.standardOutput = outHandle
  process.standardError = errHandle
  process.standardInput = FileHandle.nullDevice
  try process.run()
  // Polls, as `Workspace.run` does; SIGKILL because the child inherits a mask blocking SIGTERM.
  let deadline = ContinuousClock.now + timeout
  var timedOut = false
  while process.isRunning {
    if !timedOut && ContinuousClock.now >= deadline {
      timedOut = true
      kill(process.processIdentifier, SIGKILL)
    }
    do {
      try await Task.sleep(for: .milliseconds(20))
    } catch {
      kill(process.processIdentifier, SIGKILL)
      throw error
    }
  }
  let status = process.terminationStatus
  return CommandResult(
    exitCode: process.terminationReason == .exit ? status : 128 + status,
    stdoutData: try Data(contentsOf: outURL),
    stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
    timedOut: timedOut)
}

@Suite("README examples")
struct READMEExamplesTests {
  static let examples = readmeExamples(in: (try? String(contentsOf: readmeURL, encoding: .utf8)) ?? "")

  /// Guards against a parsing bug (or a moved README) passing every test on no example.
  @Test func findsTheExamples() throws {
    let text = try String(contentsOf: readmeURL, encoding: .utf8)
    let examples = readmeExamples(in: text)
    #expect(examples.count >= 8, "found \(examples.count) examples in \(readmeURL.path)")
    #expect(examples.allSatisfy { $0.command.contains("entente") && !$0.output.isEmpty })
  }

  @Test func parsesConsoleBlocks() {
    let text = """
      ```
      $ not an example
      ```

      ```console
      $ swift run entente a | head -1
      one

      $ printf 'x' \\
          | swift run entente b -
      two
      three
      ```
      """
    let examples = readmeExamples(in: text)
    #expect(examples.map(\.line) == [6, 9])
    #expect(
      examples.map(\.command) == [
        "swift run entente a | head -1", "printf 'x' \\\n    | swift run entente b -",
      ])
    #expect(examples.map(\.output) == ["one\n", "two\nthree"])
  }

  /// Every example runs as written. The CLI has no environment variable that ignores installed
  /// dictionaries, only `--no-freedict`; of the commands that load them when it is left out
  /// (`align`, `quotes`, `check SOURCE TARGET`, `glossary build`), the README's `glossary build
  /// --pairs ... --top 3` prints the same with Debian's dict-freedict-eng-fra and
  /// dict-freedict-fra-eng installed as without them (checked by hand). An example added without
  /// `--no-freedict` whose output does change with FreeDict needs `.enabled(if:)` on a test of its
  /// own.
  @Test(arguments: examples)
  func example(_ example: READMEExample) async throws {
    try await check(example)
  }

  private func check(_ example: READMEExample) async throws {
    let result = try await run(example)
    #expect(!result.timedOut, "README.md:\(example.line): `\(example.command)` did not finish in time")
    #expect(
      trimmingFinalLineFeeds(result.stdout) == trimmingFinalLineFeeds(example.output),
      """
      README.md:\(example.line): `\(example.command)` prints other output than the README shows \
      (stderr: \(result.stderr))
      """)
  }
}
