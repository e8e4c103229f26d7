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
    help:
      "Write to this file instead of standard output: a regular file is replaced atomically (its mode and owner kept), a FIFO or device written directly, a symbolic link followed."
  )
  var output: String?

  @Flag(help: "No progress on stderr.")
  var quiet = false

  @OptionGroup var limits: InputLimitOptions
}

/// Writes `text` to standard error; a closed or broken stderr is ignored (there is nowhere
/// else to say it).
func writeToStandardError(_ text: String) {
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

/// Where results go: standard output, a FIFO or device written directly, or a regular file
/// replaced atomically.
///
/// A regular file (or a new one) is written to an unnamed temporary file in the target's folder
/// (`O_TMPFILE`), linked in under a temporary name and renamed over the target only when
/// everything was written: a failure, a signal or even SIGKILL before then leaves the target as
/// it was and nothing beside it. Where `O_TMPFILE` is not supported (or the environment
/// variable `ENTENTE_NO_O_TMPFILE` is set), the temporary file has a name
/// (`.NAME.entente-PID.tmp`) and is removed on failure and on SIGINT, SIGTERM and SIGHUP. A
/// symbolic link is followed: its target is replaced, the link kept. The replacement keeps the
/// target's mode, and its owner and group when the process may set them.
///
/// Write errors (a full disk, a closed standard output…) are kept and thrown by `finish()`,
/// naming the file; a reader that closes a pipe on standard output (`| head`) ends the process
/// quietly, as SIGPIPE ends `cat`.
final class Output {
  private enum Destination {
    case standardOutput
    /// A FIFO, device or socket, opened for writing and written as is.
    case stream(descriptor: Int32)
    /// A regular file replaced at the end. `temporary` is the name of the temporary file when
    /// it has one (without `O_TMPFILE`).
    case replacement(descriptor: Int32, target: String, temporary: String?)
  }

  private let path: String?
  private var destination: Destination
  private var buffer: [UInt8] = []
  /// The first write error (errno), kept for `finish()`.
  private var failure: Int32?
  private var isClosed = false

  init(path: String?) throws {
    self.path = path
    buffer.reserveCapacity(1 << 16)
    guard let path, path != "-" else {
      destination = .standardOutput
      return
    }
    let target = try resolvedTarget(of: path)
    var info = stat()
    if stat(target, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        throw EntenteCLIError("\(path): error: is a directory")
      case S_IFREG:
        destination = try Self.replacement(of: target, named: path, original: info)
      default:
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
          throw EntenteCLIError("\(path): error: cannot open for writing: \(systemMessage(errno))")
        }
        destination = .stream(descriptor: descriptor)
      }
    } else if errno == ENOENT {
      destination = try Self.replacement(of: target, named: path, original: nil)
    } else {
      throw EntenteCLIError("\(path): error: \(systemMessage(errno))")
    }
  }

  /// Opens the temporary file that will replace `target` (`path` as the user gave it).
  private static func replacement(of target: String, named path: String, original: stat?) throws
    -> Destination
  {
    let folder = folderName(of: target)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
    else { throw EntenteCLIError("\(path): error: the output folder does not exist") }
    var descriptor: Int32 = -1
    var temporary: String?
    if ProcessInfo.processInfo.environment["ENTENTE_NO_O_TMPFILE"] == nil
      && access("/proc/self/fd", X_OK) == 0
    {
      descriptor = open(folder, __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o666)
    }
    if descriptor < 0 {
      let name = folder + "/." + baseName(of: target) + ".entente-\(getpid()).tmp"
      // Registered first: a signal right after the file appears must find its name.
      TemporaryFileGuard.register(name)
      descriptor = open(name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
      guard descriptor >= 0 else {
        let code = errno
        TemporaryFileGuard.unregister()
        throw EntenteCLIError("\(path): error: cannot write in \(folder): \(systemMessage(code))")
      }
      temporary = name
    }
    if let original {
      // Owner first: changing the owner may clear the set-user-ID bits the mode then restores.
      if fchown(descriptor, original.st_uid, original.st_gid) != 0 {
        _ = fchown(descriptor, uid_t.max, original.st_gid)
      }
      _ = fchmod(descriptor, original.st_mode & 0o7777)
    }
    return .replacement(descriptor: descriptor, target: target, temporary: temporary)
  }

  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  func write(bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  private var descriptor: Int32 {
    switch destination {
    case .standardOutput: 1
    case .stream(let descriptor), .replacement(let descriptor, _, _): descriptor
    }
  }

  /// The name of the destination in messages.
  private var displayName: String {
    if case .standardOutput = destination { return "<stdout>" }
    return path ?? "<stdout>"
  }

  private func flush() {
    defer { buffer.removeAll(keepingCapacity: true) }
    guard !buffer.isEmpty, failure == nil else { return }
    let descriptor = self.descriptor
    buffer.withUnsafeBufferPointer { pointer in
      var offset = 0
      while offset < pointer.count {
        let written = Glibc.write(descriptor, pointer.baseAddress! + offset, pointer.count - offset)
        if written < 0 && errno == EINTR { continue }
        if written < 0 {
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure == EPIPE, case .standardOutput = destination {
      // The reader is gone (`| head`): end as SIGPIPE ends other tools, without a message.
      signal(SIGPIPE, SIG_DFL)
      raise(SIGPIPE)
      exit(141)
    }
  }

  /// Flushes and, for a regular file, puts the new file in place of the target.
  /// - Throws: `EntenteCLIError` naming the file and the system's reason (no space left on
  ///   device…) when a write failed; the target is then left as it was.
  func finish() throws {
    flush()
    if failure == nil, case .replacement(let descriptor, _, _) = destination, fsync(descriptor) != 0 {
      failure = errno
    }
    if let failure {
      abandon()
      throw EntenteCLIError("\(displayName): error: cannot write: \(systemMessage(failure))")
    }
    switch destination {
    case .standardOutput:
      return
    case .stream(let descriptor):
      isClosed = true
      if close(descriptor) != 0 && errno != EINTR {
        throw EntenteCLIError("\(displayName): error: cannot write: \(systemMessage(errno))")
      }
    case .replacement(let descriptor, let target, var temporary):
      if temporary == nil {
        // Give the unnamed file a name beside the target, then rename it over the target.
        let name = folderName(of: target) + "/." + baseName(of: target) + ".entente-\(getpid()).tmp"
        TemporaryFileGuard.register(name)
        guard linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0 else {
          let code = errno
          TemporaryFileGuard.unregister()
          abandon()
          throw EntenteCLIError("\(displayName): error: cannot write: \(systemMessage(code))")
        }
        temporary = name
      }
      isClosed = true
      close(descriptor)
      guard let temporary else { return }
      defer { TemporaryFileGuard.unregister() }
      if rename(temporary, target) != 0 {
        let code = errno
        unlink(temporary)
        throw EntenteCLIError("\(displayName): error: cannot replace the file: \(systemMessage(code))")
      }
    }
  }

  /// Closes the destination after a failure: a regular file's target is left as it was, and
  /// its temporary file removed.
  func abandon() {
    guard !isClosed else { return }
    isClosed = true
    switch destination {
    case .standardOutput:
      return
    case .stream(let descriptor):
      close(descriptor)
    case .replacement(let descriptor, _, let temporary):
      close(descriptor)
      if let temporary {
        unlink(temporary)
        TemporaryFileGuard.unregister()
      }
    }
  }
}

/// The file a path names once symbolic links are followed (the last link's target, which may
/// not exist yet).
private func resolvedTarget(of path: String) throws -> String {
  var current = path
  for _ in 0..<40 {
    var info = stat()
    guard lstat(current, &info) == 0 else {
      if errno == ENOENT { return current }
      throw EntenteCLIError("\(path): error: \(systemMessage(errno))")
    }
    guard info.st_mode & S_IFMT == S_IFLNK else { return current }
    var bytes = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(current, &bytes, bytes.count - 1)
    guard count >= 0 else { throw EntenteCLIError("\(path): error: \(systemMessage(errno))") }
    let link = String(decoding: bytes[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    current = link.hasPrefix("/") ? link : folderName(of: current) + "/" + link
  }
  throw EntenteCLIError("\(path): error: too many levels of symbolic links")
}

/// The folder part of a path ("." when it has none).
private func folderName(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "." }
  return slash == path.startIndex ? "/" : String(path[..<slash])
}

/// The last component of a path.
private func baseName(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return path }
  return String(path[path.index(after: slash)...])
}

/// The system's message for an errno value.
func systemMessage(_ code: Int32) -> String {
  switch code {
  case ENOENT: "no such file"
  case EBADF: "not open (the descriptor is closed)"
  default: String(cString: strerror(code))
  }
}

/// The temporary output file to remove if SIGINT, SIGTERM or SIGHUP ends the process before it
/// is renamed (one at a time: outputs are written one after the other).
enum TemporaryFileGuard {
  /// The path as a C string, read by the signal handler (which may only make async-signal-safe
  /// calls, so it reads a plain pointer).
  nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

  static func register(_ name: String) {
    let previous = path
    path = strdup(name)
    free(previous)
  }

  static func unregister() {
    let previous = path
    path = nil
    free(previous)
  }

  /// Installs the handlers, and unblocks the signals (a parent may have blocked them).
  static func installSignalHandlers() {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      sigaddset(&set, signal)
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signal in
        if let path = TemporaryFileGuard.path { unlink(path) }
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
      }
      sigemptyset(&action.sa_mask)
      sigaction(signal, &action, nil)
    }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
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

/// Progress on stderr, only when stderr is a terminal and not `--quiet`.
struct Progress {
  let isEnabled: Bool

  init(quiet: Bool) {
    isEnabled = !quiet && isatty(2) == 1
  }

  func report(_ message: String) {
    guard isEnabled else { return }
    writeToStandardError("\r\u{1B}[K" + message)
  }

  func done() {
    guard isEnabled else { return }
    writeToStandardError("\r\u{1B}[K")
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
        + " --source-lang is \(sourceLang) and \(targetOption) \(targetLang); give the source, then its translation"
    )
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
