// One pipeline, seen from the command line: the user's reading rules reach every command that
// reads text, and a corrected alignment given with --alignment replaces the aligner's.

import Foundation
import Testing
import _EntenteTestSupport

/// An SRX 2.0 file whose French rule forbids every boundary after a full stop: a French text
/// becomes one sentence per paragraph (English keeps its boundaries).
private let frenchGlue = """
  <?xml version="1.0" encoding="UTF-8"?>
  <srx xmlns="http://www.lisa.org/srx20" version="2.0">
    <header segmentsubflows="yes" cascade="no"/>
    <body>
      <languagerules>
        <languagerule languagerulename="fr-glue">
          <rule break="no"><beforebreak>\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
        </languagerule>
      </languagerules>
      <maprules><languagemap languagepattern="fr.*" languagerulename="fr-glue"/></maprules>
    </body>
  </srx>

  """

/// Numbers swapped between two sentences: aligned 1-1 they differ twice; in one bead they agree.
private let numbersSource = "The navy sent 12 ships to the port. The air force sent 40 planes to the base.\n"
private let numbersTarget =
  "L'aviation a envoyé 40 avions vers la base. La marine a envoyé 12 navires au port.\n"

/// A quote whose rendering the translation moved to the end of the paragraph.
private let quoteSource = """
  The minister said “we will rebuild every bridge before winter” on Monday. The opposition \
  disagreed. Engineers were cautious. Budgets were tight. Rain delayed the work. Trucks were \
  scarce. Workers went on strike. The ministry published a calendar.

  """
private let quoteTarget = """
  Le ministre s'est exprimé lundi. L'opposition n'était pas d'accord. Les ingénieurs étaient \
  prudents. Les budgets étaient serrés. La pluie a retardé les travaux. Les camions manquaient. \
  Les ouvriers ont fait grève. Le ministère a publié un calendrier : « nous reconstruirons chaque \
  pont avant l'hiver ».

  """

/// A name in three sentences of each side.
private let namesSource = """
  North Korea denied the report. Officials in North Korea spoke on Monday. The envoy of North \
  Korea left.

  """
private let namesTarget = """
  La Corée du Nord a démenti le rapport. Des responsables en Corée du Nord ont parlé lundi. \
  L'envoyé de la Corée du Nord est parti.

  """

@Suite("The user's reading rules reach every command")
struct ReadingOptionsTests {
  @Test("align: --abbreviations and --srx change the sentences, and so the beads")
  func align() async throws {
    let workspace = try Workspace()
    try workspace.write("en.txt", "We met on Rte. Nationale near the bridge. It rained all day.\n")
    try workspace.write(
      "fr.txt", "Nous étions sur la Rte. Nationale près du pont. Il a plu toute la journée.\n")
    try workspace.write("abbr.txt", "Rte title\n")
    try workspace.write("glue.srx", frenchGlue)
    let plain = try await workspace.run(["align", "en.txt", "fr.txt", "--format", "tsv", "--no-freedict"])
    expectSuccess(plain)
    #expect(plain.stdoutLines.first == "We met on Rte.\tNous étions sur la Rte.")
    let abbreviated = try await workspace.run([
      "align", "en.txt", "fr.txt", "--format", "tsv", "--no-freedict", "--abbreviations", "abbr.txt",
    ])
    expectSuccess(abbreviated)
    #expect(
      abbreviated.stdoutLines == [
        "We met on Rte. Nationale near the bridge.\tNous étions sur la Rte. Nationale près du pont.",
        "It rained all day.\tIl a plu toute la journée.",
      ])
    let glued = try await workspace.run([
      "align", "en.txt", "fr.txt", "--format", "jsonl", "--no-freedict", "--srx", "glue.srx",
    ])
    expectSuccess(glued)
    // The French side is one sentence: every bead's target is sentence 0 or nothing.
    let targets = try glued.stdoutLines.map {
      try JSONDecoder().decode(Record.self, from: Data($0.utf8)).target
    }
    #expect(targets.flatMap { $0 } == [0])
  }

  @Test("quotes: a rule that glues the French sentences widens where a rendering is looked for")
  func quotes() async throws {
    let workspace = try Workspace()
    try workspace.write("en.txt", quoteSource)
    try workspace.write("fr.txt", quoteTarget)
    try workspace.write("glue.srx", frenchGlue)
    let arguments = ["quotes", "en.txt", "fr.txt", "--format", "json", "--no-freedict"]
    let plain = try await workspace.run(arguments)
    expectSuccess(plain)
    let glued = try await workspace.run(arguments + ["--srx", "glue.srx"])
    expectSuccess(glued)
    let before = try JSONDecoder().decode([QuoteEntry].self, from: plain.stdoutData)
    let after = try JSONDecoder().decode([QuoteEntry].self, from: glued.stdoutData)
    #expect(before.first?.source?.text == "we will rebuild every bridge before winter")
    #expect(before.first?.target?.text != "nous reconstruirons chaque pont avant l'hiver")
    #expect(after.first?.target?.text == "nous reconstruirons chaque pont avant l'hiver")
  }

  @Test("check: with the French sentences glued, the swapped numbers share one bead")
  func check() async throws {
    let workspace = try Workspace()
    try workspace.write("en.txt", numbersSource)
    try workspace.write("fr.txt", numbersTarget)
    try workspace.write("glue.srx", frenchGlue)
    try workspace.write("g.csv", "id,en,fr\nc-port,port,port\n")
    let arguments = ["check", "en.txt", "fr.txt", "--glossary", "g.csv", "--no-freedict", "--format", "json"]
    let plain = try await workspace.run(arguments)
    #expect(plain.exitCode == 1, "stderr: \(plain.stderr)")
    #expect(try findings(plain).filter { $0.rule == "number-mismatch" }.count == 2)
    let glued = try await workspace.run(arguments + ["--srx", "glue.srx"])
    #expect(glued.exitCode == 0, "stderr: \(glued.stderr)")
    #expect(try findings(glued).filter { $0.rule == "number-mismatch" }.isEmpty)
  }

  @Test("glossary build: glued French sentences make one aligned pair, so a name co-occurs once")
  func glossaryBuild() async throws {
    let workspace = try Workspace()
    try workspace.write("en.txt", namesSource)
    try workspace.write("fr.txt", namesTarget)
    try workspace.write("glue.srx", frenchGlue)
    let arguments = ["glossary", "build", "en.txt", "fr.txt", "--no-freedict", "--format", "json"]
    let plain = try await workspace.run(arguments)
    expectSuccess(plain)
    let glued = try await workspace.run(arguments + ["--srx", "glue.srx"])
    expectSuccess(glued)
    func count(_ result: CommandResult) throws -> Int? {
      try JSONDecoder().decode([PairEntry].self, from: result.stdoutData)
        .first { $0.source == "North Korea" && $0.target == "Corée du Nord" }?.count
    }
    #expect(try count(plain) == 3)
    #expect(try count(glued) == 1)
  }

  @Test("--input lines: each line is one sentence, so a paragraph on one line is one bead")
  func lines() async throws {
    let workspace = try Workspace()
    try workspace.write("en.txt", numbersSource + quoteSource + namesSource)
    try workspace.write("fr.txt", numbersTarget + quoteTarget + namesTarget)
    try workspace.write("g.csv", "id,en,fr\nc-port,port,port\n")
    let check = ["check", "en.txt", "fr.txt", "--glossary", "g.csv", "--format", "json", "--no-freedict"]
    // In running text the two sentences of each side are apart, and the swapped numbers fall in
    // different beads; one sentence per line makes each paragraph one bead.
    #expect(try !findings(try await workspace.run(check)).filter { $0.rule == "number-mismatch" }.isEmpty)
    #expect(
      try findings(try await workspace.run(check + ["--input", "lines"])).filter {
        $0.rule == "number-mismatch"
      }
      .isEmpty)
    let quotes = ["quotes", "en.txt", "fr.txt", "--format", "json", "--no-freedict"]
    let rendering = "nous reconstruirons chaque pont avant l'hiver"
    let textQuotes = try JSONDecoder().decode(
      [QuoteEntry].self, from: try await workspace.run(quotes).stdoutData)
    #expect(textQuotes.first?.target?.text != rendering)
    let lineQuotes = try JSONDecoder().decode(
      [QuoteEntry].self, from: try await workspace.run(quotes + ["--input", "lines"]).stdoutData)
    #expect(lineQuotes.first?.target?.text == rendering)
    let build = ["glossary", "build", "en.txt", "fr.txt", "--format", "json", "--no-freedict"]
    func count(_ result: CommandResult) throws -> Int? {
      try JSONDecoder().decode([PairEntry].self, from: result.stdoutData)
        .first { $0.source == "North Korea" && $0.target == "Corée du Nord" }?.count
    }
    #expect(try count(try await workspace.run(build)) == 3)
    #expect(try count(try await workspace.run(build + ["--input", "lines"])) == 1)
  }
}

@Suite("A corrected alignment is taken back with --alignment")
struct AlignmentReuseTests {
  /// The commands that take --alignment, on the swapped-numbers pair.
  static let commands: [[String]] = [
    ["quotes", "en.txt", "fr.txt", "--format", "json"],
    ["check", "en.txt", "fr.txt", "--glossary", "g.csv", "--format", "json", "--fail-on", "never"],
    ["glossary", "build", "en.txt", "fr.txt", "--format", "json"],
  ]

  private func prepare() throws -> Workspace {
    let workspace = try Workspace()
    try workspace.write("en.txt", numbersSource + "\n" + namesSource)
    try workspace.write("fr.txt", numbersTarget + "\n" + namesTarget)
    try workspace.write("g.csv", "id,en,fr\nc-port,port,port\nc-nk,North Korea,Corée du Nord\n")
    return workspace
  }

  @Test("The aligner's own jsonl given back gives the same results", arguments: commands)
  func sameResults(command: [String]) async throws {
    let workspace = try prepare()
    let aligned = try await workspace.run(["align", "en.txt", "fr.txt", "--format", "jsonl", "--no-freedict"])
    expectSuccess(aligned)
    try workspace.write("align.jsonl", aligned.stdout)
    let fresh = try await workspace.run(command + ["--no-freedict"])
    let reused = try await workspace.run(command + ["--no-freedict", "--alignment", "align.jsonl"])
    #expect(fresh.exitCode == 0 && reused.exitCode == 0, "stderr: \(fresh.stderr) \(reused.stderr)")
    #expect(!fresh.stdout.isEmpty)
    #expect(reused.stdout == fresh.stdout)
  }

  @Test("A bead merged by hand is what check uses: the swapped numbers no longer differ")
  func correctedAlignment() async throws {
    let workspace = try prepare()
    let aligned = try await workspace.run(["align", "en.txt", "fr.txt", "--format", "jsonl", "--no-freedict"])
    expectSuccess(aligned)
    var lines = aligned.stdoutLines
    #expect(lines.count >= 2)
    // The reviser merges the first two beads: {"source":[0,1],"target":[0,1]}.
    lines.replaceSubrange(0..<2, with: [#"{"source":[0,1],"target":[0,1]}"#])
    try workspace.write("align.jsonl", lines.joined(separator: "\n") + "\n")
    let arguments = ["check", "en.txt", "fr.txt", "--glossary", "g.csv", "--format", "json", "--no-freedict"]
    let fresh = try await workspace.run(arguments)
    #expect(try findings(fresh).filter { $0.rule == "number-mismatch" }.count == 2)
    let corrected = try await workspace.run(arguments + ["--alignment", "align.jsonl"])
    #expect(corrected.exitCode == 0, "stderr: \(corrected.stderr)")
    #expect(try findings(corrected).filter { $0.rule == "number-mismatch" }.isEmpty)
  }

  /// A broken alignment file: how it is broken, the line the message must name, and a fragment.
  struct BrokenCase: Sendable, CustomTestStringConvertible {
    var name: String
    var edit: @Sendable ([String]) -> [String]
    var line: Int
    var fragment: String
    var testDescription: String { name }
  }

  static let broken: [BrokenCase] = [
    BrokenCase(name: "not JSON", edit: { ["{\"source\":[0],"] + $0.dropFirst() }, line: 1, fragment: "not"),
    BrokenCase(
      name: "an index out of range", edit: { $0 + [#"{"source":[99],"target":[]}"#] }, line: 0,
      fragment: "out of range"),
    BrokenCase(
      name: "a bead given twice", edit: { [$0[0]] + $0 }, line: 2, fragment: "already in an earlier bead"),
    BrokenCase(
      name: "beads out of order", edit: { [$0[1], $0[0]] + $0.dropFirst(2) }, line: 1, fragment: "in no bead"),
    BrokenCase(name: "a bead left out", edit: { Array($0.dropFirst()) }, line: 1, fragment: "in no bead"),
    BrokenCase(
      name: "a sentence text that no longer matches",
      edit: { [$0[0].replacingOccurrences(of: "navy", with: "army")] + $0.dropFirst() }, line: 1,
      fragment: "no longer matches"),
    BrokenCase(
      name: "indices not consecutive", edit: { [#"{"source":[0,2],"target":[0]}"#] + $0.dropFirst() },
      line: 1,
      fragment: "consecutive"),
    BrokenCase(
      name: "no target key", edit: { [#"{"source":[0]}"#] + $0.dropFirst() }, line: 1, fragment: "target"),
  ]

  @Test(
    "An alignment file that does not fit the texts is refused: its line named, exit 2, no output",
    arguments: broken)
  func refused(_ example: BrokenCase) async throws {
    let workspace = try prepare()
    let aligned = try await workspace.run(["align", "en.txt", "fr.txt", "--format", "jsonl", "--no-freedict"])
    expectSuccess(aligned)
    let lines = example.edit(aligned.stdoutLines)
    try workspace.write("align.jsonl", lines.joined(separator: "\n") + "\n")
    let line = example.line == 0 ? lines.count : example.line
    for command in Self.commands {
      let result = try await workspace.run(
        command + ["--no-freedict", "--alignment", "align.jsonl", "-o", "out.json"])
      expectFailure(result, mentioning: ["align.jsonl:\(line):1: error:", example.fragment])
      #expect(!(try workspace.names()).contains("out.json"))
    }
  }
}

// MARK: - Decoding what the commands print

private struct Record: Decodable {
  var source: [Int]
  var target: [Int]
}

private struct QuoteEntry: Decodable {
  struct Span: Decodable {
    var text: String
  }
  var source: Span?
  var target: Span?
}

private struct PairEntry: Decodable {
  var source: String
  var target: String
  var count: Int
}

private struct FindingEntry: Decodable {
  var rule: String
}

private func findings(_ result: CommandResult) throws -> [FindingEntry] {
  try JSONDecoder().decode([FindingEntry].self, from: result.stdoutData)
}
