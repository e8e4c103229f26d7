import ArgumentParser
import EntenteText
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

@main
struct Entente: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entente",
    abstract: "Translation alignment and terminology between English and French, built on ICU.",
    version: "\(ententeVersion) (ICU \(ICU.version))",
    subcommands: [
      Segment.self, Normalize.self, Align.self, Quotes.self, Check.self, GlossaryCommand.self, Report.self,
      Batch.self,
    ]
  )

  /// Runs the command; usage errors and bad input exit with code 2, as documented.
  static func main() {
    reserveStandardDescriptors()
    InheritedDescriptors.record()
    // Write errors on a closed pipe come back as EPIPE, which `Output` handles.
    signal(SIGPIPE, SIG_IGN)
    TemporaryFileGuard.installSignalHandlers()
    do {
      var command = try parseAsRoot()
      (command as? InputReadingCommand)?.inputLimits.apply()
      for (option, value) in (command as? LanguageOptionsCommand)?.languageOptions ?? [] {
        try checkLanguage(value, option: option)
      }
      try command.run()
    } catch let error as ExitCode {
      Foundation.exit(error.rawValue)
    } catch let error as EntenteCLIError {
      writeToStandardError(error.description + "\n")
      Foundation.exit(error.exitCode)
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        print(message)
        Foundation.exit(0)
      }
      if !message.isEmpty { writeToStandardError(message + "\n") }
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
