import ArgumentParser
import EntenteAlign
import EntenteTerms
import EntenteText
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a file (or standard input for "-") and decodes it; errors name the file and position.
func readSource(_ path: String, allowEmpty: Bool = false) throws -> SourceText {
  do {
    if path == "-" {
      return try SourceText(fileDescriptor: 0, name: "<stdin>", allowEmpty: allowEmpty)
    }
    guard FileManager.default.fileExists(atPath: path) else {
      throw EntenteCLIError("\(path): error: no such file")
    }
    return try SourceText(contentsOfFile: path, allowEmpty: allowEmpty)
  } catch let error as TextError {
    throw EntenteCLIError(error.description)
  }
}

/// `--max-input-size`: the largest input read, shared by every command.
struct InputLimitOptions: ParsableArguments {
  @Option(
    name: .customLong("max-input-size"),
    help: "The largest input read, in bytes or with K, M or G (default 1G); larger inputs are refused.")
  var maxInputSize: ByteCount?

  /// Sets `InputLimits.maximumInputSize` when the option is given.
  func apply() {
    if let maxInputSize { InputLimits.maximumInputSize = maxInputSize.bytes }
  }
}

/// A command that reads input: `Entente.main` applies its `--max-input-size` before running it.
protocol InputReadingCommand {
  var inputLimits: InputLimitOptions { get }
}

/// A size in bytes, written `1048576`, `512K`, `100M` or `2G` (powers of 1024).
struct ByteCount: ExpressibleByArgument {
  var bytes: Int

  init?(argument: String) {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
    var digits = Substring(argument)
    var unit = 1
    if let last = argument.uppercased().last, let factor = units[last] {
      unit = factor
      digits = digits.dropLast()
    }
    guard let value = Int(digits), value > 0 else { return nil }
    let (product, overflow) = value.multipliedReportingOverflow(by: unit)
    guard !overflow else { return nil }
    bytes = product
  }
}

/// A command with language options: `Entente.main` checks them before running it.
protocol LanguageOptionsCommand {
  /// Each language option and its value (`("--lang", "fr")`).
  var languageOptions: [(option: String, value: String)] { get }
}

/// Refuses a language option whose value is not a well-formed tag of a language ICU knows
/// (`--lang xx` would otherwise find nothing and succeed), listing the supported ones.
/// - Throws: `EntenteCLIError` (exit 2).
func checkLanguage(_ value: String, option: String) throws {
  let known: Bool
  do {
    known = try LanguageTag(value).isKnownLanguage
  } catch {
    throw EntenteCLIError("error: \(option) \(value): \(error.reason)")
  }
  guard known else {
    throw EntenteCLIError(
      "error: \(option) \(value): unknown language; supported: fr and en (French and English rules,"
        + " word lists and stemmers), or another ISO 639 language ICU knows (de, es, it, nl, pt, ja…:"
        + " ICU's boundaries and the generic rules)")
  }
}

/// The options every command that writes results shares.
struct OutputOptions: ParsableArguments {
  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write to this file instead of standard output: a regular file is replaced atomically"
        + " (its mode and owner kept), a FIFO or device written directly, /dev/stdout or"
        + " /dev/fd/N written as that descriptor, a symbolic link followed.")
  )
  var output: String?

  @Flag(help: "No progress on stderr.")
  var quiet = false

  @OptionGroup var limits: InputLimitOptions
}

/// Writes `text` to standard error; a closed or broken stderr is ignored (there is nowhere
/// else to say it).
func writeToStandardError(_ text: String) {
  Progress.eraseShown()
  rawWriteToStandardError(text)
}

/// Writes `text` to stderr as it is (see `writeToStandardError`).
func rawWriteToStandardError(_ text: String) {
  var bytes = Array(text.utf8)
  bytes.withUnsafeMutableBufferPointer { buffer in
    var offset = 0
    while offset < buffer.count {
      let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
      if written < 0 && errno == EINTR { continue }
      if written <= 0 { return }
      offset += written
    }
  }
}

/// The system's message for an errno value.
func systemMessage(_ code: Int32) -> String {
  switch code {
  case ENOENT: "no such file"
  case EBADF: "not open (the descriptor is closed)"
  default: String(cString: strerror(code))
  }
}

/// Makes standard input, output and error valid descriptors before anything opens a file: a
/// closed one (`<&-`, `>&-`) would otherwise be the number the next file gets, and output meant
/// for stdout would land in it. A closed stdin is replaced by /dev/null opened write-only and a
/// closed stdout or stderr by /dev/null opened read-only, so that using them fails with EBADF
/// and is reported instead of silently succeeding.
func reserveStandardDescriptors() {
  for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
    let opened = open("/dev/null", descriptor == 0 ? O_WRONLY : O_RDONLY)
    if opened >= 0 && opened != descriptor {
      dup2(opened, descriptor)
      close(opened)
    }
  }
}

/// Progress on stderr, only when stderr is a terminal and not `--quiet`: `command: phase 57%`,
/// drawn over itself (a carriage return and erase to the end of the line), never on stdout or
/// into `--output`.
///
/// A new phase is drawn at once; within a phase the percentage only grows and is drawn at most
/// ten times a second. `done()` erases the line, and so does any message written through
/// `writeToStandardError` (a note, an error) before it is written. The library reports through
/// the handler of `phase(_:)`: `aligner.progress = progress.phase("aligning")`, then, for the
/// next phase, `progress.phase("checking")` again; `report(_:)` draws a line without percentage.
final class Progress: @unchecked Sendable {
  let isEnabled: Bool
  private let command: String
  private let lock = NSLock()
  private var currentPhase = ""
  private var percent = -1
  private var lastDraw = DispatchTime(uptimeNanoseconds: 0)
  private var isShown = false
  /// The progress that has a line on the terminal, which a message must erase first (guarded
  /// by `shownLock`: workers draw while the main thread writes).
  nonisolated(unsafe) private static weak var shownProgress: Progress?
  private static let shownLock = NSLock()
  static var shown: Progress? {
    get { shownLock.withLock { shownProgress } }
    set { shownLock.withLock { shownProgress = newValue } }
  }

  /// - Parameters:
  ///   - quiet: `--quiet` was given: nothing is ever drawn.
  ///   - command: The command's name, before the phase (`align`).
  init(quiet: Bool, command: String = "") {
    isEnabled = !quiet && isatty(2) == 1
    self.command = command
  }

  /// Draws `message` as it is (no percentage).
  func report(_ message: String) {
    guard isEnabled else { return }
    lock.withLock {
      currentPhase = message
      percent = -1
      draw(message)
    }
  }

  /// Starts `name` (drawn at once, at 0 % when `showsPercent`) and returns the handler that
  /// updates its percentage.
  @discardableResult
  func phase(_ name: String, showsPercent: Bool = true, from fraction: Double = 0) -> ProgressHandler {
    guard isEnabled else { return { _ in } }
    lock.withLock {
      currentPhase = name
      percent = showsPercent ? min(100, max(0, Int((fraction * 100).rounded(.down)))) : -1
      draw(line())
    }
    return { [weak self] fraction in self?.update(name, fraction) }
  }

  private func update(_ name: String, _ fraction: Double) {
    lock.withLock {
      guard name == currentPhase else { return }
      let value = min(100, max(percent, Int((fraction * 100).rounded(.down))))
      let now = DispatchTime.now()
      guard value > percent, now.uptimeNanoseconds >= lastDraw.uptimeNanoseconds + 100_000_000 else { return }
      percent = value
      draw(line())
    }
  }

  private func line() -> String {
    (command.isEmpty ? "" : command + ": ") + currentPhase + (percent >= 0 ? " \(percent)%" : "")
  }

  /// Draws over the line (with the lock held).
  private func draw(_ text: String) {
    lastDraw = DispatchTime.now()
    isShown = true
    Progress.shown = self
    rawWriteToStandardError("\r\u{1B}[K" + text)
  }

  /// Erases the line.
  func done() {
    guard isEnabled else { return }
    lock.withLock { erase() }
  }

  private func erase() {
    guard isShown else { return }
    isShown = false
    if Progress.shown === self { Progress.shown = nil }
    rawWriteToStandardError("\r\u{1B}[K")
  }

  /// Erases the line of the progress shown, if any, before a message.
  static func eraseShown() {
    guard let progress = shown else { return }
    progress.lock.withLock { progress.erase() }
  }
}

/// Refuses a text pair whose two sides look like one language while the options name two
/// (identical or swapped files), naming both files.
func refuseSameLanguage(
  source: (name: String, text: String), target: (name: String, text: String), sourceLang: String,
  targetLang: String, targetOption: String = "--target-lang"
) throws {
  guard LanguageTag.language(of: sourceLang) != LanguageTag.language(of: targetLang) else { return }
  let guesses = [source.text, target.text].map { text in
    guessedLanguage(of: text.split(separator: "\n").prefix(400).map(String.init))
  }
  if let guess = guesses[0], guess == guesses[1] {
    throw EntenteCLIError(
      "\(source.name), \(target.name): error: both texts look like the same language (\(guess)), but"
        + " --source-lang is \(sourceLang) and \(targetOption) \(targetLang); give the source, then its"
        + " translation")
  }
}

/// Reads a TMX or XLIFF file; errors name the file, line and column.
func readBilingualFile(_ path: String, targetLanguage: String) throws -> BilingualFile {
  do {
    return try BilingualFile.read(contentsOfFile: path, targetLanguage: targetLanguage)
  } catch {
    throw EntenteCLIError(error.description)
  }
}
