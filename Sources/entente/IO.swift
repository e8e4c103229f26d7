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

/// Writes `text` to standard error, after erasing the progress line if one is shown (so that
/// the message starts at the beginning of a line); a closed or broken stderr is ignored (there
/// is nowhere else to say it).
func writeToStandardError(_ text: String) {
  Progress.withLineErased { rawWriteToStandardError(text) }
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

/// Progress on stderr, only when stderr is a terminal and `--quiet` is not given:
/// `command: phase 57%`, drawn over itself (a carriage return, then erase to the end of the line)
/// and erased at the end; never on stdout nor into `--output`, so results are the same bytes
/// with or without it.
///
/// A command makes one, starts each phase with `phase(_:showsPercent:)`, gives the handler it
/// returns to the library (which tells it the fraction done), and erases the line with `done()`
/// (in a `defer`, so that an error erases it too). The `report` command, for instance:
///
///     let progress = Progress(quiet: outputOptions.quiet, command: "report")
///     defer { progress.done() }
///     progress.phase("reading", showsPercent: false)
///     // read the texts
///     let alignment = try alignDocuments(
///       of: source, target, file: nil, options: options, progress: progress.phase("aligning"))
///     checker.progress = progress.phase("checking")  // BilingualChecker, TargetChecker
///     aligner.progress = progress.phase("quotes")  // QuoteAligner, SentenceAligner
///     progress.phase("writing", showsPercent: false)
///
/// A phase is drawn as soon as it starts (at 0 % when it shows a percentage); then its
/// percentage only grows, and is drawn again at most every 100 ms, so that a handler called
/// for every few thousand rows costs a lock and a comparison, and a write ten times a second at
/// most. The environment variable `ENTENTE_PROGRESS_INTERVAL` sets that interval in
/// milliseconds (the tests set 0 to see every percentage). The handler of a phase that has
/// ended draws nothing. A line wider than the terminal is shortened (the phase's name loses
/// its beginning), so that it stays on one line and is erased whole.
///
/// Messages written with `writeToStandardError` (notes, errors) and results that `Output`
/// writes to a terminal erase the line first, so that nothing is glued to it; the phase's next
/// percentage draws it again below them.
final class Progress: @unchecked Sendable {
  /// Whether anything is drawn: stderr is a terminal and `--quiet` was not given.
  let isEnabled: Bool
  private let command: String
  /// Guards the state of every progress, and the one line on the terminal that they share.
  private static let lock = NSLock()
  /// The progress whose line is on the terminal (guarded by `lock`); kept alive by this
  /// reference, so that an error thrown out of the command that made it still erases it.
  nonisolated(unsafe) private static var shown: Progress?
  /// The shortest time between two draws of a phase's percentage, in nanoseconds: 100 ms, or
  /// `ENTENTE_PROGRESS_INTERVAL` milliseconds.
  static let interval: UInt64 = {
    guard let value = ProcessInfo.processInfo.environment["ENTENTE_PROGRESS_INTERVAL"],
      let milliseconds = UInt64(value)
    else { return 100_000_000 }
    return min(milliseconds, 3_600_000) * 1_000_000
  }()
  private var phaseName = ""
  /// Counts the phases started (and `done()`), so that an earlier phase's handler draws nothing.
  private var phaseNumber = 0
  /// The percentage drawn, or -1 for a phase without one.
  private var percent = -1
  /// When the line was last drawn (`DispatchTime` nanoseconds).
  private var lastDraw: UInt64 = 0

  /// A progress that draws only when stderr is a terminal (`isatty`) and not `quiet`.
  /// - Parameters:
  ///   - quiet: `--quiet` was given: nothing is ever drawn.
  ///   - command: The command's name, before the phase (`align`).
  init(quiet: Bool, command: String = "") {
    isEnabled = !quiet && isatty(2) == 1
    self.command = command
  }

  /// Draws `message` as it is (no command, no percentage), ending the phase in progress.
  func report(_ message: String) {
    guard isEnabled else { return }
    Self.lock.withLock {
      phaseNumber += 1
      phaseName = message
      percent = -1
      draw(message)
    }
  }

  /// Starts phase `name`, drawn at once (with its percentage when `showsPercent`).
  /// - Parameters:
  ///   - name: What the command does now (`aligning`).
  ///   - showsPercent: Whether the phase shows a percentage.
  ///   - start: The fraction done when the phase starts (a part of a larger piece of work).
  /// - Returns: The handler that draws the phase's percentage from the fraction done, for the
  ///   library's `progress` properties; nil when nothing is drawn (not a terminal, `--quiet`),
  ///   so that the library does no progress work at all.
  @discardableResult
  func phase(_ name: String, showsPercent: Bool = true, startingAt start: Double = 0) -> ProgressHandler? {
    guard isEnabled else { return nil }
    let number = Self.lock.withLock {
      phaseNumber += 1
      phaseName = name
      percent = showsPercent ? Int((min(1, max(0, start.isFinite ? start : 0)) * 100).rounded(.down)) : -1
      draw(line())
      return phaseNumber
    }
    return { [self] fraction in update(phase: number, fraction) }
  }

  /// Draws the percentage of `fraction` when the phase is still `number`, the percentage has
  /// grown and the interval has passed since the last draw.
  private func update(phase number: Int, _ fraction: Double) {
    guard fraction.isFinite else { return }
    Self.lock.withLock {
      guard number == phaseNumber, percent >= 0 else { return }
      let value = Int((min(1, max(0, fraction)) * 100).rounded(.down))
      guard value > percent else { return }
      let now = DispatchTime.now().uptimeNanoseconds
      guard now >= lastDraw &+ Self.interval else { return }
      percent = value
      draw(line())
    }
  }

  /// `command: phase 57%`, the phase's name shortened from its start when the line would be
  /// wider than the terminal.
  private func line() -> String {
    let prefix = command.isEmpty ? "" : command + ": "
    let suffix = percent >= 0 ? " \(percent)%" : ""
    var name = phaseName
    let columns = Self.terminalColumns()
    // One column left free: a line that fills the last column wraps on some terminals.
    let room = columns - 1 - prefix.count - suffix.count
    if columns > 0 && name.count > max(room, 1) {
      name = "…" + name.suffix(max(room - 1, 0))
    }
    return prefix + name + suffix
  }

  /// The width of the terminal on stderr, or 0 when it is not known.
  private static func terminalColumns() -> Int {
    var size = winsize()
    guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0 else { return 0 }
    return Int(size.ws_col)
  }

  /// Draws `text` over the line (with the lock held).
  private func draw(_ text: String) {
    lastDraw = DispatchTime.now().uptimeNanoseconds
    Self.shown = self
    rawWriteToStandardError("\r\u{1B}[K" + text)
  }

  /// Ends the last phase and erases the line, if this progress drew it.
  func done() {
    guard isEnabled else { return }
    Self.lock.withLock {
      phaseNumber += 1
      if Self.shown === self { Self.eraseLine() }
    }
  }

  /// Erases the line (with the lock held).
  private static func eraseLine() {
    shown = nil
    rawWriteToStandardError("\r\u{1B}[K")
  }

  /// Erases the progress line, if one is shown, then runs `body` (which writes a message or
  /// results) before any progress can draw again.
  static func withLineErased(_ body: () -> Void) {
    lock.withLock {
      if shown != nil { eraseLine() }
      body()
    }
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
