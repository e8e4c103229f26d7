import ArgumentParser
import EntenteText
import Foundation

struct Normalize: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Normalize a text: NFC, NFKC, case folding, or the matching key of later stages.",
    discussion: """
      key: NFKC case fold, accents folded (é→e, œ→oe, ß→ss), typographic apostrophes, quotes, \
      dashes and no-break spaces unified (’→', « » “ ”→", – —→-, U+00A0 U+202F→space). \
      Line breaks are kept, so line N of the output is line N of the input.
      """
  )

  @Argument(help: "The text file, or - for standard input.")
  var file: String

  @Option(help: "nfc, nfd, nfkc, nfkd, casefold, or key.")
  var form: NormalizeForm

  @Option(help: "Language (casefold: tr and az keep dotted and dotless i apart).")
  var lang: String?

  @OptionGroup var outputOptions: OutputOptions

  func run() throws {
    let progress = Progress(quiet: outputOptions.quiet)
    let source = try readSource(file, allowEmpty: true)
    let out = try Output(path: outputOptions.output)
    let turkic = ["tr", "az"].contains(LanguageTag.language(of: lang ?? ""))
    do {
      // Line by line, and long lines in pieces: no normalization crosses a line break, and
      // memory stays a small multiple of the input whatever its lines.
      var lineNumber = 1
      var text = source.text
      try text.withUTF8 { bytes in
        try forEachNormalizationPiece(of: bytes) { piece, endsLine in
          let text = String(decoding: piece, as: UTF8.self)
          switch form {
          case .key: out.write(try MatchingKey.key(of: text))
          case .casefold: out.write(try text.normalized(turkic ? .casefoldTurkic : .casefold))
          case .nfc: out.write(try text.normalized(.nfc))
          case .nfd: out.write(try text.normalized(.nfd))
          case .nfkc: out.write(try text.normalized(.nfkc))
          case .nfkd: out.write(try text.normalized(.nfkd))
          }
          if endsLine {
            out.write("\n")
            lineNumber += 1
            if lineNumber % 100_000 == 0 { progress.report("line \(lineNumber)") }
          }
        }
      }
      try out.finish()
    } catch let error as TextError {
      out.abandon()
      throw EntenteCLIError("\(source.name): error: \(error)")
    } catch {
      out.abandon()
      throw error
    }
    progress.done()
  }
}

enum NormalizeForm: String, ExpressibleByArgument, CaseIterable {
  case nfc, nfd, nfkc, nfkd, casefold, key
}

extension Normalize: InputReadingCommand {
  var inputLimits: InputLimitOptions { outputOptions.limits }
}

extension Normalize: LanguageOptionsCommand {
  var languageOptions: [(option: String, value: String)] { lang.map { [("--lang", $0)] } ?? [] }
}
