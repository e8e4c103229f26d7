// entente-fuzz: the libFuzzer entry point (built with -DFUZZING), or the replay of input files.
import EntenteFuzz
import Foundation

#if FUZZING
  /// The target named by `ENTENTE_FUZZ_TARGET`, read once.
  private let selectedTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["ENTENTE_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(Data("entente-fuzz: set ENTENTE_FUZZ_TARGET to one of: \(names)\n".utf8))
      exit(2)
    }
    return target
  }()

  /// libFuzzer's entry: one input through the selected target.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }
#else
  /// Replays files through a target without libFuzzer: `entente-fuzz TARGET FILE-OR-FOLDER...`.
  @main
  struct EntenteFuzzReplay {
    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      guard let first = arguments.first, let target = FuzzTarget(rawValue: first) else {
        let usage = """
          usage: entente-fuzz TARGET FILE-OR-FOLDER...
          Runs each file (each file of each folder) through TARGET and prints what became of it.
          Targets: \(names). Built with -DFUZZING (scripts/fuzz), it is a libFuzzer binary instead.

          """
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
      }
      var failed = false
      for path in arguments.dropFirst() {
        for file in files(at: path) {
          guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("entente-fuzz: \(file): cannot read the file\n".utf8))
            failed = true
            continue
          }
          switch target.run([UInt8](data)) {
          case .accepted: print("\(file): accepted")
          case .refused(let message): print("\(file): refused: \(message.prefix(200))")
          }
        }
      }
      exit(failed ? 2 : 0)
    }

    /// `path` itself, or the regular files of the folder `path`, sorted.
    static func files(at path: String) -> [String] {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
        return [path]
      }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      return names.sorted().map { "\(path)/\($0)" }
    }
  }
#endif
