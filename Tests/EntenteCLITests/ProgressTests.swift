// Progress on stderr (issue #13): drawn on a terminal (a pseudo-terminal made here), never into a
// pipe or with --quiet, erased at the end and before any message, and never changing what goes
// to stdout or into --output. The runs set ENTENTE_PROGRESS_INTERVAL=0, so that every
// percentage is drawn whatever the speed of the machine: nothing here depends on timing.
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What erases the progress line: a carriage return, then erase to the end of the line.
private let erase = "\r\u{1B}[K"

/// The C library's function `name`, found with `dlsym`: `posix_openpt`, `grantpt`, `unlockpt`
/// and `ptsname` are X/Open functions, which Swift's Glibc module leaves out.
private func cFunction<Function>(_ name: String, as type: Function.Type) throws -> Function {
  // A null handle is RTLD_DEFAULT: the libraries the process loaded, the C library among them.
  unsafeBitCast(try #require(dlsym(nil, name), "no \(name) in the C library"), to: type)
}

/// A pseudo-terminal made with `posix_openpt`: a child writes to its slave side, for which
/// `isatty` is true, and the test reads what the terminal shows from the master side.
final class PseudoTerminal: @unchecked Sendable {
  let master: Int32
  /// The slave side, -1 once the test closed its own copy.
  private(set) var slave: Int32 = -1
  private let lock = NSLock()
  private var shown: [UInt8] = []
  private let finished = DispatchSemaphore(value: 0)

  /// Opens a pseudo-terminal in raw mode (the bytes arrive as they were written, `\n` not made
  /// `\r\n`), `columns` wide (0: a width not known, as the kernel leaves it).
  init(columns: UInt16 = 0) throws {
    typealias Call = @convention(c) (Int32) -> Int32
    let openMaster = try cFunction("posix_openpt", as: Call.self)
    let grant = try cFunction("grantpt", as: Call.self)
    let unlock = try cFunction("unlockpt", as: Call.self)
    let slaveName = try cFunction(
      "ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
    master = openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
    try #require(master >= 0, "posix_openpt: \(String(cString: strerror(errno)))")
    try #require(grant(master) == 0 && unlock(master) == 0, "grantpt, unlockpt")
    let name = String(cString: try #require(slaveName(master)))
    slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
    try #require(slave >= 0, "\(name): \(String(cString: strerror(errno)))")
    var attributes = termios()
    try #require(tcgetattr(slave, &attributes) == 0)
    cfmakeraw(&attributes)
    try #require(tcsetattr(slave, TCSANOW, &attributes) == 0)
    var size = winsize()
    size.ws_col = columns
    size.ws_row = columns == 0 ? 0 : 24
    try #require(ioctl(slave, UInt(TIOCSWINSZ), &size) == 0)
  }

  deinit {
    close(master)
    if slave >= 0 { close(slave) }
  }

  /// Copies what the terminal shows, on a thread of its own, until no process holds the slave
  /// side any more (the read then fails with EIO).
  func startReading() {
    Thread.detachNewThread { [self] in
      var buffer = [UInt8](repeating: 0, count: 4_096)
      while true {
        let count = read(master, &buffer, buffer.count)
        if count > 0 {
          lock.withLock { shown += buffer[..<count] }
        } else if count < 0 && errno == EINTR {
          continue
        } else {
          break
        }
      }
      finished.signal()
    }
  }

  /// Closes the test's copy of the slave side (the child has its own).
  func closeSlave() {
    if slave >= 0 { close(slave) }
    slave = -1
  }

  /// What the terminal showed, once every slave side is closed (or after `timeout`).
  func output(timeout: Duration = .seconds(30)) -> String {
    _ = finished.wait(timeout: .now() + .seconds(Int(timeout.components.seconds)))
    return lock.withLock { String(decoding: shown, as: UTF8.self) }
  }
}

/// What one run of `entente` gave, stderr (or the terminal) as text.
struct ProgressRun {
  var exitCode: Int32
  /// stdout, when it went to a file (empty when it was the terminal).
  var stdout: Data
  /// What reached stderr: the pipe's bytes, or everything the terminal showed.
  var stderr: String
}

extension Workspace {
  /// Runs `entente arguments` in the folder with stderr on a pseudo-terminal (`onTerminal`) or
  /// a pipe, and stdout in a file, or on the terminal too (`stdoutOnTerminal`), with
  /// ENTENTE_PROGRESS_INTERVAL=0.
  func runWithProgress(
    _ arguments: [String], onTerminal: Bool, stdoutOnTerminal: Bool = false, columns: UInt16 = 0,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> ProgressRun {
    try #require(
      FileManager.default.isExecutableFile(atPath: ententeURL.path), "no built entente at \(ententeURL.path)",
      sourceLocation: sourceLocation)
    let stdoutURL = FileManager.default.temporaryDirectory.appendingPathComponent(
      "entente-progress-\(UUID())")
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: stdoutURL) }
    let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
    defer { try? stdoutHandle.close() }
    let process = Process()
    process.executableURL = ententeURL
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = ProcessInfo.processInfo.environment.merging(["ENTENTE_PROGRESS_INTERVAL": "0"]) {
      $1
    }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdoutHandle
    let terminal = onTerminal ? try PseudoTerminal(columns: columns) : nil
    let errorPipe = Pipe()
    if let terminal {
      let handle = FileHandle(fileDescriptor: terminal.slave, closeOnDealloc: false)
      process.standardError = handle
      if stdoutOnTerminal { process.standardOutput = handle }
      terminal.startReading()
    } else {
      process.standardError = errorPipe
    }
    try process.run()
    terminal?.closeSlave()
    // The pipe is read while the child runs, so that it never blocks on a full pipe.
    let errorReader = Task.detached { errorPipe.fileHandleForReading.readDataToEndOfFile() }
    if terminal != nil { try? errorPipe.fileHandleForWriting.close() }
    let deadline = ContinuousClock.now + .seconds(60)
    while process.isRunning {
      if ContinuousClock.now >= deadline { kill(process.processIdentifier, SIGKILL) }
      try await Task.sleep(for: .milliseconds(20))
    }
    let stderr: String
    if let terminal {
      stderr = terminal.output()
    } else {
      stderr = String(decoding: await errorReader.value, as: UTF8.self)
    }
    return ProgressRun(
      exitCode: process.terminationStatus, stdout: try Data(contentsOf: stdoutURL), stderr: stderr)
  }
}

/// A text and its translation of `count` sentences in paragraphs of five: numbered sentences
/// with names of the glossary (and a deprecated rendering every 20 sentences), so that the
/// aligner, the checks and the glossary builder all have work and results to write.
func generatedTranslation(sentences count: Int) -> (source: String, target: String) {
  var source = ""
  var target = ""
  for k in 1...count {
    let (english, french) =
      switch k % 4 {
      case 0:
        (
          "On day \(k), the White House said that \(k + 3) delegates met the State Department in Seoul.",
          "Le jour \(k), la Maison Blanche a déclaré que \(k + 3) délégués avaient rencontré le département d'État à Séoul."
        )
      case 1:
        (
          "The Korean Central News Agency reported \(k) new launches near Pyongyang.",
          // A deprecated rendering now and then: findings for the checks to write.
          (k % 20 == 1 ? "La Central News Agency de Corée du Nord" : "L'Agence centrale de presse coréenne")
            + " a signalé \(k) nouveaux tirs près de Pyongyang."
        )
      case 2:
        (
          "Officials of the National Security Council met \(k) diplomats in Washington on Monday.",
          "Des responsables du Conseil de sécurité nationale ont rencontré \(k) diplomates à Washington lundi."
        )
      default:
        (
          "Analysts counted \(k) shells and \(k % 17 + 2) rocket launchers in the region.",
          "Les analystes ont compté \(k) obus et \(k % 17 + 2) lance-roquettes dans la région."
        )
      }
    let separator = k % 5 == 0 ? "\n\n" : " "
    source += english + separator
    target += french + separator
  }
  return (source, target)
}

/// The percentages drawn for `phase` (`align: aligning`), in order.
private func percentages(of phase: String, in shown: String) -> [Int] {
  shown.components(separatedBy: erase).compactMap { line in
    guard line.hasPrefix(phase + " "), line.hasSuffix("%") else { return nil }
    return Int(line.dropFirst(phase.count + 1).dropLast())
  }
}

/// One command whose progress is tested: its arguments, the phases it must draw, and the one
/// whose percentage must go through intermediate values to 100 %.
struct ProgressCase: Sendable, CustomTestStringConvertible {
  var arguments: [String]
  var phases: [String]
  var measured: String
  var testDescription: String {
    arguments.prefix(2).joined(separator: " ") + " (\(arguments.count) arguments)"
  }
}

@Suite("Progress on stderr")
struct ProgressTests {
  static let glossary = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Glossaries/news-en-fr.tbx").path

  static let cases: [ProgressCase] = [
    ProgressCase(
      arguments: ["align", "source.txt", "target.txt", "--no-freedict", "--format", "tsv"],
      phases: ["align: reading", "align: aligning", "align: writing"], measured: "align: aligning"),
    ProgressCase(
      arguments: [
        "check", "source.txt", "target.txt", "--glossary", glossary, "--no-freedict", "--fail-on", "never",
      ],
      phases: ["check: reading", "check: aligning", "check: checking", "check: writing"],
      measured: "check: checking"),
    ProgressCase(
      arguments: ["check", "target.txt", "--glossary", glossary, "--fail-on", "never"],
      phases: ["check: reading", "check: checking", "check: writing"], measured: "check: checking"),
    ProgressCase(
      arguments: ["glossary", "build", "source.txt", "target.txt", "--no-freedict"],
      phases: [
        "glossary build: reading", "glossary build: document pair 1/1 (source.txt), overall",
        "glossary build: scoring the pairs", "glossary build: writing",
      ],
      measured: "glossary build: document pair 1/1 (source.txt), overall"),
    ProgressCase(
      arguments: ["report", "source.txt", "target.txt", "--glossary", glossary, "--no-freedict"],
      phases: ["report: reading", "report: aligning", "report: quotes and checks", "report: writing"],
      measured: "report: aligning"),
  ]

  /// A workspace holding a generated text pair of 600 sentences a side (1,200 in the align
  /// test, beyond the 1,024 rows between two reports of a search).
  static func workspace(sentences: Int = 600) throws -> Workspace {
    let workspace = try Workspace()
    let pair = generatedTranslation(sentences: sentences)
    try workspace.write("source.txt", pair.source)
    try workspace.write("target.txt", pair.target)
    return workspace
  }

  @Test("align on a terminal: reading by file, aligning by stage and row to 100 %, writing; erased")
  func alignOnTerminal() async throws {
    let workspace = try Self.workspace(sentences: 1_200)
    let shown = try await workspace.runWithProgress(Self.cases[0].arguments, onTerminal: true)
    #expect(shown.exitCode == 0, "\(shown.stderr.debugDescription)")
    let reading = percentages(of: "align: reading", in: shown.stderr)
    #expect(
      reading.first == 0 && reading.last == 100 && reading.contains { (1...99).contains($0) }, "\(reading)")
    let aligning = percentages(of: "align: aligning", in: shown.stderr)
    #expect(aligning == aligning.sorted(), "the percentage went back: \(aligning)")
    #expect(aligning.first == 0 && aligning.last == 100, "\(aligning)")
    // The units of each side, each search's rows (row 1,024 of 1,200), the learning.
    #expect(aligning.filter { (1...99).contains($0) }.count >= 6, "\(aligning)")
    #expect(shown.stderr.contains(erase + "align: writing"))
    #expect(
      shown.stderr.hasSuffix(erase), "not erased at the end: \(shown.stderr.suffix(80).debugDescription)")
  }

  @Test(
    "On a terminal: every phase drawn over itself, percentages that only grow, erased at the end; stdout unchanged",
    arguments: cases)
  func terminal(_ command: ProgressCase) async throws {
    let workspace = try Self.workspace()
    let shown = try await workspace.runWithProgress(command.arguments, onTerminal: true)
    #expect(shown.exitCode == 0, "\(shown.stderr.debugDescription)")
    for phase in command.phases {
      #expect(shown.stderr.contains(erase + phase), "no \(phase): \(shown.stderr.debugDescription)")
    }
    let measured = percentages(of: command.measured, in: shown.stderr)
    #expect(measured == measured.sorted(), "the percentage went back: \(measured)")
    #expect(measured.contains { (1...99).contains($0) }, "no percentage between 0 and 100: \(measured)")
    #expect(measured.last == 100, "\(command.measured) did not reach 100 %: \(measured)")
    // Nothing but progress: no line feed (these inputs give no note), erased at the end.
    #expect(!shown.stderr.contains("\n"), "\(shown.stderr.debugDescription)")
    #expect(
      shown.stderr.hasSuffix(erase), "not erased at the end: \(shown.stderr.suffix(80).debugDescription)")
    let plain = try await workspace.runWithProgress(command.arguments, onTerminal: false)
    #expect(plain.exitCode == 0)
    #expect(plain.stdout == shown.stdout, "stdout differs with progress on the terminal")
  }

  @Test("In a pipe: nothing on stderr", arguments: cases)
  func pipe(_ command: ProgressCase) async throws {
    let workspace = try Self.workspace()
    let result = try await workspace.runWithProgress(command.arguments, onTerminal: false)
    #expect(result.exitCode == 0)
    #expect(result.stderr == "", "\(result.stderr.debugDescription)")
    #expect(!result.stdout.isEmpty)
  }

  @Test("With --quiet, nothing on the terminal", arguments: cases)
  func quiet(_ command: ProgressCase) async throws {
    let workspace = try Self.workspace()
    let result = try await workspace.runWithProgress(command.arguments + ["--quiet"], onTerminal: true)
    #expect(result.exitCode == 0)
    #expect(result.stderr == "", "\(result.stderr.debugDescription)")
  }

  @Test(
    "batch on a terminal: jobs done, failed and pairs/s; nothing in a pipe; results the same but for timings")
  func batchOnTerminal() async throws {
    let workspace = try Workspace()
    let jobs = (0..<4).map {
      "{\"id\":\"j\($0)\",\"op\":\"align\",\"sourceText\":\"One \($0). Two.\",\"targetText\":\"Un \($0). Deux.\"}\n"
    }
    try workspace.write("jobs.jsonl", jobs.joined())
    let arguments = ["batch", "--input", "jobs.jsonl", "--no-freedict"]
    let shown = try await workspace.runWithProgress(arguments, onTerminal: true)
    #expect(shown.exitCode == 0, "\(shown.stderr.debugDescription)")
    #expect(shown.stderr.contains(erase + "batch: 4 done, 0 failed"), "\(shown.stderr.debugDescription)")
    #expect(
      shown.stderr.range(of: #"\d+\.\d pairs/s"#, options: .regularExpression) != nil,
      "\(shown.stderr.debugDescription)")
    #expect(
      shown.stderr.hasSuffix(erase), "not erased at the end: \(shown.stderr.suffix(80).debugDescription)")
    let plain = try await workspace.runWithProgress(arguments, onTerminal: false)
    #expect(plain.exitCode == 0)
    #expect(!plain.stderr.contains("\u{1B}[K"), "\(plain.stderr.debugDescription)")
    /// The output without batch's timings, which differ from run to run.
    func timeless(_ data: Data) -> String {
      String(decoding: data, as: UTF8.self).replacingOccurrences(
        of: #""seconds":[0-9.e-]+"#, with: "", options: .regularExpression)
    }
    #expect(timeless(plain.stdout) == timeless(shown.stdout))
    #expect(timeless(plain.stdout).split(separator: "\n").count == 4)
  }

  @Test("--output: the same file with progress on the terminal as without, and nothing of it on the terminal")
  func outputFile() async throws {
    let workspace = try Self.workspace()
    let arguments = ["align", "source.txt", "target.txt", "--no-freedict", "--format", "jsonl", "-o"]
    let shown = try await workspace.runWithProgress(arguments + ["shown.jsonl"], onTerminal: true)
    let plain = try await workspace.runWithProgress(arguments + ["plain.jsonl"], onTerminal: false)
    #expect(shown.exitCode == 0 && plain.exitCode == 0)
    #expect(shown.stderr.contains(erase + "align: aligning"))
    #expect(shown.stdout.isEmpty && plain.stdout.isEmpty)
    let written = try workspace.contents(of: "shown.jsonl")
    #expect(!written.isEmpty)
    #expect(written == (try workspace.contents(of: "plain.jsonl")))
    #expect(!shown.stderr.contains("\"source\""), "results on the terminal: \(shown.stderr.prefix(200))")
  }

  @Test("A note and an error start on an erased line, never glued to the progress line")
  func messages() async throws {
    let workspace = try Self.workspace()
    // Two paragraphs the target leaves out: a note on stderr while `align: writing` is shown.
    let pair = generatedTranslation(sentences: 600)
    let paragraphs = pair.target.components(separatedBy: "\n\n")
    try workspace.write("short.txt", (paragraphs[..<40] + paragraphs[42...]).joined(separator: "\n\n"))
    let noted = try await workspace.runWithProgress(
      ["align", "source.txt", "short.txt", "--no-freedict"], onTerminal: true)
    #expect(noted.exitCode == 0, "\(noted.stderr.debugDescription)")
    #expect(noted.stderr.contains(erase + "entente: note: source lines"), "\(noted.stderr.debugDescription)")
    for line in noted.stderr.components(separatedBy: "\n") where line.contains("entente: note:") {
      #expect(
        line.components(separatedBy: erase).last?.hasPrefix("entente: note:") == true,
        "a note glued to progress: \(line.debugDescription)")
    }
    #expect(noted.stderr.hasSuffix(erase) || noted.stderr.hasSuffix("\n"))
    // An output folder that does not exist: the error comes after the aligning, on a clean line.
    let failed = try await workspace.runWithProgress(
      ["align", "source.txt", "target.txt", "--no-freedict", "-o", "missing/out.tsv"], onTerminal: true)
    #expect(failed.exitCode == 2)
    #expect(failed.stderr.contains(erase + "align: aligning"))
    let last = try #require(failed.stderr.components(separatedBy: erase).last)
    #expect(
      last == "entente: missing/out.tsv: error: the output folder does not exist\n",
      "\(failed.stderr.suffix(200).debugDescription)")
  }

  @Test("stdout on the terminal too: the progress line is erased before the results, which are whole")
  func resultsOnTerminal() async throws {
    let workspace = try Self.workspace()
    let arguments = ["align", "source.txt", "target.txt", "--no-freedict", "--format", "tsv"]
    let plain = try await workspace.runWithProgress(arguments, onTerminal: false)
    let shown = try await workspace.runWithProgress(arguments, onTerminal: true, stdoutOnTerminal: true)
    #expect(shown.exitCode == 0)
    let results = String(decoding: plain.stdout, as: UTF8.self)
    let start = try #require(shown.stderr.range(of: results), "the results are not whole on the terminal")
    #expect(shown.stderr[..<start.lowerBound].hasSuffix(erase), "results glued to the progress line")
  }

  @Test("A line wider than the terminal is shortened, so that it is erased whole")
  func narrowTerminal() async throws {
    let workspace = try Self.workspace()
    let long = String(repeating: "a-long-folder-name/", count: 6)
    try workspace.write(long + "source.txt", generatedTranslation(sentences: 600).source)
    let shown = try await workspace.runWithProgress(
      ["glossary", "build", long + "source.txt", "target.txt", "--no-freedict"], onTerminal: true, columns: 60
    )
    #expect(shown.exitCode == 0, "\(shown.stderr.debugDescription)")
    let lines = shown.stderr.components(separatedBy: erase).filter { !$0.isEmpty }
    #expect(lines.contains { $0.hasPrefix("glossary build: …") && $0.hasSuffix("source.txt), overall 100%") })
    for line in lines { #expect(line.count <= 59, "\(line.debugDescription) is wider than the terminal") }
  }
}
