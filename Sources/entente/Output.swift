internal import CSignalShim
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where results go: standard output, a descriptor the process was given, a FIFO or device
/// written directly, or a regular file replaced atomically.
///
/// A regular file (or a new one) is written to an unnamed temporary file in the target's folder
/// (`O_TMPFILE`) and put in place only when everything was written and synced: linked in under
/// the target's own name when there is no file there, otherwise linked in under a temporary name
/// and renamed over the target. A failure, a signal or even SIGKILL before then leaves the target
/// as it was and nothing beside it; only a SIGKILL between that link and the rename (two system
/// calls) can leave the temporary name behind. Where `O_TMPFILE` is not supported (or the
/// environment variable `ENTENTE_NO_O_TMPFILE` is set, which the tests use), the temporary file
/// has a name (`.NAME.entente-PID.tmp`) from the start: it is removed on failure, when the
/// `Output` is dropped unfinished, and on SIGINT, SIGTERM and SIGHUP, but SIGKILL leaves it. A
/// symbolic link is followed: its target is replaced, the link kept. The replacement keeps the
/// target's mode, and its owner and group when the process may set them.
///
/// A path that names a descriptor (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`)
/// is never followed to what the descriptor is open on (a pipe has no path; a file opened for
/// appending must not be replaced): when the descriptor is one the process was given, it is
/// written directly, as standard output is; another process's (`/proc/PID/fd/N`) is opened
/// for appending.
///
/// Write errors (a full disk, a closed standard output…) are kept and thrown by `finish()`,
/// naming the file; a reader that closes a pipe on standard output or on a given descriptor
/// (`| head`) ends the process quietly, as SIGPIPE ends `cat`.
final class Output {
  private enum Destination {
    /// A descriptor the process was given (standard output, or one a path such as `/dev/fd/3`
    /// names), written as is and never closed.
    case inherited(descriptor: Int32)
    /// A FIFO or a character or block device, opened for writing without truncating it.
    /// Anything else that is not a regular file or a folder (a socket) cannot be opened and is
    /// refused with the system's reason.
    case stream(descriptor: Int32)
    /// A regular file replaced at the end. `temporary` is the named temporary file, when it has
    /// one (without `O_TMPFILE`).
    case replacement(descriptor: Int32, target: String, temporary: TemporaryFile?)
  }

  private let path: String?
  private var destination: Destination
  private var buffer: [UInt8] = []
  /// The first write error (errno), kept for `finish()`.
  private var failure: Int32?
  private var isClosed = false

  /// Opens the destination: standard output when `path` is nil or "-".
  /// - Throws: `EntenteCLIError` naming `path` (a folder, a folder that does not exist, a
  ///   descriptor the process was not given, a file that cannot be opened).
  init(path: String?) throws {
    self.path = path
    buffer.reserveCapacity(1 << 16)
    guard let path, path != "-" else {
      destination = .inherited(descriptor: 1)
      return
    }
    switch try resolvedOutputPath(of: path) {
    case .ownDescriptor(let number):
      guard InheritedDescriptors.contains(number) else {
        throw EntenteCLIError(
          "\(path): error: descriptor \(number) was not open when entente started")
      }
      destination = .inherited(descriptor: number)
    case .otherProcessDescriptor:
      destination = .stream(descriptor: try Self.openStream(path, flags: O_APPEND))
    case .file(let target):
      var info = stat()
      // The path as given, links followed by stat: the type of what is really there.
      if stat(path, &info) == 0 {
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
          throw EntenteCLIError("\(path): error: is a directory")
        case S_IFREG:
          destination = try Self.replacement(of: target, named: path, original: info)
        default:
          destination = .stream(descriptor: try Self.openStream(path, flags: 0))
        }
      } else if errno == ENOENT {
        destination = try Self.replacement(of: target, named: path, original: nil)
      } else {
        throw EntenteCLIError("\(path): error: \(systemMessage(errno))")
      }
    }
  }

  deinit {
    // Dropped without `finish()` (an error on the way): no temporary file is left behind.
    abandon()
  }

  /// Opens `path` for writing (never creating or truncating it), with extra `flags`.
  private static func openStream(_ path: String, flags: Int32) throws -> Int32 {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC | flags)
    guard descriptor >= 0 else {
      throw EntenteCLIError("\(path): error: cannot open for writing: \(systemMessage(errno))")
    }
    return descriptor
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
    var temporary: TemporaryFile?
    if ProcessInfo.processInfo.environment["ENTENTE_NO_O_TMPFILE"] == nil
      && access("/proc/self/fd", X_OK) == 0
    {
      descriptor = open(folder, __O_TMPFILE | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o666)
    }
    if descriptor < 0 {
      // Registered first: a signal right after the file appears must find its name.
      let named = try TemporaryFile(registering: temporaryName(for: target), for: path)
      descriptor = open(named.name, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o666)
      guard descriptor >= 0 else {
        let code = errno
        named.release()
        throw EntenteCLIError("\(path): error: cannot write in \(folder): \(systemMessage(code))")
      }
      temporary = named
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
    case .inherited(let descriptor), .stream(let descriptor), .replacement(let descriptor, _, _):
      descriptor
    }
  }

  /// The name of the destination in messages.
  private var displayName: String {
    guard let path, path != "-" else { return "<stdout>" }
    return path
  }

  /// Whether the destination is a terminal (stdout, or `/dev/tty`), where a progress line may be.
  private lazy var isTerminal = isatty(descriptor) == 1

  private func flush() {
    defer { buffer.removeAll(keepingCapacity: true) }
    guard !buffer.isEmpty, failure == nil else { return }
    let descriptor = self.descriptor
    func writeBuffer() {
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
    }
    // Results shown on the terminal that shows the progress start on a line of their own.
    if isTerminal { Progress.withLineErased(writeBuffer) } else { writeBuffer() }
    if failure == EPIPE, case .inherited = destination {
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
    case .inherited:
      isClosed = true
    case .stream(let descriptor):
      isClosed = true
      if close(descriptor) != 0 && errno != EINTR {
        throw EntenteCLIError("\(displayName): error: cannot write: \(systemMessage(errno))")
      }
    case .replacement(let descriptor, let target, let named):
      var temporary = named
      if temporary == nil {
        // The unnamed file takes the target's name when there is no file there: then nothing
        // else is ever named. Otherwise it is linked in under a temporary name, renamed below.
        let unnamed = "/proc/self/fd/\(descriptor)"
        if linkat(AT_FDCWD, unnamed, AT_FDCWD, target, AT_SYMLINK_FOLLOW) == 0 {
          isClosed = true
          close(descriptor)
          return
        }
        guard errno == EEXIST else { throw abandoned(code: errno) }
        let linked = try TemporaryFile(registering: temporaryName(for: target), for: displayName)
        guard linkat(AT_FDCWD, unnamed, AT_FDCWD, linked.name, AT_SYMLINK_FOLLOW) == 0 else {
          let code = errno
          linked.release()
          throw abandoned(code: code)
        }
        temporary = linked
      }
      isClosed = true
      close(descriptor)
      guard let temporary else { return }
      // Still registered during the rename: a signal then removes the temporary name if the
      // rename has not happened, and finds nothing to remove if it has.
      defer { temporary.release() }
      if rename(temporary.name, target) != 0 {
        let code = errno
        unlink(temporary.name)
        throw EntenteCLIError("\(displayName): error: cannot replace the file: \(systemMessage(code))")
      }
    }
  }

  /// Abandons the output after a failure to put it in place, and makes the error that says so.
  private func abandoned(code: Int32) -> EntenteCLIError {
    abandon()
    return EntenteCLIError("\(displayName): error: cannot write: \(systemMessage(code))")
  }

  /// Closes the destination after a failure: a regular file's target is left as it was, and
  /// its temporary file removed. Does nothing once the output is finished or abandoned.
  func abandon() {
    guard !isClosed else { return }
    isClosed = true
    switch destination {
    case .inherited:
      return
    case .stream(let descriptor):
      close(descriptor)
    case .replacement(let descriptor, _, let temporary):
      close(descriptor)
      temporary?.remove()
    }
  }
}

/// A named temporary output file, registered with the signal handler of the C shim
/// (`ent_cleanup_register`), which removes it if SIGINT, SIGTERM or SIGHUP ends the process
/// before it is renamed or removed. The handler reads the path from the shim's static storage,
/// never from Swift memory.
private struct TemporaryFile {
  let name: String
  private let slot: Int32

  /// Registers `name`; call it before the file is created. `path` names the output in errors.
  /// - Throws: `EntenteCLIError` when the name is longer than a path can be.
  init(registering name: String, for path: String) throws {
    let slot = ent_cleanup_register(name)
    guard slot >= 0 else {
      throw EntenteCLIError("\(path): error: cannot write beside it: \(systemMessage(ENAMETOOLONG))")
    }
    self.name = name
    self.slot = slot
  }

  /// Withdraws the name from the signal handler, leaving the file (renamed, or never created).
  func release() {
    ent_cleanup_unregister(slot)
  }

  /// Removes the file, then withdraws its name from the signal handler.
  func remove() {
    unlink(name)
    release()
  }
}

/// The name of the temporary file beside `target`: `.NAME.entente-PID.tmp` in its folder.
private func temporaryName(for target: String) -> String {
  folderName(of: target) + "/." + baseName(of: target) + ".entente-\(getpid()).tmp"
}

/// What an output path names once symbolic links are followed.
private enum ResolvedOutputPath {
  /// A file (the last link's target, which may not exist yet).
  case file(String)
  /// One of the process's own descriptors (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/3`).
  case ownDescriptor(Int32)
  /// Another process's descriptor (`/proc/PID/fd/N`).
  case otherProcessDescriptor
}

/// Follows the symbolic links of `path` to the file it names, stopping at a path that names a
/// descriptor: the link such a path is (`/proc/self/fd/1`) reads as `pipe:[N]` for a pipe and
/// as a file's path for a file, neither of which is to be replaced.
private func resolvedOutputPath(of path: String) throws -> ResolvedOutputPath {
  var current = path
  for _ in 0..<40 {
    if let descriptor = descriptorNamed(by: current) { return descriptor }
    var info = stat()
    guard lstat(current, &info) == 0 else {
      if errno == ENOENT { return .file(current) }
      throw EntenteCLIError("\(path): error: \(systemMessage(errno))")
    }
    guard info.st_mode & S_IFMT == S_IFLNK else { return .file(current) }
    var bytes = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(current, &bytes, bytes.count - 1)
    guard count >= 0 else { throw EntenteCLIError("\(path): error: \(systemMessage(errno))") }
    let link = String(decoding: bytes[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    current = link.hasPrefix("/") ? link : folderName(of: current) + "/" + link
  }
  throw EntenteCLIError("\(path): error: too many levels of symbolic links")
}

/// The descriptor an absolute path names by its text: `/dev/stdin`, `/dev/stdout`,
/// `/dev/stderr`, `/dev/fd/N`, `/proc/P/fd/N` and `/proc/P/task/T/fd/N`, where P is `self`,
/// `thread-self` or a process ID; nil for any other path. Empty and `.` components are skipped.
private func descriptorNamed(by path: String) -> ResolvedOutputPath? {
  guard path.hasPrefix("/") else { return nil }
  let parts = path.split(separator: "/").filter { $0 != "." }
  func number(_ text: Substring) -> Int32? {
    guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return Int32(text)
  }
  if parts.count == 2 && parts[0] == "dev" {
    switch parts[1] {
    case "stdin": return .ownDescriptor(0)
    case "stdout": return .ownDescriptor(1)
    case "stderr": return .ownDescriptor(2)
    default: return nil
    }
  }
  if parts.count == 3 && parts[0] == "dev" && parts[1] == "fd" {
    return number(parts[2]).map(ResolvedOutputPath.ownDescriptor)
  }
  guard parts.count == 4 || parts.count == 6, parts[0] == "proc", parts[parts.count - 2] == "fd",
    let descriptor = number(parts[parts.count - 1])
  else { return nil }
  if parts.count == 6 && (parts[2] != "task" || number(parts[3]) == nil) { return nil }
  switch parts[1] {
  case "self", "thread-self":
    return .ownDescriptor(descriptor)
  default:
    guard let process = number(parts[1]) else { return nil }
    return process == getpid() ? .ownDescriptor(descriptor) : .otherProcessDescriptor
  }
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

/// The descriptors open when the process started: the only ones a path such as `/dev/fd/3` may
/// name for writing (any other is a file entente itself opened, or none).
enum InheritedDescriptors {
  /// Standard input, output and error are always open (`reserveStandardDescriptors`).
  nonisolated(unsafe) private static var numbers: Set<Int32> = [0, 1, 2]

  /// Lists `/proc/self/fd`; call it first thing, after `reserveStandardDescriptors()`.
  static func record() {
    guard let folder = opendir("/proc/self/fd") else { return }
    defer { closedir(folder) }
    let own = dirfd(folder)
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
      if let number = Int32(name), number != own { numbers.insert(number) }
    }
  }

  static func contains(_ descriptor: Int32) -> Bool {
    numbers.contains(descriptor)
  }
}

/// Installs the C shim's handler for SIGINT, SIGTERM and SIGHUP, which removes the registered
/// temporary files and ends the process killed by the signal (`ent_cleanup_install`). A signal
/// the parent set to be ignored (`nohup`, a background job) stays ignored.
enum TemporaryFileGuard {
  static func installSignalHandlers() {
    _ = ent_cleanup_install()
  }
}
