// `entente batch`: jobs as JSON lines, results in input order, bad jobs reported and never
// stopping the others, --resume, exit codes.
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("entente batch")
struct BatchTests {
  static let article = "Fixtures/articles/001_783406020c5c45de"

  func workspace() throws -> Workspace {
    try Workspace.withRepositoryFiles([
      "\(Self.article).en.txt", "\(Self.article).txt", "Glossaries/news-en-fr.tbx",
    ])
  }

  /// The jobs: two good ones of each op, then bad ones between good ones.
  static var jobs: String {
    let pair = "\"source\":\"\(article).en.txt\",\"target\":\"\(article).txt\""
    return [
      "{\"id\":\"align\",\"op\":\"align\",\(pair)}",
      "{\"id\":\"bad-json\",",
      "{\"id\":\"quotes\",\"op\":\"quotes\",\(pair)}",
      "{\"id\":\"missing\",\"op\":\"align\",\"source\":\"nowhere.txt\",\"target\":\"\(article).txt\"}",
      "{\"id\":\"check\",\"op\":\"check\",\(pair),\"options\":{\"glossary\":\"Glossaries/news-en-fr.tbx\"}}",
      "{\"id\":\"empty\",\"op\":\"align\",\"sourceText\":\"\",\"targetText\":\"Une phrase.\"}",
      "{\"id\":\"inline\",\"op\":\"align\",\"sourceText\":\"One. Two.\",\"targetText\":\"Un. Deux.\"}",
      "{\"id\":\"unknown-op\",\"op\":\"translate\",\(pair)}",
      "{\"id\":\"unknown-option\",\"op\":\"align\",\(pair),\"options\":{\"colour\":true}}",
    ].joined(separator: "\n") + "\n"
  }

  /// The results of `entente batch arguments` on the jobs, parsed.
  func results(_ arguments: [String], in workspace: Workspace) async throws -> (
    Int32, [[String: Any]], String
  ) {
    let result = try await workspace.run(
      ["batch", "--no-freedict"] + arguments, stdin: Array(Self.jobs.utf8))
    let lines = result.stdoutLines.map { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
    return (result.exitCode, lines, result.stderr)
  }

  @Test("Results in input order, one per job; bad jobs say why and never stop the others; exit 1")
  func order() async throws {
    let workspace = try workspace()
    let (code, lines, stderr) = try await results([], in: workspace)
    #expect(code == 1)
    #expect(stderr.contains("5 of 9 jobs failed"), "\(stderr)")
    #expect(lines.count == 9)
    #expect(
      lines.map { $0["id"] as? String } == [
        "align", nil, "quotes", "missing", "check", "empty", "inline", "unknown-op", "unknown-option",
      ])
    #expect(lines.map { $0["ok"] as? Bool } == [true, false, true, false, true, false, true, false, false])
    let missing = try #require(lines[3]["error"] as? [String: Any])
    #expect(missing["file"] as? String == "nowhere.txt")
    #expect((missing["message"] as? String)?.contains("no such file") == true)
    #expect(((lines[5]["error"] as? [String: Any])?["message"] as? String)?.contains("empty") == true)
    // The align result is what `entente align --format jsonl` gives, as an array.
    let beads = try #require(lines[0]["result"] as? [[String: Any]])
    #expect(beads.count == 28)
    let single = try await workspace.run([
      "align", "\(Self.article).en.txt", "\(Self.article).txt", "--no-freedict", "--format", "jsonl",
    ])
    let expected = single.stdoutLines.map {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary
    }
    #expect(beads.map { NSDictionary(dictionary: $0) } == expected.compactMap { $0 })
    let findings = try #require(lines[4]["result"] as? [[String: Any]])
    #expect(findings.count == 5)
    #expect(lines[0]["seconds"] is Double)
  }

  @Test("The same results with --jobs 1 and --jobs 2")
  func jobsAgree() async throws {
    let workspace = try workspace()
    let one = try await workspace.run(
      ["batch", "--no-freedict", "--jobs", "1"], stdin: Array(Self.jobs.utf8))
    let two = try await workspace.run(
      ["batch", "--no-freedict", "--jobs", "2"], stdin: Array(Self.jobs.utf8))
    /// The lines without their timings.
    func stripped(_ lines: [String]) -> [String] {
      lines.map { $0.replacingOccurrences(of: #","seconds":[0-9.]+"#, with: "", options: .regularExpression) }
    }
    #expect(stripped(one.stdoutLines) == stripped(two.stdoutLines))
    #expect(one.stdoutLines.count == 9)
  }

  @Test("--resume skips the ids already written, drops a cut-off last line, and appends")
  func resume() async throws {
    let workspace = try workspace()
    // A run that wrote the first result and half of another.
    let first = "{\"id\":\"align\",\"ok\":true,\"result\":[],\"seconds\":0.1}\n"
    try workspace.write("out.jsonl", first + "{\"id\":\"quotes\",\"ok\":tr")
    let result = try await workspace.run(
      ["batch", "--no-freedict", "--output", "out.jsonl", "--resume"], stdin: Array(Self.jobs.utf8))
    #expect(result.exitCode == 1)
    let lines = String(decoding: try workspace.contents(of: "out.jsonl"), as: UTF8.self).split(
      separator: "\n")
    #expect(lines.first.map(String.init) == String(first.dropLast()))
    let ids = lines.compactMap {
      ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["id"] as? String
    }
    #expect(ids.filter { $0 == "align" }.count == 1)
    #expect(ids.contains("quotes"))
    #expect(lines.count == 9)
  }

  @Test("SIGTERM mid-run leaves only whole lines; --resume then completes every job once")
  func interrupted() async throws {
    let workspace = try Workspace()
    let jobs =
      (0..<400).map { k in
        "{\"id\":\"j\(k)\",\"op\":\"align\",\"sourceText\":\"One \(k). Two. Three.\","
          + "\"targetText\":\"Un \(k). Deux. Trois.\"}"
      }.joined(separator: "\n") + "\n"
    try workspace.write("jobs.jsonl", jobs)
    let process = Process()
    process.executableURL = ententeURL
    process.arguments = [
      "batch", "--no-freedict", "--jobs", "2", "--input", "jobs.jsonl", "--output", "out.jsonl",
    ]
    process.currentDirectoryURL = workspace.folder
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Stopped once some results are out, before the end.
    let deadline = ContinuousClock.now + .seconds(60)
    while process.isRunning && ContinuousClock.now < deadline {
      if let data = try? workspace.contents(of: "out.jsonl"), data.count > 2_000 { break }
      try await Task.sleep(for: .milliseconds(5))
    }
    kill(process.processIdentifier, SIGTERM)
    while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    let partial = String(decoding: try workspace.contents(of: "out.jsonl"), as: UTF8.self)
    #expect(partial.isEmpty || partial.hasSuffix("\n"))
    for line in partial.split(separator: "\n") {
      #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
    }
    let resumed = try await workspace.run([
      "batch", "--no-freedict", "--input", "jobs.jsonl", "--output", "out.jsonl", "--resume",
    ])
    #expect(resumed.exitCode == 0, "\(resumed.stderr)")
    let ids = String(decoding: try workspace.contents(of: "out.jsonl"), as: UTF8.self).split(separator: "\n")
      .compactMap {
        ((try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any])?["id"] as? String
      }
    #expect(ids.count == 400)
    #expect(Set(ids).count == 400)
  }

  @Test("A line that is not UTF-8 is a failed job; the jobs after it run")
  func notUTF8() async throws {
    let workspace = try Workspace()
    let good = Array("{\"id\":\"ok\",\"op\":\"align\",\"sourceText\":\"One.\",\"targetText\":\"Un.\"}\n".utf8)
    let result = try await workspace.run(["batch", "--no-freedict"], stdin: [0x7B, 0xFF, 0x7D, 0x0A] + good)
    #expect(result.exitCode == 1)
    #expect(result.stdoutLines.count == 2)
    #expect(result.stdoutLines.first?.contains("not UTF-8") == true, "\(result.stdout)")
    #expect(result.stdoutLines.last?.hasPrefix("{\"id\":\"ok\",\"ok\":true") == true)
  }

  @Test("Usage errors exit 2", arguments: [["batch", "--jobs", "0"], ["batch", "--resume"]])
  func usage(arguments: [String]) async throws {
    let result = try await Workspace().run(arguments, stdin: [])
    #expect(result.exitCode == 2)
  }
}
