import ArgumentParser
import EntenteText
import Foundation

@main
struct Entente: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entente",
    abstract: "Translation alignment and terminology between English and French, built on ICU.",
    version: "\(ententeVersion) (ICU \(ICU.version))",
    subcommands: [Segment.self, Normalize.self, Align.self, Quotes.self, Check.self, GlossaryCommand.self]
  )

  /// Runs the command; usage errors and bad input exit with code 2, as documented.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as ExitCode {
      Foundation.exit(error.rawValue)
    } catch let error as EntenteCLIError {
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      Foundation.exit(error.exitCode)
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        print(message)
        Foundation.exit(0)
      }
      if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
      Foundation.exit(2)
    }
  }
}

/// An error the CLI reports on stderr with its exit code (2: bad input or usage).
struct EntenteCLIError: Error, CustomStringConvertible {
  var description: String
  var exitCode: Int32 = 2

  init(_ description: String, exitCode: Int32 = 2) {
    self.description = "entente: " + description
    self.exitCode = exitCode
  }
}
