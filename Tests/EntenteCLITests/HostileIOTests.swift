// Hostile standard streams and outputs (issue #14): a full disk, closed or odd descriptors, a
// reader that goes away, outputs that are links, FIFOs or devices, signals while writing.
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What a shell script running `entente` gave.
struct ShellResult {
  var exitCode: Int32
  var stdout: String
  var stderr: String
}

extension Workspace {
  /// Runs `script` with bash in the folder; `$ENTENTE` is the built executable. For the
  /// redirections `run` cannot make (`> /dev/full`, `<&-`, a pipe into `head`).
  func shell(_ script: String) throws -> ShellResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["ENTENTE"] = ententeURL.path
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ShellResult(
      exitCode: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// The `stat` of `name` in the folder, without following a last symbolic link.
  func status(of name: String) throws -> stat {
    var info = stat()
    try #require(lstat(folder.appendingPathComponent(name).path, &info) == 0)
    return info
  }
}

@Suite("Standard streams: errors reported, never a crash")
struct StandardStreamTests {
  @Test("stdout on a full device: exit 2 and the reason, for every command that writes")
  func fullStandardOutput() throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase. Une autre.\n")
    for command in ["segment in.txt --lang fr", "normalize in.txt --form nfc"] {
      let result = try workspace.shell("\"$ENTENTE\" \(command) > /dev/full")
      #expect(result.exitCode == 2, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("<stdout>: error: cannot write: No space left on device"))
    }
    try workspace.write(
      "g.tbx",
      """
      <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
      <conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>Seoul</term></termSec></langSec>
      </conceptEntry></body></text></tbx>
      """)
    for command in ["glossary validate g.tbx", "glossary lookup g.tbx seoul"] {
      let result = try workspace.shell("\"$ENTENTE\" \(command) > /dev/full")
      #expect(result.exitCode == 2, "\(command): \(result.stderr)")
      #expect(result.stderr.contains("<stdout>: error: cannot write: No space left on device"))
    }
  }

  @Test("--output on a full device: exit 2 naming the file")
  func fullOutputFile() throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase. Une autre.\n")
    let result = try workspace.shell("\"$ENTENTE\" segment in.txt --lang fr --output /dev/full")
    #expect(result.exitCode == 2)
    #expect(result.stderr.contains("/dev/full: error: cannot write: No space left on device"))
  }

  @Test(
    "stdin that is a directory or closed: a clear error, exit 2",
    arguments: [("< .", "is a directory"), ("<&-", "not open")])
  func oddStandardInput(redirection: String, reason: String) throws {
    let workspace = try Workspace()
    let result = try workspace.shell("\"$ENTENTE\" segment - --lang fr \(redirection)")
    #expect(result.exitCode == 2, "\(result.stderr)")
    #expect(result.stderr.contains("<stdin>: error: cannot read:"))
    #expect(result.stderr.contains(reason))
  }

  @Test("A closed stdout is an error; it never captures the --output file")
  func closedStandardOutput() throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase. Une autre.\n")
    let toStdout = try workspace.shell("\"$ENTENTE\" segment in.txt --lang fr >&-")
    #expect(toStdout.exitCode == 2)
    #expect(toStdout.stderr.contains("<stdout>: error: cannot write: not open"))
    let toFile = try workspace.shell("\"$ENTENTE\" segment in.txt --lang fr -o out.txt >&-")
    #expect(toFile.exitCode == 0, "\(toFile.stderr)")
    #expect(
      String(decoding: try workspace.contents(of: "out.txt"), as: UTF8.self) == "Une phrase.\nUne autre.\n")
  }

  @Test("A reader that closes the pipe (| head) ends the run quietly, as with cat")
  func brokenPipe() throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", String(repeating: "Une phrase. Une autre.\n", count: 50_000))
    let result = try workspace.shell(
      "\"$ENTENTE\" segment in.txt --lang fr | head -n 1; echo \"status ${PIPESTATUS[0]}\"")
    #expect(result.stdout == "Une phrase.\nstatus 141\n")
    #expect(result.stderr == "")
  }

  @Test(
    "/dev/zero as a file or as stdin is refused at once (binary), not read without end",
    arguments: ["/dev/zero", "- < /dev/zero"])
  func endlessInput(input: String) throws {
    let workspace = try Workspace()
    let start = ContinuousClock.now
    let result = try workspace.shell("timeout 20 \"$ENTENTE\" segment \(input) --lang fr")
    #expect(result.exitCode == 2, "\(result.stderr)")
    #expect(result.stderr.contains(":1:1: error: control character U+0000"))
    #expect(ContinuousClock.now - start < .seconds(30))
  }

  @Test("--max-input-size: a larger input is refused naming the limit; raising it reads the file")
  func maximumInputSize() async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", String(repeating: "Une phrase.\n", count: 20_000))
    let refused = try await workspace.run(["segment", "in.txt", "--lang", "fr", "--max-input-size", "100K"])
    expectFailure(refused, mentioning: ["in.txt: error: the input is larger than the maximum of 100 KiB"])
    let piped = try await workspace.run(
      ["normalize", "-", "--form", "nfc", "--max-input-size", "100K"],
      stdin: Array(String(repeating: "Une phrase.\n", count: 20_000).utf8))
    expectFailure(piped, mentioning: ["<stdin>: error: the input is larger than the maximum of 100 KiB"])
    let raised = try await workspace.run(["segment", "in.txt", "--lang", "fr", "--max-input-size", "1M"])
    expectSuccess(raised)
    #expect(raised.stdoutLines.count == 20_000)
    let glossary = try await workspace.run(["glossary", "validate", "in.txt", "--max-input-size", "1K"])
    expectFailure(glossary, mentioning: ["in.txt"])
    let bad = try await workspace.run(["segment", "in.txt", "--lang", "fr", "--max-input-size", "lots"])
    expectFailure(bad, mentioning: ["lots"])
  }
}

@Suite("--output: links, FIFOs, devices, modes, signals")
struct OutputTargetTests {
  @Test("A symbolic link is followed: its target is replaced, the link and the target's mode kept")
  func symbolicLink() async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase. Une autre.\n")
    try workspace.write("data/real.txt", "ancien contenu\n")
    chmod(workspace.folder.appendingPathComponent("data/real.txt").path, 0o640)
    try FileManager.default.createSymbolicLink(
      atPath: workspace.folder.appendingPathComponent("link.txt").path, withDestinationPath: "data/real.txt")
    let result = try await workspace.run(["segment", "in.txt", "--lang", "fr", "-o", "link.txt"])
    expectSuccess(result)
    #expect(try workspace.status(of: "link.txt").st_mode & S_IFMT == S_IFLNK)
    #expect(try workspace.status(of: "data/real.txt").st_mode & 0o7777 == 0o640)
    #expect(
      String(decoding: try workspace.contents(of: "data/real.txt"), as: UTF8.self)
        == "Une phrase.\nUne autre.\n")
    #expect(try workspace.names() == ["data", "in.txt", "link.txt"])
    #expect(
      try FileManager.default.contentsOfDirectory(
        atPath: workspace.folder.appendingPathComponent("data").path) == ["real.txt"])

    // A dangling link: the file it names is created.
    try FileManager.default.createSymbolicLink(
      atPath: workspace.folder.appendingPathComponent("new.txt").path, withDestinationPath: "data/created.txt"
    )
    expectSuccess(try await workspace.run(["segment", "in.txt", "--lang", "fr", "-o", "new.txt"]))
    #expect(
      String(decoding: try workspace.contents(of: "data/created.txt"), as: UTF8.self)
        == "Une phrase.\nUne autre.\n")
  }

  @Test("A regular file keeps its mode and, when the process may set it, its owner")
  func modeAndOwner() async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase.\n")
    try workspace.write("out.txt", "ancien\n")
    let path = workspace.folder.appendingPathComponent("out.txt").path
    chmod(path, 0o604)
    let owner: uid_t = getuid() == 0 ? 65534 : getuid()
    if getuid() == 0 { chown(path, owner, 65534) }
    expectSuccess(try await workspace.run(["normalize", "in.txt", "--form", "nfc", "-o", "out.txt"]))
    let info = try workspace.status(of: "out.txt")
    #expect(info.st_mode & 0o7777 == 0o604)
    #expect(info.st_uid == owner)
    #expect(String(decoding: try workspace.contents(of: "out.txt"), as: UTF8.self) == "Une phrase.\n")
  }

  @Test("A FIFO is written directly and stays a FIFO; /dev/null stays a device")
  func fifoAndDevice() async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase. Une autre.\n")
    #expect(mkfifo(workspace.folder.appendingPathComponent("pipe").path, 0o600) == 0)
    let result = try workspace.shell(
      "cat pipe > got.txt & \"$ENTENTE\" segment in.txt --lang fr -o pipe; status=$?; wait; exit $status")
    #expect(result.exitCode == 0, "\(result.stderr)")
    #expect(
      String(decoding: try workspace.contents(of: "got.txt"), as: UTF8.self) == "Une phrase.\nUne autre.\n")
    #expect(try workspace.status(of: "pipe").st_mode & S_IFMT == S_IFIFO)
    #expect(try workspace.names() == ["got.txt", "in.txt", "pipe"])

    expectSuccess(try await workspace.run(["segment", "in.txt", "--lang", "fr", "-o", "/dev/null"]))
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
  }

  /// `count` short lines: `normalize --form key` writes them for a few seconds in a debug build.
  private static let longInput = String(
    repeating: "L’Agence centrale de presse coréenne (KCNA).\n", count: 600_000)

  /// How a run ended: `exit` and its status, or `uncaughtSignal` and the signal.
  struct Ending: Equatable {
    var reason: Process.TerminationReason
    var status: Int32
  }

  /// Runs `normalize --form key big.txt -o out.txt`, waits until `isWriting` says the output is
  /// being written, sends `signal`, and returns once the process has ended. With
  /// `ignoredByParent`, the run starts from a shell that set `signal` to be ignored
  /// (`trap '' HUP; exec entente …`), as `nohup` or a background job does. It polls on its own
  /// thread, without suspending: a busy test pool cannot make it miss the window. A run that
  /// ends before the output is seen being written is an issue, never a pass.
  private func interrupt(
    in workspace: Workspace, with signal: Int32, ignoredByParent: Bool = false,
    environment: [String: String] = [:], isWriting: (pid_t) -> Bool
  ) throws -> Ending {
    let process = Process()
    let arguments = ["normalize", "big.txt", "--form", "key", "-o", "out.txt"]
    if ignoredByParent {
      let names = [SIGHUP: "HUP", SIGINT: "INT", SIGTERM: "TERM"]
      let name = try #require(names[signal])
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "trap '' \(name); exec \"$0\" \"$@\"", ententeURL.path] + arguments
    } else {
      process.executableURL = ententeURL
      process.arguments = arguments
    }
    process.currentDirectoryURL = workspace.folder
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = ContinuousClock.now + .seconds(60)
    while process.isRunning && !isWriting(process.processIdentifier) && ContinuousClock.now < deadline {
      usleep(1000)
    }
    #expect(process.isRunning, "the run ended before the output was seen being written")
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    return Ending(reason: process.terminationReason, status: process.terminationStatus)
  }

  /// Whether the named temporary file of `out.txt` is in the folder.
  private static func hasNamedTemporary(in workspace: Workspace) -> Bool {
    ((try? workspace.names()) ?? []).contains { $0.hasPrefix(".out.txt.entente-") }
  }

  @Test("SIGKILL while writing (O_TMPFILE): the target is untouched and nothing is left beside it")
  func killedWhileWriting() throws {
    let workspace = try Workspace()
    try workspace.write("big.txt", Self.longInput)
    try workspace.write("out.txt", "ancien\n")
    let folder = workspace.folder.resolvingSymlinksInPath().path
    let ending = try interrupt(in: workspace, with: SIGKILL) { pid in
      // The unnamed temporary file shows among the process's descriptors as "folder/#N (deleted)".
      let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
      return descriptors.contains { descriptor in
        let target =
          (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(descriptor)")) ?? ""
        return target.hasPrefix(folder + "/#")
      }
    }
    #expect(ending == Ending(reason: .uncaughtSignal, status: SIGKILL))
    #expect(try workspace.names() == ["big.txt", "out.txt"])
    #expect(String(decoding: try workspace.contents(of: "out.txt"), as: UTF8.self) == "ancien\n")
  }

  @Test(
    "SIGTERM, SIGINT or SIGHUP while writing a named temporary file: it is removed, the target untouched",
    arguments: [SIGTERM, SIGINT, SIGHUP])
  func signalledWhileWriting(signal: Int32) throws {
    let workspace = try Workspace()
    try workspace.write("big.txt", Self.longInput)
    try workspace.write("out.txt", "ancien\n")
    let ending = try interrupt(in: workspace, with: signal, environment: ["ENTENTE_NO_O_TMPFILE": "1"]) { _ in
      Self.hasNamedTemporary(in: workspace)
    }
    // Killed by the signal itself (the handler re-raises it), not an exit status.
    #expect(ending == Ending(reason: .uncaughtSignal, status: signal))
    #expect(try workspace.names() == ["big.txt", "out.txt"])
    #expect(String(decoding: try workspace.contents(of: "out.txt"), as: UTF8.self) == "ancien\n")
  }

  @Test(
    "A signal the parent ignores (nohup, a background job) stays ignored while a named temporary is written",
    arguments: [SIGHUP, SIGINT])
  func ignoredSignal(signal: Int32) throws {
    let workspace = try Workspace()
    try workspace.write("big.txt", Self.longInput)
    try workspace.write("out.txt", "ancien\n")
    let ending = try interrupt(
      in: workspace, with: signal, ignoredByParent: true, environment: ["ENTENTE_NO_O_TMPFILE": "1"]
    ) { _ in
      Self.hasNamedTemporary(in: workspace)
    }
    #expect(ending == Ending(reason: .exit, status: 0))
    #expect(try workspace.names() == ["big.txt", "out.txt"])
    // The whole output replaced the target: one line for each of the input's 600,000.
    let output = try workspace.contents(of: "out.txt")
    #expect(output.count { $0 == UInt8(ascii: "\n") } == 600_000)
    #expect(output.starts(with: Array("l'agence centrale de presse coreenne (kcna).\n".utf8)))
  }

  @Test("Without O_TMPFILE the named temporary file is renamed over the target at the end")
  func namedTemporaryFile() async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase.\n")
    let process = Process()
    process.executableURL = ententeURL
    process.arguments = ["segment", "in.txt", "--lang", "fr", "-o", "out.txt"]
    process.currentDirectoryURL = workspace.folder
    process.environment = ProcessInfo.processInfo.environment.merging(["ENTENTE_NO_O_TMPFILE": "1"]) { $1 }
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try workspace.names() == ["in.txt", "out.txt"])
    #expect(String(decoding: try workspace.contents(of: "out.txt"), as: UTF8.self) == "Une phrase.\n")
  }
}

@Suite("Bounded work on hostile input")
struct BoundedWorkTests {
  @Test("An SRX rule that backtracks catastrophically is stopped, and the error names the rule")
  func catastrophicRule() async throws {
    let workspace = try Workspace()
    try workspace.write(
      "rules.srx",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <srx version="2.0"><header cascade="no"/><body><languagerules>
      <languagerule languagerulename="Bad">
        <rule break="no"><beforebreak>(a+)+b</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule></languagerules>
      <maprules><languagemap languagepattern="fr.*" languagerulename="Bad"/></maprules></body></srx>
      """)
    try workspace.write("in.txt", "Une phrase " + String(repeating: "a", count: 60) + "c. Une autre.\n")
    // Without the time limit the rule would run for longer than the universe (2^60 steps).
    let result = try await workspace.run(
      ["segment", "in.txt", "--lang", "fr", "--srx", "rules.srx"], timeout: .seconds(60))
    #expect(!result.timedOut)
    expectFailure(
      result,
      mentioning: ["rules.srx:4:3:", #"rule at index 0 of languagerule "Bad" takes too long"#, "(a+)+b"])
  }
}

extension BoundedWorkTests {
  @Test("check --typography on one long paragraph with many semicolons is linear (was quadratic)")
  func longParagraph() async throws {
    let workspace = try Workspace()
    // One line, 20,000 semicolons before lowercase words: each once made the segmenter read the
    // sentence back to its start, and each finding's column was counted from the line's start.
    try workspace.write("one.txt", String(repeating: "mot ; autre : fin ! ", count: 20_000) + "\n")
    try workspace.write(
      "g.tbx",
      """
      <tbx><text><body><conceptEntry id="c1"><langSec xml:lang="fr"><termSec><term>Séoul</term></termSec>
      </langSec></conceptEntry></body></text></tbx>
      """)
    let result = try await workspace.run(
      ["check", "one.txt", "--glossary", "g.tbx", "--typography", "--fail-on", "never"], timeout: .seconds(60)
    )
    expectSuccess(result)
    let lines = result.stdoutLines
    #expect(lines.count == 60_000)
    #expect(lines.last?.hasPrefix("one.txt:1:\(20 * 19_999 + 18):") == true)
  }
}

@Suite("Messages: unknown languages, missing files")
struct MessageTests {
  @Test(
    "An unknown or ill-formed language is refused, exit 2, with the supported ones",
    arguments: [
      ["segment", "in.txt", "--lang", "xx"],
      ["normalize", "in.txt", "--form", "casefold", "--lang", "qq"],
      ["check", "in.txt", "--glossary", "g.tbx", "--lang", "xx"],
      ["align", "in.txt", "in.txt", "--source-lang", "zz"],
      ["quotes", "in.txt", "in.txt", "--target-lang", "xx-YY"],
      ["glossary", "build", "in.txt", "in.txt", "--target-lang", "f r"],
    ])
  func unknownLanguage(arguments: [String]) async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase.\n")
    let result = try await workspace.run(arguments)
    let value = try #require(arguments.last)
    expectFailure(result, mentioning: [value])
    if value != "f r" { #expect(result.stderr.contains("unknown language; supported: fr and en")) }
    let known = try await workspace.run(["segment", "in.txt", "--lang", "fr-CA"])
    expectSuccess(known)
  }

  @Test("A missing glossary says no such file, naming it")
  func missingGlossary() async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase.\n")
    for arguments in [["check", "in.txt", "--glossary", "nope.tbx"], ["glossary", "validate", "nope.json"]] {
      let result = try await workspace.run(arguments)
      expectFailure(result, mentioning: ["nope.", ":1:1: error: cannot read the file: no such file"])
    }
  }
}
