import ArgumentParser
import EntenteTerms
import Foundation

/// `entente glossary`: validate, look up and convert glossary files.
struct GlossaryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "glossary",
    abstract: "Validate, look up and convert glossaries (TBX v3 or v2, JSON, CSV, TSV).",
    subcommands: [Validate.self, Lookup.self, Convert.self, Build.self]
  )

  /// Reads a glossary, turning its error into the CLI's (exit 2, file:line:column).
  static func load(_ path: String) throws -> Glossary {
    do {
      return try Glossary.read(contentsOfFile: path)
    } catch {
      throw EntenteCLIError(error.description)
    }
  }

  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a glossary's structure; print a summary, or the first error with its line:column.")

    @Argument(help: "The glossary (.tbx, .json, .csv or .tsv).")
    var file: String

    @OptionGroup var inputLimits: InputLimitOptions

    func run() throws {
      let glossary = try GlossaryCommand.load(file)
      guard !glossary.concepts.isEmpty else { throw EntenteCLIError("\(file):1:1: error: no concepts") }
      var counts: [String: Int] = [:]
      for concept in glossary.concepts {
        for (language, terms) in concept.terms { counts[language, default: 0] += terms.count }
      }
      let languages = counts.keys.sorted().map { "\($0) \(counts[$0]!)" }.joined(separator: ", ")
      let out = try Output(path: nil)
      out.write("\(file): ok: \(glossary.concepts.count) concepts; terms: \(languages)\n")
      try out.finish()
    }
  }

  struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The concepts with a term matching TERM (case, accents and apostrophes ignored).")

    @Argument(help: "The glossary (.tbx, .json, .csv or .tsv).")
    var file: String

    @Argument(help: "The term to look up.")
    var term: String

    @OptionGroup var inputLimits: InputLimitOptions

    func run() throws {
      let glossary = try GlossaryCommand.load(file)
      let concepts = try glossary.lookup(term)
      if concepts.isEmpty { throw EntenteCLIError("'\(term)' is not in \(file)", exitCode: 1) }
      let out = try Output(path: nil)
      for concept in concepts {
        out.write(concept.id + (concept.definition.map { ": " + $0 } ?? "") + "\n")
        for language in concept.terms.keys.sorted() {
          for term in concept.terms[language] ?? [] {
            var details = [term.status.rawValue]
            if let type = term.type { details.append(type.rawValue) }
            if term.firstMention { details.append("first mention") }
            if term.caseSensitive { details.append("case-sensitive") }
            out.write("  \(language)  \(term.text)  (\(details.joined(separator: ", ")))\n")
          }
        }
      }
      try out.finish()
    }
  }

  struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Convert a glossary between TBX, JSON, CSV and TSV (formats from the file extensions).")

    @Argument(help: "The glossary to read (.tbx, .json, .csv or .tsv).")
    var input: String

    @Argument(help: "The file to write (.tbx, .json, .csv, .tsv), atomically.")
    var output: String

    @Option(
      name: .customLong("tbx-style"), help: "For .tbx output: dca (TBX v3, the default), dct (TBX v3) or v2.")
    var tbxStyle: TBXStyleOption = .dca

    enum TBXStyleOption: String, ExpressibleByArgument { case dca, dct, v2 }

    @OptionGroup var inputLimits: InputLimitOptions

    func run() throws {
      guard let format = GlossaryFormat(path: output) else {
        throw EntenteCLIError(
          "\(output): error: unknown glossary format (expected .tbx, .json, .csv or .tsv)")
      }
      let glossary = try GlossaryCommand.load(input)
      let out = try Output(path: output)
      do {
        out.write(try glossary.serialized(as: format, tbxStyle: TBXStyle(rawValue: tbxStyle.rawValue)!))
        try out.finish()
      } catch {
        out.abandon()
        throw error
      }
    }
  }
}

extension GlossaryCommand.Validate: InputReadingCommand {}
extension GlossaryCommand.Lookup: InputReadingCommand {}
extension GlossaryCommand.Convert: InputReadingCommand {}
