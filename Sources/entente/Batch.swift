// `entente batch`: many document pairs in one process, on all cores, as JSON lines in and out
// (the same command runs unchanged under Spark's `rdd.pipe`).
import ArgumentParser
import EntenteAlign
import EntenteReport
import EntenteTerms
import EntenteText
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `entente batch`: one JSON line per job in, one JSON line per result out, in input order.
struct Batch: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run many jobs (align, quotes, check, report) from JSON lines, on all cores.",
    discussion: """
      Each input line is a job: {"id": "…", "op": "align", "source": "en.txt", "target": "fr.txt"}, \
      with sourceText/targetText for inline texts, sourceLang/targetLang (default en/fr), and \
      "options" by the commands' long names ({"glossary": "g.tbx", "input": "lines", \
      "typography": true, "no-quotes": true}). Each output line is {"id", "ok": true, "result", \
      "seconds"} (the result as align --format jsonl gives it, as a JSON array; quotes and check \
      as their json; report as the page, a string) or {"id", "ok": false, "error": {"message", \
      "file"}}. A bad job never stops the others. Results come in input order as jobs finish. \
      Exit 0 when every job succeeded, 1 when some failed, 2 on a usage error.
      """
  )

  @Option(help: "The jobs, as JSON lines (default: standard input).")
  var input: String?

  @Option(help: "Jobs run at once (default: the number of cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Skip the jobs whose ids are already in the --output file, and append to it.")
  var resume = false

  @Flag(
    name: .customLong("no-freedict"),
    help: "Do not load the FreeDict dictionaries installed in /usr/share/dictd.")
  var noFreedict = false

  @OptionGroup var outputOptions: OutputOptions

  func validate() throws {
    if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if resume && outputOptions.output == nil { throw ValidationError("--resume needs --output FILE") }
  }

  func run() throws {
    let runner = BatchRunner(noFreedict: noFreedict)
    // The input first: a mistyped --input must not empty the output file.
    let lines = try BatchLines(path: input)
    let sink = try BatchSink(path: outputOptions.output, resume: resume)
    let progress = Progress(quiet: outputOptions.quiet, command: "batch")
    defer { progress.done() }
    let started = DispatchTime.now()
    var done = 0
    var failed = 0
    var skipped = 0
    // Workers take the next line as soon as they are free; this thread writes the results in
    // input order. A worker waits while it is 8 jobs per worker ahead of the writer, so memory
    // holds only the jobs in flight.
    let queue = BatchQueue(lines: lines, lookahead: max(8, jobs * 8))
    let skip = sink.doneIDs
    for _ in 0..<jobs {
      let thread = Thread {
        while let job = queue.take() {
          let result: BatchResult
          switch job.line {
          case .success(let text):
            result = runner.run(line: text, number: job.number, skipping: skip)
          case .failure(let error):
            result = BatchResult(
              json:
                "{\"id\":null,\"ok\":false,\"error\":{\"message\":\(BatchRunner.quoted(BatchRunner.plain(error))),\"file\":null}}",
              ok: false)
          }
          queue.finish(job.sequence, result)
        }
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    while let result = queue.nextResult() {
      guard let json = result.json else {
        skipped += 1
        continue
      }
      do {
        try sink.write(json)
      } catch {
        queue.stop()
        throw error
      }
      done += 1
      if !result.ok { failed += 1 }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
      progress.report(
        "batch: \(done) done, \(failed) failed"
          + (skipped > 0 ? ", \(skipped) skipped" : "")
          + String(format: ", %.1f pairs/s", Double(done) / max(seconds, 1e-9)))
    }
    if let error = queue.readError { throw error }
    progress.done()
    if failed > 0 {
      writeToStandardError("entente: batch: \(failed) of \(done) jobs failed\n")
      throw ExitCode(1)
    }
  }
}

/// The jobs between the reader, the workers and the writer: workers take lines in order (a
/// blank line is no job), the writer takes results in the same order.
final class BatchQueue: @unchecked Sendable {
  private let condition = NSCondition()
  private let lines: BatchLines
  private let lookahead: Int
  private var taken = 0
  private var written = 0
  private var total: Int?
  private var results: [Int: BatchResult] = [:]
  private var stopped = false
  /// An error reading the jobs (not a bad line: those are failed jobs), which ends the run.
  private(set) var readError: (any Error)?

  init(lines: BatchLines, lookahead: Int) {
    self.lines = lines
    self.lookahead = lookahead
  }

  /// The next job (its sequence number, its line number and text), or nil at the end.
  func take() -> (sequence: Int, number: Int, line: Result<String, any Error>)? {
    condition.lock()
    defer { condition.unlock() }
    while !stopped && total == nil && taken - written >= lookahead { condition.wait() }
    guard !stopped, total == nil else { return nil }
    while true {
      let next: (line: Int, text: Result<String, any Error>)?
      do {
        next = try lines.next()
      } catch {
        readError = error
        total = taken
        condition.broadcast()
        return nil
      }
      guard let next else {
        total = taken
        condition.broadcast()
        return nil
      }
      if case .success(let text) = next.text, text.allSatisfy(\.isWhitespace) { continue }
      taken += 1
      return (taken - 1, next.line, next.text)
    }
  }

  /// Stores the result of job `sequence`.
  func finish(_ sequence: Int, _ result: BatchResult) {
    condition.lock()
    results[sequence] = result
    condition.broadcast()
    condition.unlock()
  }

  /// The next result in input order, waiting for it; nil when every job was written.
  func nextResult() -> BatchResult? {
    condition.lock()
    defer { condition.unlock() }
    while results[written] == nil {
      if let total, written >= total { return nil }
      if stopped { return nil }
      condition.wait()
    }
    let result = results.removeValue(forKey: written)
    written += 1
    condition.broadcast()
    return result
  }

  /// Stops the workers (after a write error).
  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }
}

extension Batch: InputReadingCommand {
  var inputLimits: InputLimitOptions { outputOptions.limits }
}

/// The lines of the jobs file or of standard input, read as they are needed.
final class BatchLines {
  private let handle: FileHandle
  private let name: String
  private var buffer: [UInt8] = []
  /// Where the unread part of `buffer` starts, and how far it was searched for a line feed.
  private var start = 0
  private var scanned = 0
  private var atEnd = false
  private var number = 0

  init(path: String?) throws {
    if let path, path != "-" {
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw EntenteCLIError("\(path): error: cannot read the file")
      }
      self.handle = handle
      name = path
    } else {
      handle = FileHandle.standardInput
      name = "<stdin>"
    }
  }

  /// The next line (without its line feed) and its number, or nil at the end; a line that is
  /// not UTF-8 comes as an error of its own (that job fails, the others go on).
  /// - Throws: `EntenteCLIError` when the input cannot be read.
  func next() throws -> (line: Int, text: Result<String, any Error>)? {
    while true {
      // Only the bytes not searched yet: a line of many chunks is scanned once.
      if let newline = buffer[max(start, scanned)...].firstIndex(of: 0x0A) {
        let line = Array(buffer[start..<newline])
        start = newline + 1
        scanned = start
        if start > 1 << 16 {
          buffer.removeSubrange(..<start)
          start = 0
          scanned = 0
        }
        number += 1
        return (number, decode(line))
      }
      scanned = buffer.count
      if atEnd {
        guard start < buffer.count else { return nil }
        let line = Array(buffer[start...])
        buffer = []
        start = 0
        scanned = 0
        number += 1
        return (number, decode(line))
      }
      let chunk: Data
      do {
        chunk = try handle.read(upToCount: 1 << 16) ?? Data()
      } catch {
        throw EntenteCLIError("\(name): error: cannot read: \(error.localizedDescription)")
      }
      if chunk.isEmpty { atEnd = true } else { buffer += chunk }
    }
  }

  private func decode(_ bytes: [UInt8]) -> Result<String, any Error> {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return .failure(EntenteCLIError("\(name):\(number):1: error: the line is not UTF-8"))
    }
    return .success(text)
  }
}

/// Where results go: standard output, or a file appended to (whole lines only).
final class BatchSink {
  private let descriptor: Int32
  private let name: String
  /// The ids already in the output file (with --resume).
  private(set) var doneIDs: Set<String> = []

  init(path: String?, resume: Bool) throws {
    guard let path, path != "-" else {
      descriptor = 1
      name = "<stdout>"
      return
    }
    name = path
    if resume, let existing = FileManager.default.contents(atPath: path) {
      var bytes = [UInt8](existing)
      // A line cut off by a crash (no line feed) is dropped, so its job runs again.
      if let last = bytes.lastIndex(of: 0x0A) {
        if last != bytes.count - 1 { bytes.removeSubrange((last + 1)...) }
      } else {
        bytes = []
      }
      for line in bytes.split(separator: 0x0A) {
        if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
          let id = object["id"] as? String
        {
          doneIDs.insert(id)
        }
      }
      if bytes.count != existing.count {
        guard truncate(path, off_t(bytes.count)) == 0 else {
          throw EntenteCLIError(
            "\(path): error: cannot cut the unfinished last line: \(String(cString: strerror(errno)))")
        }
      }
    }
    let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (resume ? O_APPEND : O_TRUNC)
    descriptor = open(path, flags, 0o644)
    guard descriptor >= 0 else {
      throw EntenteCLIError("\(path): error: cannot write: \(String(cString: strerror(errno)))")
    }
  }

  /// Writes one line with one system call (a reader, or a run stopped by a signal, never sees a
  /// part of a line unless the device is full).
  func write(_ line: String) throws {
    let bytes = Array((line + "\n").utf8)
    var failure: Int32 = 0
    func writeBytes() {
      var offset = 0
      while offset < bytes.count {
        let written = bytes.withUnsafeBytes {
          Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
        }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else {
          failure = written < 0 ? errno : EIO
          return
        }
        offset += written
      }
    }
    // A line shown on the terminal that shows the progress starts on a line of its own.
    if isatty(descriptor) == 1 { Progress.withLineErased(writeBytes) } else { writeBytes() }
    if failure == EPIPE && descriptor == 1 {
      // The reader is gone (`| head`): end as SIGPIPE ends other tools, without a message.
      signal(SIGPIPE, SIG_DFL)
      raise(SIGPIPE)
      exit(141)
    }
    if failure != 0 {
      throw EntenteCLIError("\(name): error: cannot write: \(String(cString: strerror(failure)))")
    }
  }
}

/// One job's outcome: its JSON line (nil for a job skipped by --resume) and whether it worked.
struct BatchResult: Sendable {
  var json: String?
  var ok: Bool
}

/// A job's failure: the message and the file concerned, if any.
struct BatchJobError: Error {
  var message: String
  var file: String?
}

/// Runs jobs; glossaries are read once and shared by every job that names them.
final class BatchRunner: @unchecked Sendable {
  let noFreedict: Bool
  private let lock = NSLock()
  private var glossaries: [String: Result<Glossary, BatchJobError>] = [:]
  private var freeDict: [String: BilingualLexicon] = [:]

  init(noFreedict: Bool) { self.noFreedict = noFreedict }

  /// The options a job may give, by the commands' long names.
  static let knownOptions: Set<String> = [
    "glossary", "input", "typography", "no-quotes", "alignment", "title",
  ]

  /// Runs the job on `line` (line `number` of the input); a job whose id is in `skipping` is
  /// not run.
  func run(line: String, number: Int, skipping: Set<String>) -> BatchResult {
    let started = DispatchTime.now()
    var id: String? = nil
    do {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw BatchJobError(message: "line \(number): not a JSON object", file: nil)
      }
      guard let given = object["id"] as? String else {
        throw BatchJobError(message: "line \(number): the job has no string \"id\"", file: nil)
      }
      id = given
      if skipping.contains(given) { return BatchResult(json: nil, ok: true) }
      let result = try run(object)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
      return BatchResult(
        json:
          "{\"id\":\(Self.quoted(given)),\"ok\":true,\"result\":\(result),\"seconds\":\(String(format: "%.3f", seconds))}",
        ok: true)
    } catch {
      let failure = error as? BatchJobError ?? BatchJobError(message: "\(error)", file: nil)
      let file = failure.file.map(Self.quoted) ?? "null"
      return BatchResult(
        json:
          "{\"id\":\(id.map(Self.quoted) ?? "null"),\"ok\":false,\"error\":{\"message\":\(Self.quoted(failure.message)),\"file\":\(file)}}",
        ok: false)
    }
  }

  /// `text` as a JSON string.
  static func quoted(_ text: String) -> String {
    let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// The job's result as JSON text.
  private func run(_ job: [String: Any]) throws -> String {
    guard let op = job["op"] as? String else {
      throw BatchJobError(message: "the job has no \"op\"", file: nil)
    }
    let options = job["options"] as? [String: Any] ?? [:]
    if let unknown = options.keys.sorted().first(where: { !Self.knownOptions.contains($0) }) {
      throw BatchJobError(
        message:
          "unknown option \"\(unknown)\" (known: \(Self.knownOptions.sorted().joined(separator: ", ")))",
        file: nil)
    }
    let sourceLang = job["sourceLang"] as? String ?? "en"
    let targetLang = job["targetLang"] as? String ?? "fr"
    for language in [sourceLang, targetLang] {
      do {
        try checkLanguage(language, option: "language")
      } catch {
        throw BatchJobError(message: Self.plain(error), file: nil)
      }
    }
    let layout: DocumentLayout
    switch options["input"] as? String ?? "text" {
    case "text": layout = .text
    case "lines": layout = .sentencePerLine
    case let other:
      throw BatchJobError(message: "option input: \(other) is neither text nor lines", file: nil)
    }
    let glossary = try (options["glossary"] as? String).map(glossary(at:))
    let typography = options["typography"] as? Bool ?? false
    switch op {
    case "align", "quotes", "report":
      let (source, target) = try documents(job, sourceLang, targetLang, layout)
      var alignmentOptions = EntenteAlign.AlignmentOptions()
      alignmentOptions.lexicon = lexicon(sourceLang, targetLang)
      let alignment = try align(source, target, alignmentOptions, options["alignment"] as? String, layout)
      if op == "align" {
        let records = alignment.beads.map { AlignmentRecord($0, source: source, target: target) }
        return try Self.json(records)
      }
      var quoteAligner = QuoteAligner()
      quoteAligner.lexicon = alignmentOptions.lexicon
      if op == "quotes" {
        let result = quoteAligner.align(source: source, target: target, alignment: alignment)
        return try Self.json(result.records(source: source.text, target: target.text))
      }
      let quotes =
        options["no-quotes"] as? Bool == true
        ? nil : quoteAligner.align(source: source, target: target, alignment: alignment)
      var findings: [Finding] = []
      if let glossary {
        var checker = BilingualChecker(
          glossary: glossary, sourceLanguage: sourceLang, targetLanguage: targetLang)
        checker.checksTypography = typography
        findings = try wrap(nil) { try checker.check(source: source, target: target, alignment: alignment) }
      }
      let report = ReviewReport(
        source: source, target: target, alignment: alignment, quotes: quotes, findings: findings)
      return Self.quoted(report.html(title: options["title"] as? String))
    case "check":
      guard let glossary else {
        throw BatchJobError(message: "check needs the option \"glossary\"", file: nil)
      }
      let findings: [Finding]
      if job["source"] == nil && job["sourceText"] == nil {
        let target = try document(job, "target", targetLang, layout)
        var checker = try wrap(nil) {
          try TargetChecker(glossary: glossary, targetLanguage: targetLang, sourceLanguage: sourceLang)
        }
        checker.checksTypography = typography
        findings = checker.check(target).map { Self.located($0, target.name) }
      } else {
        let (source, target) = try documents(job, sourceLang, targetLang, layout)
        var checker = BilingualChecker(
          glossary: glossary, sourceLanguage: sourceLang, targetLanguage: targetLang)
        checker.checksTypography = typography
        checker.alignmentOptions.lexicon = lexicon(sourceLang, targetLang)
        let alignment = try align(
          source, target, checker.alignmentOptions, options["alignment"] as? String, layout)
        findings = try wrap(nil) { try checker.check(source: source, target: target, alignment: alignment) }
          .map { Self.located($0, target.name) }
      }
      return try Self.json(findings)
    default:
      throw BatchJobError(message: "unknown op \"\(op)\" (align, quotes, check or report)", file: nil)
    }
  }

  /// A finding with its file named.
  static func located(_ finding: Finding, _ file: String) -> Finding {
    var finding = finding
    finding.file = finding.file ?? file
    return finding
  }

  /// `value` as compact JSON with sorted keys.
  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// An error's message without the tool's name in front.
  static func plain(_ error: any Error) -> String {
    var message = (error as? EntenteCLIError)?.description ?? "\(error)"
    if message.hasPrefix("entente: ") { message.removeFirst("entente: ".count) }
    return message
  }

  /// Runs `body`, turning its error into a job error about `file`.
  private func wrap<T>(_ file: String?, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as BatchJobError {
      throw error
    } catch {
      throw BatchJobError(message: Self.plain(error), file: file)
    }
  }

  /// The two documents of a job.
  private func documents(
    _ job: [String: Any], _ sourceLang: String, _ targetLang: String, _ layout: DocumentLayout
  )
    throws -> (Document, Document)
  {
    (try document(job, "source", sourceLang, layout), try document(job, "target", targetLang, layout))
  }

  /// One side of a job: the file `side` names, or the text `sideText` gives.
  private func document(_ job: [String: Any], _ side: String, _ language: String, _ layout: DocumentLayout)
    throws
    -> Document
  {
    let id = job["id"] as? String ?? "?"
    let path = job[side] as? String
    let text: SourceText
    if let inline = job[side + "Text"] as? String {
      text = try wrap(nil) { try SourceText(decoding: Array(inline.utf8), name: "\(id):\(side)Text") }
    } else if let path {
      text = try wrap(path) { try readSource(path) }
    } else {
      throw BatchJobError(message: "the job has neither \"\(side)\" nor \"\(side)Text\"", file: nil)
    }
    return try wrap(path) {
      let reader = DocumentReader(layout: layout)
      return try reader.document(text, language: language)
    }
  }

  /// The alignment of a job: the file the option names, or the aligner's.
  private func align(
    _ source: Document, _ target: Document, _ options: EntenteAlign.AlignmentOptions, _ file: String?,
    _ layout: DocumentLayout
  ) throws -> Alignment {
    try wrap(file) {
      try alignDocuments(
        of: source, target, file: file, options: options, anchor: layout == .sentencePerLine ? ".EOA" : nil)
    }
  }

  /// The glossary at `path`, read once.
  private func glossary(at path: String) throws -> Glossary {
    let result: Result<Glossary, BatchJobError> = lock.withLock {
      if let known = glossaries[path] { return known }
      let loaded = Result { try GlossaryCommand.load(path) }.mapError {
        BatchJobError(message: Self.plain($0), file: path)
      }
      glossaries[path] = loaded
      return loaded
    }
    return try result.get()
  }

  /// FreeDict's installed dictionaries for the pair, read once (whole), unless --no-freedict.
  private func lexicon(_ source: String, _ target: String) -> BilingualLexicon {
    guard !noFreedict else { return BilingualLexicon() }
    return lock.withLock {
      let key = source + "|" + target
      if let known = freeDict[key] { return known }
      let loaded =
        (try? BilingualLexicon.installedFreeDict(source: source, target: target)) ?? BilingualLexicon()
      freeDict[key] = loaded
      return loaded
    }
  }
}
