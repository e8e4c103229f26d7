// End-to-end tests of the built `entente` executable (after swift-argument-parser's
// `AssertExecuteCommand`): each test writes its input files into a fresh temporary folder, runs
// the program with Foundation's Process and checks stdout, stderr and the exit code.

import Foundation
import Testing
import _EntenteTestSupport

#if canImport(Glibc)
  import Glibc
#endif

// MARK: - Running the executable

/// The built `entente`, beside the test bundle: on Linux `Bundle.main.bundleURL` is the products
/// folder (`.build/debug`); on macOS it is the `.xctest` bundle inside it.
let ententeURL: URL = {
  var folder = Bundle.main.bundleURL
  if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
  return folder.appendingPathComponent("entente")
}()

/// The repository (three folders above this file), for the fixtures the tests copy.
let repositoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// What one run of `entente` gave.
struct CommandResult {
  /// The exit status, or 128 + the signal that ended the process.
  var exitCode: Int32
  var stdoutData: Data
  var stderr: String
  var timedOut: Bool

  var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
  /// The lines of stdout, each without its final line feed.
  var stdoutLines: [String] {
    var lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

/// A fresh temporary folder for one test, removed when the test ends. Inputs and outputs go in
/// `folder` (the working directory of the runs); captured stdout and stderr go elsewhere, so that
/// `folder` holds only what the test and the program put there.
final class Workspace {
  let folder: URL
  private let root: URL
  private let captures: URL
  private var runs = 0

  init() throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("entente-cli-tests-\(UUID().uuidString)")
    folder = root.appendingPathComponent("work")
    captures = root.appendingPathComponent("captures")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: captures, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: root) }

  /// A workspace holding copies of `paths` from the repository, under the same paths.
  static func withRepositoryFiles(_ paths: [String]) throws -> Workspace {
    let workspace = try Workspace()
    for path in paths {
      try workspace.write(
        path, bytes: Array(try Data(contentsOf: repositoryURL.appendingPathComponent(path))))
    }
    return workspace
  }

  /// Writes `text` as UTF-8 to `name` in the folder.
  func write(_ name: String, _ text: String) throws {
    try write(name, bytes: Array(text.utf8))
  }

  /// Writes `bytes` to `name` in the folder.
  func write(_ name: String, bytes: [UInt8]) throws {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: url)
  }

  /// The bytes of `name` in the folder.
  func contents(of name: String) throws -> Data {
    try Data(contentsOf: folder.appendingPathComponent(name))
  }

  /// The names in the folder (hidden files included), sorted.
  func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  /// Runs `entente arguments` in the folder, with `stdin` as standard input (or /dev/null), and
  /// kills it after `timeout`. stdout and stderr go to files, so large outputs cannot block.
  func run(
    _ arguments: [String], stdin: [UInt8]? = nil, timeout: Duration = .seconds(60),
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> CommandResult {
    try #require(
      FileManager.default.isExecutableFile(atPath: ententeURL.path),
      "no built entente at \(ententeURL.path)", sourceLocation: sourceLocation)
    runs += 1
    let outURL = captures.appendingPathComponent("\(runs).stdout")
    let errURL = captures.appendingPathComponent("\(runs).stderr")
    let inURL = captures.appendingPathComponent("\(runs).stdin")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    var inHandle: FileHandle?
    if let stdin {
      try Data(stdin).write(to: inURL)
      inHandle = try FileHandle(forReadingFrom: inURL)
    }
    defer {
      try? outHandle.close()
      try? errHandle.close()
      try? inHandle?.close()
    }

    let process = Process()
    process.executableURL = ententeURL
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = inHandle ?? FileHandle.nullDevice
    try process.run()
    // Polls instead of waitUntilExit, which spins on a thread of the test pool.
    let deadline = ContinuousClock.now + timeout
    var timedOut = false
    while process.isRunning {
      if !timedOut && ContinuousClock.now >= deadline {
        timedOut = true
        // SIGKILL, not terminate(): the child inherits the signal mask of the test pool's
        // thread, which blocks SIGTERM.
        kill(process.processIdentifier, SIGKILL)
      }
      do {
        try await Task.sleep(for: .milliseconds(20))
      } catch {
        kill(process.processIdentifier, SIGKILL)
        throw error
      }
    }
    // A signal counts as the shell shows it (128 + signal), never as a real exit code.
    let status = process.terminationStatus
    return CommandResult(
      exitCode: process.terminationReason == .exit ? status : 128 + status,
      stdoutData: try Data(contentsOf: outURL),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
      timedOut: timedOut)
  }
}

/// Checks a successful run: exit 0, nothing on stderr (stderr is not a terminal: no progress).
func expectSuccess(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(!result.timedOut, "entente did not finish in time", sourceLocation: sourceLocation)
  #expect(result.exitCode == 0, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
  #expect(result.stderr == "", sourceLocation: sourceLocation)
}

/// Checks a refused input or usage: exit 2, nothing on stdout, and stderr holds `fragments`.
func expectFailure(
  _ result: CommandResult, mentioning fragments: [String],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(result.exitCode == 2, "stderr: \(result.stderr)", sourceLocation: sourceLocation)
  #expect(result.stdout == "", sourceLocation: sourceLocation)
  for fragment in fragments {
    #expect(
      result.stderr.contains(fragment), "stderr does not mention \(fragment): \(result.stderr)",
      sourceLocation: sourceLocation)
  }
}

/// One `segment --format jsonl` record.
private struct SentenceRecord: Decodable, Equatable {
  var text: String
  var start: Int
  var end: Int
  var paragraph: Int
  var line: Int
  var column: Int
}

private let nbsp = "\u{00A0}"

// MARK: - segment

/// A user abbreviation changes a boundary; the built-in French list has neither `rte` nor `Rte`.
struct AbbreviationCase: Sendable, CustomTestStringConvertible {
  var entries: String
  var text: String
  var without: [String]
  var with: [String]
  var testDescription: String { entries.debugDescription }
}

@Suite("entente segment")
struct SegmentCommandTests {
  @Test("French text: quotes, M., two paragraphs")
  func frenchText() async throws {
    let workspace = try Workspace()
    try workspace.write(
      "article.txt",
      "M. Dupont est arrivé hier. Il a dit\(nbsp): «\(nbsp)Je viens demain.\(nbsp)» Puis il est reparti.\n"
        + "\n"
        + "Le lendemain, il pleuvait. Personne ne sortit.\n")
    let result = try await workspace.run(["segment", "article.txt", "--lang", "fr"])
    expectSuccess(result)
    #expect(
      result.stdoutLines == [
        "M. Dupont est arrivé hier.",
        "Il a dit\(nbsp): «\(nbsp)Je viens demain.\(nbsp)»",
        "Puis il est reparti.",
        "Le lendemain, il pleuvait.",
        "Personne ne sortit.",
      ])
  }

  @Test("jsonl: one JSON object per sentence; start and end are UTF-8 offsets into the input")
  func jsonLines() async throws {
    // ⟦…⟧ marks each expected sentence.
    let marked = MarkedText(
      "⟦M. Dupont est arrivé hier.⟧ ⟦Il a dit : « Je viens. »⟧\n"
        + "\n"
        + "⟦Ça va.⟧ ⟦Très bien.⟧ ⟦Il a tapé \"C:\\temp\"\tici.⟧\n")
    let workspace = try Workspace()
    try workspace.write("in.txt", marked.text)
    let result = try await workspace.run(["segment", "in.txt", "--lang", "fr", "--format", "jsonl"])
    expectSuccess(result)

    let lines = result.stdoutLines
    #expect(result.stdout.hasSuffix("\n"))
    let keys: Set<String> = ["text", "start", "end", "paragraph", "line", "column"]
    var records: [SentenceRecord] = []
    for line in lines {
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
      #expect(Set(object.keys) == keys, "\(line)")
      records.append(try JSONDecoder().decode(SentenceRecord.self, from: Data(line.utf8)))
    }
    #expect(records.map { $0.start..<$0.end } == marked.ranges)
    let input = Array(marked.text.utf8)
    for record in records {
      let slice = try #require(
        record.start >= 0 && record.start <= record.end && record.end <= input.count
          ? input[record.start..<record.end] : nil)
      #expect(String(decoding: slice, as: UTF8.self) == record.text)
    }
    #expect(records.map(\.paragraph) == [0, 0, 1, 1, 1])
    // Columns count characters, not bytes: "Très" starts at column 8, byte 8 of its line.
    #expect(records.map { [$0.line, $0.column] } == [[1, 1], [1, 28], [3, 1], [3, 8], [3, 19]])
    #expect(records.last?.text == "Il a tapé \"C:\\temp\"\tici.")
  }

  @Test("--input lines: every line is its own paragraph", arguments: ["\n", "\r\n"])
  func lineInput(lineEnd: String) async throws {
    let workspace = try Workspace()
    try workspace.write(
      "lines.txt",
      ["Une ligne sans point", "qui continue ici.", "Deux. Trois.", ""].joined(separator: lineEnd))

    let lines = try await workspace.run(["segment", "lines.txt", "--lang", "fr", "--input", "lines"])
    expectSuccess(lines)
    #expect(lines.stdoutLines == ["Une ligne sans point", "qui continue ici.", "Deux.", "Trois."])
    #expect(!lines.stdout.contains("\r"))

    let json = try await workspace.run(
      ["segment", "lines.txt", "--lang", "fr", "--input", "lines", "--format", "jsonl"])
    expectSuccess(json)
    let records = try json.stdoutLines.map {
      try JSONDecoder().decode(SentenceRecord.self, from: Data($0.utf8))
    }
    #expect(records.map(\.paragraph) == [0, 1, 2, 2])
    #expect(records.map(\.line) == [1, 2, 3, 3])

    // The default (text) joins the first two lines: the option is what keeps them apart.
    let text = try await workspace.run(["segment", "lines.txt", "--lang", "fr"])
    expectSuccess(text)
    #expect(text.stdoutLines.first == "Une ligne sans point qui continue ici.")
  }

  @Test("A line break inside a sentence becomes one space", arguments: ["\n", "\r\n", "\r"])
  func lineBreakInsideSentence(lineEnd: String) async throws {
    let workspace = try Workspace()
    try workspace.write(
      "conte.txt",
      "Il était une fois un roi qui vivait\(lineEnd)dans un grand château. Il était riche.\(lineEnd)")
    let result = try await workspace.run(["segment", "conte.txt", "--lang", "fr"])
    expectSuccess(result)
    #expect(
      result.stdoutLines == ["Il était une fois un roi qui vivait dans un grand château.", "Il était riche."])
    #expect(!result.stdout.contains("\r"))
  }

  @Test("- reads standard input")
  func standardInput() async throws {
    let workspace = try Workspace()
    let result = try await workspace.run(
      ["segment", "-", "--lang", "fr"], stdin: Array("Bonjour. Au revoir, M. Martin.".utf8))
    expectSuccess(result)
    #expect(result.stdoutLines == ["Bonjour.", "Au revoir, M. Martin."])

    let bad = try await workspace.run(
      ["segment", "-", "--lang", "fr"], stdin: [0x61, 0x62, 0x63, 0x0A, 0xC3, 0x28])
    expectFailure(bad, mentioning: ["<stdin>:2:1:"])
  }

  @Test("--output writes the file and nothing on stdout, replacing an older file")
  func outputFile() async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Première phrase. Deuxième phrase.\n")
    try workspace.write("out.txt", "an older, longer content that must disappear entirely\n")
    let result = try await workspace.run(["segment", "in.txt", "--lang", "fr", "--output", "out.txt"])
    expectSuccess(result)
    #expect(result.stdout == "")
    #expect(
      String(decoding: try workspace.contents(of: "out.txt"), as: UTF8.self)
        == "Première phrase.\nDeuxième phrase.\n")
    #expect(try workspace.names() == ["in.txt", "out.txt"])

    let short = try await workspace.run(["segment", "in.txt", "--lang", "fr", "-o", "short.txt"])
    expectSuccess(short)
    #expect(try workspace.contents(of: "short.txt") == workspace.contents(of: "out.txt"))
  }

  @Test("--output: bad input leaves the existing file untouched and no temporary file behind")
  func outputFileUntouchedOnError() async throws {
    let workspace = try Workspace()
    let previous = "Résultat précédent.\n"
    try workspace.write("out.txt", previous)
    try workspace.write("bad.txt", bytes: [0x61, 0x62, 0x63, 0x0A, 0xC3, 0x28])
    let result = try await workspace.run(["segment", "bad.txt", "--lang", "fr", "--output", "out.txt"])
    expectFailure(result, mentioning: ["bad.txt:2:1:"])
    #expect(String(decoding: try workspace.contents(of: "out.txt"), as: UTF8.self) == previous)
    #expect(try workspace.names() == ["bad.txt", "out.txt"])

    // A folder that does not exist: refused, named.
    try workspace.write("in.txt", "Une phrase.\n")
    let missing = try await workspace.run(["segment", "in.txt", "--lang", "fr", "-o", "nowhere/out.txt"])
    expectFailure(missing, mentioning: ["nowhere/out.txt"])
  }

  @Test(
    "--output: a failure after writing began removes the temporary file",
    arguments: [["segment", "in.txt", "--lang", "fr"], ["normalize", "in.txt", "--form", "nfc"]])
  func outputRenameFails(command: [String]) async throws {
    // The output path is a folder: the text is written to a temporary file, which cannot then
    // be renamed over the folder.
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase. Une autre.\n")
    try FileManager.default.createDirectory(
      at: workspace.folder.appendingPathComponent("out.d"), withIntermediateDirectories: false)
    try workspace.write("out.d/keep.txt", "gardé\n")
    let result = try await workspace.run(command + ["--output", "out.d"])
    expectFailure(result, mentioning: ["out.d"])
    #expect(try workspace.names() == ["in.txt", "out.d"])
    #expect(String(decoding: try workspace.contents(of: "out.d/keep.txt"), as: UTF8.self) == "gardé\n")
  }

  @Test(
    "--abbreviations adds the user's abbreviations",
    arguments: [
      // A plain entry: no boundary before a lowercase word.
      AbbreviationCase(
        entries: "# routes\nrte\n", text: "Suivez la rte. nationale vers le sud. Tournez ensuite.\n",
        without: ["Suivez la rte.", "nationale vers le sud.", "Tournez ensuite."],
        with: ["Suivez la rte. nationale vers le sud.", "Tournez ensuite."]),
      // A title: no boundary even before a capitalised word.
      AbbreviationCase(
        entries: "Rte title\n", text: "Prenez la Rte. Nationale vers le sud. Tournez ensuite.\n",
        without: ["Prenez la Rte.", "Nationale vers le sud.", "Tournez ensuite."],
        with: ["Prenez la Rte. Nationale vers le sud.", "Tournez ensuite."]),
    ])
  func userAbbreviations(_ example: AbbreviationCase) async throws {
    let workspace = try Workspace()
    try workspace.write("route.txt", example.text)
    try workspace.write("abbr.txt", example.entries)
    let without = try await workspace.run(["segment", "route.txt", "--lang", "fr"])
    expectSuccess(without)
    #expect(without.stdoutLines == example.without)
    let with = try await workspace.run([
      "segment", "route.txt", "--lang", "fr", "--abbreviations", "abbr.txt",
    ])
    expectSuccess(with)
    #expect(with.stdoutLines == example.with)
  }

  @Test("--abbreviations: a malformed entry is refused with its file and line")
  func malformedAbbreviations() async throws {
    let workspace = try Workspace()
    try workspace.write("route.txt", "Prenez la Rte. Nationale.\n")
    try workspace.write("abbr.txt", "# routes\nRte\ttitle\n")
    let result = try await workspace.run([
      "segment", "route.txt", "--lang", "fr", "--abbreviations", "abbr.txt",
    ])
    expectFailure(result, mentioning: ["abbr.txt:2:"])
  }
}

// MARK: - segment --srx

/// An SRX 2.0 document with one French rule.
private func srxDocument(isBreak: Bool, before: String, after: String) -> String {
  """
  <?xml version="1.0" encoding="UTF-8"?>
  <srx xmlns="http://www.lisa.org/srx20" version="2.0">
    <header segmentsubflows="yes" cascade="no"/>
    <body>
      <languagerules>
        <languagerule languagerulename="Français">
          <rule break="\(isBreak ? "yes" : "no")">
            <beforebreak>\(before)</beforebreak>
            <afterbreak>\(after)</afterbreak>
          </rule>
        </languagerule>
      </languagerules>
      <maprules>
        <languagemap languagepattern="fr.*" languagerulename="Français"/>
      </maprules>
    </body>
  </srx>

  """
}

@Suite("entente segment --srx")
struct SRXOptionTests {
  @Test("A no-break rule removes a boundary")
  func noBreakRule() async throws {
    let workspace = try Workspace()
    try workspace.write("route.txt", "Prenez la Rte. Nationale vers le sud. Tournez ensuite.\n")
    try workspace.write("rules.srx", srxDocument(isBreak: false, before: #"\bRte\."#, after: #"\s"#))
    let plain = try await workspace.run(["segment", "route.txt", "--lang", "fr"])
    expectSuccess(plain)
    #expect(plain.stdoutLines == ["Prenez la Rte.", "Nationale vers le sud.", "Tournez ensuite."])
    let result = try await workspace.run(["segment", "route.txt", "--lang", "fr", "--srx", "rules.srx"])
    expectSuccess(result)
    #expect(result.stdoutLines == ["Prenez la Rte. Nationale vers le sud.", "Tournez ensuite."])
  }

  @Test("A break rule adds a boundary")
  func breakRule() async throws {
    let workspace = try Workspace()
    try workspace.write("liste.txt", "Voici la liste : les pommes et les poires. Rien d’autre.\n")
    try workspace.write("rules.srx", srxDocument(isBreak: true, before: #"\s:"#, after: #"\s"#))
    let plain = try await workspace.run(["segment", "liste.txt", "--lang", "fr"])
    expectSuccess(plain)
    #expect(plain.stdoutLines == ["Voici la liste : les pommes et les poires.", "Rien d’autre."])
    let result = try await workspace.run(["segment", "liste.txt", "--lang", "fr", "--srx", "rules.srx"])
    expectSuccess(result)
    #expect(result.stdoutLines == ["Voici la liste :", "les pommes et les poires.", "Rien d’autre."])
  }

  @Test("A rule for another language changes nothing")
  func otherLanguage() async throws {
    let workspace = try Workspace()
    try workspace.write("liste.txt", "Voici la liste : les pommes et les poires.\n")
    try workspace.write(
      "rules.srx",
      srxDocument(isBreak: true, before: #"\s:"#, after: #"\s"#)
        .replacingOccurrences(of: "languagepattern=\"fr.*\"", with: "languagepattern=\"en.*\""))
    let result = try await workspace.run(["segment", "liste.txt", "--lang", "fr", "--srx", "rules.srx"])
    expectSuccess(result)
    #expect(result.stdoutLines == ["Voici la liste : les pommes et les poires."])
  }

  @Test("An invalid regular expression exits 2 and names the file and the rule's line")
  func invalidRule() async throws {
    let workspace = try Workspace()
    try workspace.write("route.txt", "Prenez la Rte. Nationale.\n")
    let document = srxDocument(isBreak: false, before: #"(Rte\."#, after: #"\s"#)
    try workspace.write("broken.srx", document)
    let ruleLine = try #require(document.split(separator: "\n").firstIndex { $0.contains("<rule ") }) + 1
    let result = try await workspace.run(["segment", "route.txt", "--lang", "fr", "--srx", "broken.srx"])
    expectFailure(result, mentioning: ["broken.srx:\(ruleLine):", "beforebreak"])
  }
}

// MARK: - normalize

/// A normalization form, an input line and its expected output.
struct FormCase: Sendable, CustomTestStringConvertible {
  var form: String
  var input: String
  var expected: String
  var testDescription: String { "\(form): \(input.debugDescription)" }
}

@Suite("entente normalize")
struct NormalizeCommandTests {
  @Test(
    "Each form, on one line",
    arguments: [
      FormCase(form: "nfc", input: "e\u{301}te\u{301} ﬁn", expected: "\u{E9}t\u{E9} ﬁn"),
      FormCase(form: "nfd", input: "\u{E9}t\u{E9}", expected: "e\u{301}te\u{301}"),
      FormCase(form: "nfkc", input: "e\u{301}te\u{301} ﬁn ① x²", expected: "\u{E9}t\u{E9} fin 1 x2"),
      FormCase(form: "nfkd", input: "\u{E9} ﬁ", expected: "e\u{301} fi"),
      FormCase(form: "casefold", input: "Straße ÉCOLE ΣΑΣ ﬁn", expected: "strasse école σασ fin"),
      FormCase(
        form: "key", input: "L’Œuvre « Élan » — Straße", expected: "l'oeuvre \" elan \" - strasse"),
      FormCase(
        form: "key", input: "«\u{202F}Ça\(nbsp)» – “Æther” ‘x’ e\u{301}",
        expected: "\" ca \" - \"aether\" 'x' e"),
    ])
  func forms(_ example: FormCase) async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", example.input + "\n")
    let result = try await workspace.run(["normalize", "in.txt", "--form", example.form])
    expectSuccess(result)
    #expect(result.stdout == example.expected + "\n")
  }

  @Test("casefold with --lang tr keeps dotted and dotless i apart")
  func turkishCaseFolding() async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "İSTANBUL IRMAK\n")
    let generic = try await workspace.run(["normalize", "in.txt", "--form", "casefold"])
    expectSuccess(generic)
    #expect(generic.stdout == "i\u{307}stanbul irmak\n")
    let turkish = try await workspace.run(["normalize", "in.txt", "--form", "casefold", "--lang", "tr"])
    expectSuccess(turkish)
    #expect(turkish.stdout == "istanbul ırmak\n")
  }

  @Test("Line N of the output is line N of the input", arguments: ["\n", "\r\n"])
  func keepsLines(lineEnd: String) async throws {
    let workspace = try Workspace()
    let input = ["Première LIGNE", "", "  Œuf  ", "Fin"].joined(separator: lineEnd)
    try workspace.write("in.txt", input)
    let result = try await workspace.run(["normalize", "in.txt", "--form", "key"])
    expectSuccess(result)
    #expect(result.stdout == ["premiere ligne", "", "  oeuf  ", "fin"].joined(separator: lineEnd))
  }

  @Test("--output and standard input")
  func outputAndStandardInput() async throws {
    let workspace = try Workspace()
    let result = try await workspace.run(
      ["normalize", "-", "--form", "key", "-o", "key.txt"], stdin: Array("Élan\n".utf8))
    expectSuccess(result)
    #expect(result.stdout == "")
    #expect(String(decoding: try workspace.contents(of: "key.txt"), as: UTF8.self) == "elan\n")
    #expect(try workspace.names() == ["key.txt"])
  }
}

// MARK: - Bad input and usage

/// A file that `entente` must refuse, and what stderr must name.
struct BadFile: Sendable, CustomTestStringConvertible {
  var label: String
  var name: String
  /// The file's bytes; nil: a folder of that name; no file at all when `isMissing`.
  var bytes: [UInt8]?
  var isMissing = false
  var mentions: [String]
  var testDescription: String { label }
}

@Suite("Bad input and usage errors")
struct BadInputTests {
  static let badFiles: [BadFile] = [
    BadFile(
      label: "invalid UTF-8", name: "bad.txt", bytes: [0x61, 0x62, 0x63, 0x0A, 0xC3, 0x28],
      mentions: ["bad.txt:2:1:"]),
    BadFile(
      label: "UTF-16 of odd length", name: "odd.txt",
      bytes: Array(utf16WithBOM("Bonjour.", littleEndian: true).dropLast()), mentions: ["odd.txt:1:8:"]),
    BadFile(label: "empty file", name: "empty.txt", bytes: [], mentions: ["empty.txt:"]),
    BadFile(
      label: "whitespace only", name: "blank.txt", bytes: Array(" \n\t\r\n  \n".utf8),
      mentions: ["blank.txt:"]),
    BadFile(
      label: "binary (NUL)", name: "data.bin", bytes: Array("ab\ncd".utf8) + [0x00, 0x65, 0x66],
      mentions: ["data.bin:2:3:"]),
    BadFile(label: "missing file", name: "missing.txt", isMissing: true, mentions: ["missing.txt"]),
    BadFile(label: "directory", name: "folder.txt", bytes: nil, mentions: ["folder.txt"]),
  ]

  @Test("segment refuses it: exit 2, named on stderr, nothing on stdout", arguments: BadInputTests.badFiles)
  func segmentRefuses(_ file: BadFile) async throws {
    let workspace = try Workspace()
    try Self.create(file, in: workspace)
    let result = try await workspace.run(["segment", file.name, "--lang", "fr"])
    expectFailure(result, mentioning: file.mentions)
  }

  @Test(
    "normalize refuses it too",
    arguments: BadInputTests.badFiles.filter { !["empty file", "whitespace only"].contains($0.label) })
  func normalizeRefuses(_ file: BadFile) async throws {
    let workspace = try Workspace()
    try Self.create(file, in: workspace)
    let result = try await workspace.run(["normalize", file.name, "--form", "nfc"])
    expectFailure(result, mentioning: file.mentions)
  }

  private static func create(_ file: BadFile, in workspace: Workspace) throws {
    if file.isMissing { return }
    if let bytes = file.bytes {
      try workspace.write(file.name, bytes: bytes)
    } else {
      try FileManager.default.createDirectory(
        at: workspace.folder.appendingPathComponent(file.name), withIntermediateDirectories: false)
    }
  }

  @Test("UTF-16 with a byte-order mark is read", arguments: [true, false])
  func utf16WithByteOrderMark(littleEndian: Bool) async throws {
    let workspace = try Workspace()
    try workspace.write(
      "utf16.txt", bytes: utf16WithBOM("« Bonjour. » Il part.\nÀ demain 😀.\n", littleEndian: littleEndian))
    let result = try await workspace.run(["segment", "utf16.txt", "--lang", "fr"])
    expectSuccess(result)
    #expect(result.stdoutLines == ["« Bonjour. »", "Il part.", "À demain 😀."])
  }

  @Test(
    "Usage errors exit 2 and name the culprit",
    arguments: [
      (["segment", "in.txt", "--lang", "fr", "--bogus"], "--bogus"),
      (["segment", "in.txt"], "--lang"),
      (["segment", "in.txt", "--lang", "fr", "--format", "xml"], "xml"),
      (["segment", "in.txt", "--lang", "fr", "--input", "words"], "words"),
      (["normalize", "in.txt", "--form", "nfx"], "nfx"),
      (["split", "in.txt"], "split"),
    ])
  func usageErrors(arguments: [String], culprit: String) async throws {
    let workspace = try Workspace()
    try workspace.write("in.txt", "Une phrase.\n")
    let result = try await workspace.run(arguments)
    expectFailure(result, mentioning: [culprit])
  }
}

// MARK: - Large input, version, help

@Suite("Large input, version and help")
struct LargeInputAndInfoTests {
  static let sentence = "Le chat de M. Dupont dort sur le canapé."

  /// `sentence` repeated, separated by spaces, to at least `bytes` bytes, without a line break.
  static func singleLine(atLeast bytes: Int) -> (text: String, count: Int) {
    let count = bytes / (sentence.utf8.count + 1) + 1
    return (Array(repeating: sentence, count: count).joined(separator: " "), count)
  }

  @Test("A 10 MB single line is segmented")
  func tenMegabyteLine() async throws {
    let (text, count) = Self.singleLine(atLeast: 10_000_000)
    let workspace = try Workspace()
    try workspace.write("big.txt", text)
    let result = try await workspace.run(["segment", "big.txt", "--lang", "fr"], timeout: .seconds(60))
    expectSuccess(result)
    let lines = result.stdoutLines
    #expect(lines.count == count)
    #expect(lines.first == Self.sentence)
    #expect(lines.last == Self.sentence)
    #expect(Set(lines).count == 1)
  }

  @Test("jsonl on a 2 MB single line finishes")
  func longLineAsJSONLines() async throws {
    // Columns are counted once along the text, not from the line start for every sentence:
    // jsonl stays linear on a single long line.
    let (text, count) = Self.singleLine(atLeast: 2_000_000)
    let workspace = try Workspace()
    try workspace.write("big.txt", text)
    let result = try await workspace.run(
      ["segment", "big.txt", "--lang", "fr", "--format", "jsonl"], timeout: .seconds(20))
    expectSuccess(result)
    let lines = result.stdoutLines
    #expect(lines.count == count)
    let last = try JSONDecoder().decode(SentenceRecord.self, from: Data(try #require(lines.last).utf8))
    #expect(last.end == text.utf8.count)
    #expect(last.column == text.unicodeScalars.count - Self.sentence.unicodeScalars.count + 1)
  }

  @Test("--version names the ICU version")
  func version() async throws {
    let workspace = try Workspace()
    let result = try await workspace.run(["--version"])
    expectSuccess(result)
    #expect(
      result.stdout.wholeMatch(of: /\d+\.\d+\.\d+ .*\(ICU \d+(\.\d+)+\)\n/) != nil, "\(result.stdout)")
  }

  @Test(
    "--help describes the options",
    arguments: [
      ("segment", ["--lang", "--format", "--input", "--srx", "--abbreviations", "--output"]),
      ("normalize", ["--form", "--output"]),
    ])
  func help(command: String, options: [String]) async throws {
    let workspace = try Workspace()
    let result = try await workspace.run([command, "--help"])
    expectSuccess(result)
    for option in options {
      #expect(result.stdout.contains(option), "\(option) missing from \(command) --help")
    }
  }
}

@Suite("entente align")
struct AlignCommandTests {
  @Test("Aligns a source and its translation; vecalign, tsv and ladder output")
  func formats() async throws {
    let workspace = try Workspace()
    try workspace.write(
      "en.txt",
      "North Korea denied selling arms to Russia. \"We have never exported weapons,\" an official said. "
        + "The White House disagreed.\n")
    try workspace.write(
      "fr.txt",
      "La Corée du Nord a démenti avoir vendu des armes à la Russie. « Nous n'avons jamais exporté d'armes », "
        + "a déclaré un responsable. La Maison Blanche n'est pas d'accord.\n")
    let vecalign = try await workspace.run(["align", "en.txt", "fr.txt"])
    expectSuccess(vecalign)
    #expect(
      vecalign.stdoutLines.map { $0.split(separator: ":").prefix(2).joined(separator: ":") } == [
        "[0]:[0]", "[1]:[1]", "[2]:[2]",
      ])
    let tsv = try await workspace.run(["align", "en.txt", "fr.txt", "--format", "tsv"])
    expectSuccess(tsv)
    #expect(
      tsv.stdoutLines.first
        == "North Korea denied selling arms to Russia.\tLa Corée du Nord a démenti avoir vendu des armes à la Russie."
    )
    let ladder = try await workspace.run(["align", "en.txt", "fr.txt", "--format", "ladder"])
    expectSuccess(ladder)
    #expect(
      ladder.stdoutLines.map { $0.split(separator: "\t").prefix(2).joined(separator: " ") } == [
        "0 0", "1 1", "2 2", "3 3",
      ])
  }

  @Test("--input lines keeps line numbers as sentence indices")
  func lines() async throws {
    let workspace = try Workspace()
    try workspace.write("en.txt", "One sentence. Another one.\nA third line.\n")
    try workspace.write("fr.txt", "Une phrase. Une autre.\nUne troisième ligne.\n")
    let result = try await workspace.run(["align", "en.txt", "fr.txt", "--input", "lines"])
    expectSuccess(result)
    #expect(result.stdoutLines.count == 2)
    #expect(result.stdoutLines.first?.hasPrefix("[0]:[0]:") == true)
  }

  @Test("A missing or invalid file exits 2 naming it")
  func badInput() async throws {
    let workspace = try Workspace()
    try workspace.write("en.txt", "A sentence.\n")
    try workspace.write("bad.txt", bytes: [0x61, 0xFF, 0x0A])
    expectFailure(try await workspace.run(["align", "en.txt", "missing.txt"]), mentioning: ["missing.txt"])
    expectFailure(try await workspace.run(["align", "en.txt", "bad.txt"]), mentioning: ["bad.txt:1:2"])
  }
}

@Suite("entente align refuses what is not a text and its translation")
struct AlignInputTests {
  @Test("Both sides in the same language, wildly different sizes, an empty side: exit 2")
  func refused() async throws {
    let workspace = try Workspace()
    let french = (1...12).map { "Le chat numéro \($0) dort dans la maison et il est content." }
    try workspace.write("fr1.txt", french.joined(separator: "\n") + "\n")
    try workspace.write("fr2.txt", french.reversed().joined(separator: "\n") + "\n")
    expectFailure(
      try await workspace.run(["align", "fr1.txt", "fr2.txt", "--input", "lines"]),
      mentioning: ["same language (fr)", "--force"])
    let forced = try await workspace.run([
      "align", "fr1.txt", "fr2.txt", "--input", "lines", "--force", "--quiet",
    ])
    #expect(forced.exitCode == 0)
    // Sizes wildly apart with nothing in common (no number or word found once on each side) are
    // refused; the same sizes around a parallel core are a text that adds sentences.
    let english = (101...160).map { "The cat number \($0) sleeps in the house and he is happy." }
    try workspace.write("en.txt", english.joined(separator: "\n") + "\n")
    expectFailure(
      try await workspace.run(["align", "en.txt", "fr1.txt", "--input", "lines"]),
      mentioning: ["60 source sentences", "no parallel part"])
    let core = (1...60).map { "The cat number \($0) sleeps in the house and he is happy." }
    try workspace.write("core.txt", core.joined(separator: "\n") + "\n")
    let partial = try await workspace.run(["align", "core.txt", "fr1.txt", "--input", "lines"])
    #expect(partial.exitCode == 0, "stderr: \(partial.stderr)")
    #expect(partial.stderr.contains("have no counterpart in the target"), "stderr: \(partial.stderr)")
    try workspace.write("empty.txt", "\n")
    expectFailure(try await workspace.run(["align", "en.txt", "empty.txt"]), mentioning: ["empty.txt"])
    // A missing or corrupt dictionary.
    try workspace.write(
      "fr.txt", english.map { _ in "Le chat dort dans la maison." }.joined(separator: "\n") + "\n")
    expectFailure(
      try await workspace.run(["align", "en.txt", "fr.txt", "--dictionary", "missing.dic"]),
      mentioning: ["missing.dic"])
    try workspace.write("broken.dic", "arme @ weapon\nno separator\n")
    expectFailure(
      try await workspace.run(["align", "en.txt", "fr.txt", "--dictionary", "broken.dic"]),
      mentioning: ["broken.dic:2:1"])
    try workspace.write("bad.index", "cat\tA\tB\n")
    try workspace.write(
      "bad.dict.dz", bytes: [0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x00, 0x11])
    expectFailure(
      try await workspace.run(["align", "en.txt", "fr.txt", "--dictionary", "bad.index"]),
      mentioning: ["bad.dict.dz"])
  }
}

@Suite("entente quotes")
struct QuotesCommandTests {
  @Test("JSON output: each source quote with the span that renders it, offsets into the files")
  func json() async throws {
    let workspace = try Workspace()
    let english = "He called it a \"partial mobilization\" on Wednesday. Nobody agreed."
    let french = "Il a parlé d'une « mobilisation partielle » mercredi. Personne n'était d'accord."
    try workspace.write("en.txt", english)
    try workspace.write("fr.txt", french)
    let result = try await workspace.run(["quotes", "en.txt", "fr.txt", "--format", "json", "--no-freedict"])
    expectSuccess(result)
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(array.count == 1)
    let source = try #require(array.first?["source"] as? [String: Any])
    let target = try #require(array.first?["target"] as? [String: Any])
    #expect(source["text"] as? String == "partial mobilization")
    #expect(target["text"] as? String == "mobilisation partielle")
    let start = try #require(target["start"] as? Int)
    let end = try #require(target["end"] as? Int)
    #expect(String(decoding: Array(french.utf8)[start..<end], as: UTF8.self) == "mobilisation partielle")
    // Line 1; the column counts Unicode scalars («é» is one) before the quote's first word, plus one.
    func column(of word: String, in text: String) throws -> Int {
      try #require(text.range(of: word)).lowerBound.samePosition(in: text.unicodeScalars)
        .map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) + 1 } ?? 0
    }
    #expect(source["line"] as? Int == 1)
    #expect(source["column"] as? Int == (try column(of: "partial", in: english)))
    #expect(target["line"] as? Int == 1)
    #expect(target["column"] as? Int == (try column(of: "mobilisation", in: french)))
    let confidence = try #require(array.first?["confidence"] as? Double)
    #expect((0...1).contains(confidence))
    #expect(array.first?["score"] is Double && array.first?["quoted"] as? Bool == true)
  }

  @Test("--source-quotes takes a list and the target alone; usage errors exit 2")
  func sourceQuotes() async throws {
    let workspace = try Workspace()
    try workspace.write("quotes.txt", "partial mobilization\n")
    try workspace.write("fr.txt", "Il a parlé d'une « mobilisation partielle » mercredi.")
    let result = try await workspace.run([
      "quotes", "--source-quotes", "quotes.txt", "fr.txt", "--no-freedict",
    ])
    expectSuccess(result)
    #expect(result.stdout.contains("«mobilisation partielle»"))
    let usage = try await workspace.run(["quotes", "--source-quotes", "quotes.txt", "fr.txt", "fr.txt"])
    #expect(usage.exitCode == 2)
  }
}

@Suite("entente glossary")
struct GlossaryCommandTests {
  static let tbx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
      <text><body>
        <conceptEntry id="c-seoul">
          <langSec xml:lang="en"><termSec><term>Seoul</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
          <langSec xml:lang="fr">
            <termSec><term>Séoul</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
              <note>accent-sensitive</note></termSec>
          </langSec>
        </conceptEntry>
      </body></text>
    </tbx>
    """

  @Test("validate prints a summary; lookup finds a term whatever its accents; a missing term exits 1")
  func validateAndLookup() async throws {
    let workspace = try Workspace()
    try workspace.write("news.tbx", Self.tbx)
    let validate = try await workspace.run(["glossary", "validate", "news.tbx"])
    expectSuccess(validate)
    #expect(validate.stdout == "news.tbx: ok: 1 concepts; terms: en 1, fr 1\n")
    let lookup = try await workspace.run(["glossary", "lookup", "news.tbx", "SEOUL"])
    expectSuccess(lookup)
    #expect(lookup.stdout.contains("c-seoul") && lookup.stdout.contains("fr  Séoul  (preferred)"))
    let missing = try await workspace.run(["glossary", "lookup", "news.tbx", "Pyongyang"])
    #expect(missing.exitCode == 1 && missing.stderr.contains("'Pyongyang' is not in news.tbx"))
  }

  @Test("A malformed file exits 2 naming file:line:column; convert writes nothing then")
  func malformed() async throws {
    let workspace = try Workspace()
    try workspace.write("bad.tbx", "<tbx><text><body>\n<conceptEntry id=\"a\">\n<langSec></langSec>")
    let validate = try await workspace.run(["glossary", "validate", "bad.tbx"])
    #expect(validate.exitCode == 2)
    #expect(validate.stderr.hasPrefix("entente: bad.tbx:3:"), "\(validate.stderr)")
    let convert = try await workspace.run(["glossary", "convert", "bad.tbx", "out.json"])
    #expect(convert.exitCode == 2)
    #expect(try workspace.names() == ["bad.tbx"])
  }

  @Test("convert: TBX to JSON and back gives the same glossary")
  func convert() async throws {
    let workspace = try Workspace()
    try workspace.write("news.tbx", Self.tbx)
    expectSuccess(try await workspace.run(["glossary", "convert", "news.tbx", "news.json"]))
    expectSuccess(try await workspace.run(["glossary", "convert", "news.json", "again.tbx"]))
    expectSuccess(try await workspace.run(["glossary", "convert", "again.tbx", "again.json"]))
    #expect(try workspace.contents(of: "news.json") == workspace.contents(of: "again.json"))
    let json = String(decoding: try workspace.contents(of: "news.json"), as: UTF8.self)
    #expect(json.contains("\"accentSensitive\" : true") && json.contains("\"text\" : \"Séoul\""))
  }
}

@Suite("entente check")
struct CheckCommandTests {
  @Test("Findings as text, JSON and SARIF; exit 1 at or above --fail-on, 0 below, 2 on a bad glossary")
  func check() async throws {
    let workspace = try Workspace()
    try workspace.write(
      "news.tbx",
      GlossaryCommandTests.tbx.replacingOccurrences(
        of: "<note>accent-sensitive</note></termSec>",
        with: """
          <note>accent-sensitive</note></termSec>
          <termSec><term>Seoul</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
            <note>accent-sensitive</note></termSec>
          """))
    try workspace.write("fr.txt", "Titre\n\nÀ Seoul, la police a dit.\n")
    let text = try await workspace.run(["check", "fr.txt", "--glossary", "news.tbx"])
    #expect(text.exitCode == 1)
    #expect(
      text.stdout
        == "fr.txt:3:3: error: [term-deprecated] «Seoul» is a deprecated rendering of c-seoul (suggestion: «Séoul»)\n"
    )
    let json = try await workspace.run(["check", "fr.txt", "--glossary", "news.tbx", "--format", "json"])
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(array.first?["rule"] as? String == "term-deprecated" && array.first?["line"] as? Int == 3)
    let sarif = try await workspace.run(["check", "fr.txt", "--glossary", "news.tbx", "--format", "sarif"])
    #expect(sarif.stdout.contains("\"version\" : \"2.1.0\""))
    let never = try await workspace.run(["check", "fr.txt", "--glossary", "news.tbx", "--fail-on", "never"])
    #expect(never.exitCode == 0)
    try workspace.write("bad.tbx", "<tbx>")
    let bad = try await workspace.run(["check", "fr.txt", "--glossary", "bad.tbx"])
    #expect(bad.exitCode == 2 && bad.stderr.contains("bad.tbx:1:"))
  }
}

@Suite("entente check SOURCE TARGET")
struct CheckAgainstSourceTests {
  @Test("With the source, number-mismatch and term-missing join the target-side rules; three files exit 2")
  func againstSource() async throws {
    let workspace = try Workspace()
    try workspace.write("news.tbx", GlossaryCommandTests.tbx)
    try workspace.write("en.txt", "Seoul said 1,500 people came.\n\nThe rest stayed home.\n")
    try workspace.write(
      "fr.txt", "Séoul a dit que 1 400 personnes étaient venues.\n\nLes autres sont restés chez eux.\n")
    let result = try await workspace.run([
      "check", "en.txt", "fr.txt", "--glossary", "news.tbx", "--no-freedict", "--format", "json",
    ])
    #expect(result.exitCode == 1)
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(array.map { $0["rule"] as? String } == ["number-mismatch"])
    #expect(
      (array.first?["message"] as? String)?.contains("the source has 1500; the target has 1400") == true)
    let usage = try await workspace.run(["check", "en.txt", "fr.txt", "fr.txt", "--glossary", "news.tbx"])
    #expect(usage.exitCode == 2)
    let french =
      "La Russie et la Corée du Nord ont dit que les armes étaient dans le port. "
      + "Il est clair que la guerre est loin de finir et que les sanctions pèsent sur le pays."
    try workspace.write("fr2.txt", french + "\n")
    try workspace.write("fr3.txt", french + " Elle a ajouté que rien ne change.\n")
    let same = try await workspace.run([
      "check", "fr2.txt", "fr3.txt", "--glossary", "news.tbx", "--no-freedict",
    ])
    #expect(same.exitCode == 2 && same.stderr.contains("same language"), "\(same.stderr)")
  }
}

@Suite("entente glossary build")
struct GlossaryBuildCommandTests {
  @Test("TSV with evidence, a TBX that validates, and exit 2 on a missing file")
  func build() async throws {
    let workspace = try Workspace()
    try workspace.write(
      "en.txt",
      "The KCNA said John Kirby was wrong.\n\nJohn Kirby answered the KCNA on Monday.\n\nNobody else spoke.\n"
    )
    try workspace.write(
      "fr.txt",
      "La KCNA a dit que John Kirby avait tort.\n\nJohn Kirby a répondu à la KCNA lundi.\n\nPersonne d'autre n'a parlé.\n"
    )
    let tsv = try await workspace.run(["glossary", "build", "en.txt", "fr.txt", "--no-freedict"])
    expectSuccess(tsv)
    #expect(
      tsv.stdoutLines.first
        == "score\tsource\ttarget\tcount\treasons\texample source\texample target\tsource location\ttarget location"
    )
    #expect(tsv.stdoutLines.contains { $0.hasSuffix("\ten.txt:1\tfr.txt:1") })
    #expect(tsv.stdoutLines.contains { $0.contains("\tJohn Kirby\tJohn Kirby\t2\t") })
    #expect(tsv.stdoutLines.contains { $0.contains("\tKCNA\tKCNA\t2\t") })
    expectSuccess(
      try await workspace.run([
        "glossary", "build", "en.txt", "fr.txt", "--no-freedict", "--format", "tbx", "-o", "g.tbx",
      ]))
    expectSuccess(try await workspace.run(["glossary", "validate", "g.tbx"]))
    let missing = try await workspace.run(["glossary", "build", "none.txt", "fr.txt"])
    #expect(missing.exitCode == 2 && missing.stderr.contains("none.txt"))
  }

  @Test(
    "--pairs reads a corpus list (document pairs and bilingual files); a bad line is an error with its position"
  )
  func corpus() async throws {
    let workspace = try Workspace()
    try workspace.write("docs/a.en.txt", "The KCNA said John Kirby was wrong.\n")
    try workspace.write("docs/a.fr.txt", "La KCNA a dit que John Kirby avait tort.\n")
    try workspace.write(
      "docs/b.tmx",
      """
      <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
        adminlang="en" srclang="en" datatype="plaintext"/>
        <body><tu tuid="u7"><tuv xml:lang="en"><seg>John Kirby answered the KCNA.</seg></tuv>
          <tuv xml:lang="fr"><seg>John Kirby a répondu à la KCNA.</seg></tuv></tu></body>
      </tmx>
      """)
    try workspace.write("docs/list.tsv", "# corpus\na.en.txt\ta.fr.txt\n\nb.tmx\n")
    let result = try await workspace.run(["glossary", "build", "--pairs", "docs/list.tsv", "--no-freedict"])
    expectSuccess(result)
    #expect(result.stdoutLines.contains { $0.contains("\tJohn Kirby\tJohn Kirby\t2\t") })
    let tmx = try await workspace.run([
      "glossary", "build", "docs/b.tmx", "--no-freedict", "--format", "json",
    ])
    expectSuccess(tmx)
    #expect(tmx.stdout.contains("\"exampleSourceLocation\" : \"docs/b.tmx unit u7\""))
    try workspace.write("docs/bad.tsv", "a.en.txt\ta.fr.txt\none\ttwo\tthree\n")
    let bad = try await workspace.run(["glossary", "build", "--pairs", "docs/bad.tsv"])
    #expect(bad.exitCode == 2 && bad.stderr.contains("docs/bad.tsv:2:1:"))
    try workspace.write("docs/tab.tsv", "a.en.txt\t\n")
    let tab = try await workspace.run(["glossary", "build", "--pairs", "docs/tab.tsv"])
    #expect(tab.exitCode == 2 && tab.stderr.contains("docs/tab.tsv:1:1:"))
    try workspace.write("docs/gone.tsv", "# two pairs\na.en.txt\ta.fr.txt\nmissing.en.txt\ta.fr.txt\n")
    let gone = try await workspace.run(["glossary", "build", "--pairs", "docs/gone.tsv"])
    #expect(gone.exitCode == 2 && gone.stderr.contains("docs/missing.en.txt: error: no such file"))
    #expect(gone.stderr.contains("(listed at docs/gone.tsv:3:1)"))
    let absent = try await workspace.run(["glossary", "build", "--pairs", "docs/list.tsv", "a.txt", "b.txt"])
    #expect(absent.exitCode != 0)
    // Mismatched languages: a TMX from German, and a French text given as the English source.
    try workspace.write(
      "de.tmx",
      """
      <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t"
        adminlang="en" srclang="de" datatype="plaintext"/>
        <body><tu><tuv xml:lang="de"><seg>Die KCNA sagte nein.</seg></tuv>
          <tuv xml:lang="fr"><seg>La KCNA a dit non.</seg></tuv></tu></body>
      </tmx>
      """)
    let german = try await workspace.run(["glossary", "build", "de.tmx", "--no-freedict"])
    #expect(german.exitCode == 2 && german.stderr.contains("de.tmx: error: the file's source language is de"))
    try workspace.write(
      "fr2.txt",
      "La KCNA a dit que le porte-parole avait tort et que les armes ne sont pas à vendre. Il est parti.\n")
    try workspace.write(
      "fr3.txt",
      "Le porte-parole a dit que la KCNA avait tort et qu'il est parti pour une semaine dans le nord.\n")
    let swapped = try await workspace.run(["glossary", "build", "fr2.txt", "fr3.txt", "--no-freedict"])
    #expect(swapped.exitCode == 2 && swapped.stderr.contains("both texts look like the same language (fr)"))
  }

  @Test("--merge adds new concepts, reports contradictions, and writes the merged glossary atomically")
  func merge() async throws {
    let workspace = try Workspace()
    try workspace.write(
      "en.txt",
      "The KCNA said John Kirby was wrong.\n\nJohn Kirby answered the KCNA on Monday.\n\nThe White House spoke.\n"
    )
    try workspace.write(
      "fr.txt",
      "La KCNA a dit que John Kirby avait tort.\n\nJohn Kirby a répondu à la KCNA lundi.\n\nLa Maison Blanche a parlé.\n"
    )
    try workspace.write(
      "g.csv", "en,fr,en:status,fr:status\nKCNA,Agence centrale de presse coréenne,preferred,preferred\n")
    let result = try await workspace.run([
      "glossary", "build", "en.txt", "fr.txt", "--no-freedict", "--merge", "g.csv", "-o", "merged.tbx",
    ])
    #expect(result.exitCode == 0)
    #expect(result.stderr.contains("g.csv: 2 concepts added, 0 pairs already there, 1 reported"))
    #expect(result.stderr.contains("g.csv: warning: «KCNA» ↔ «KCNA» contradicts"))
    #expect(result.stderr.contains("(preferred: «Agence centrale de presse coréenne»)"))
    let merged = try await workspace.run(["glossary", "lookup", "merged.tbx", "Maison Blanche"])
    expectSuccess(merged)
    let kirby = try await workspace.run(["glossary", "lookup", "merged.tbx", "John Kirby"])
    expectSuccess(kirby)
    let validate = try await workspace.run(["glossary", "validate", "merged.tbx"])
    expectSuccess(validate)
  }
}
