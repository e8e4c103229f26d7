import ArgumentParser
import EntenteTerms
import EntenteText
import Foundation

/// `entente check`: terminology checks of a translation against a glossary.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a translation against a glossary (target-side checks).",
    discussion: """
      Rules: term-deprecated, first-mention, term-inconsistent, untranslated, name-spelling, and \
      typography-fr with --typography. Exit 0 when no finding is at or above --fail-on, 1 when \
      one is, 2 on bad input or usage.
      """
  )

  @Argument(help: "The translation (UTF-8 text).")
  var target: String

  @Option(help: "The glossary (.tbx or .json).")
  var glossary: String

  @Option(help: "The translation's language.")
  var lang = "fr"

  @Option(name: .customLong("source-lang"), help: "The source language (for untranslated words).")
  var sourceLang = "en"

  @Option(help: "text, json or sarif.")
  var format: FindingFormat = .text

  @Option(name: .customLong("fail-on"), help: "error, warning, info or never.")
  var failOn: FailOn = .error

  @Flag(help: "Add the French typography findings (typography-fr).")
  var typography = false

  @OptionGroup var outputOptions: OutputOptions

  enum FindingFormat: String, ExpressibleByArgument { case text, json, sarif }
  enum FailOn: String, ExpressibleByArgument { case error, warning, info, never }

  func run() throws {
    let glossary = try GlossaryCommand.load(glossary)
    let text: String
    do {
      text = try SourceText(contentsOfFile: target).text
    } catch {
      throw EntenteCLIError(error.description)
    }
    var checker = try TargetChecker(glossary: glossary, targetLanguage: lang, sourceLanguage: sourceLang)
    checker.checksTypography = typography
    let findings = try checker.check(text)
    let out = try Output(path: outputOptions.output)
    do {
      switch format {
      case .text: for finding in findings { out.write(finding.textLine(file: target) + "\n") }
      case .json: out.write(try findingsJSON(findings))
      case .sarif: out.write(try findingsSARIF(findings, file: target, toolVersion: "0.1.0"))
      }
      try out.finish()
    } catch {
      out.abandon()
      throw error
    }
    let threshold: Severity? =
      switch failOn {
      case .error: .error
      case .warning: .warning
      case .info: .info
      case .never: nil
      }
    if let threshold, findings.contains(where: { $0.severity >= threshold }) {
      throw ExitCode(1)
    }
  }
}
