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
  let name = path == "-" ? "<stdin>" : path
  do {
    if path == "-" {
      let data = FileHandle.standardInput.readDataToEndOfFile()
      return try SourceText(decoding: data, name: name, allowEmpty: allowEmpty)
    }
    guard FileManager.default.fileExists(atPath: path) else {
      throw EntenteCLIError("\(path): error: no such file")
    }
    return try SourceText(contentsOfFile: path, allowEmpty: allowEmpty)
  } catch let error as TextError {
    throw EntenteCLIError(error.description)
  }
}

/// The options every command that writes results shares.
struct OutputOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
  var output: String?

  @Flag(help: "No progress on stderr.")
  var quiet = false
}

/// Where results go: standard output, or a file written atomically (a temporary file in the same
/// folder, renamed over the target only when everything was written).
final class Output {
  private let path: String?
  private var buffer: [UInt8] = []
  private let handle: FileHandle?
  private let temporaryPath: String?

  init(path: String?) throws {
    self.path = path
    if let path, path != "-" {
      let url = URL(fileURLWithPath: path)
      let folder = url.deletingLastPathComponent().path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { throw EntenteCLIError("\(path): error: the output folder does not exist") }
      let temporary = (folder.isEmpty ? "." : folder) + "/.\(url.lastPathComponent).entente-\(getpid()).tmp"
      guard FileManager.default.createFile(atPath: temporary, contents: nil) else {
        throw EntenteCLIError("\(path): error: cannot write in \(folder.isEmpty ? "." : folder)")
      }
      temporaryPath = temporary
      handle = FileHandle(forWritingAtPath: temporary)
    } else {
      temporaryPath = nil
      handle = nil
    }
    buffer.reserveCapacity(1 << 16)
  }

  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  func write(bytes: some Sequence<UInt8>) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  private func flush() {
    guard !buffer.isEmpty else { return }
    if let handle {
      handle.write(Data(buffer))
    } else {
      buffer.withUnsafeBufferPointer { pointer in
        var offset = 0
        while offset < pointer.count {
          let written = Glibc.write(1, pointer.baseAddress! + offset, pointer.count - offset)
          if written <= 0 { break }
          offset += written
        }
      }
    }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and, for a file, renames the temporary file over the target.
  func finish() throws {
    flush()
    if let handle, let temporaryPath, let path {
      try handle.synchronize()
      try handle.close()
      if rename(temporaryPath, path) != 0 {
        unlink(temporaryPath)
        throw EntenteCLIError("\(path): error: cannot replace the file")
      }
    }
  }

  /// Removes the temporary file after a failure: the target is left as it was.
  func abandon() {
    if let handle, let temporaryPath {
      try? handle.close()
      unlink(temporaryPath)
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
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + message).utf8))
  }

  func done() {
    guard isEnabled else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
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
