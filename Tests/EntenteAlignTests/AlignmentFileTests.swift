// The alignment as a value: written as JSON lines, read back, and refused when it does not fit.
import EntenteAlign
import EntenteText
import Foundation
import Testing

@Suite("Alignment as JSON lines")
struct AlignmentFileTests {
  static let source =
    "The navy sent 12 ships. The air force sent 40 planes.\n\nA caption nobody translated.\n"
  static let target = "La marine a envoyé 12 navires. L'aviation a envoyé 40 avions.\n"

  func documents() throws -> (Document, Document) {
    (
      try Document(name: "en.txt", text: Self.source, language: "en"),
      try Document(name: "fr.txt", text: Self.target, language: "fr")
    )
  }

  @Test("The aligner's beads carry byte ranges and kinds; jsonl reads back equal")
  func roundTrip() throws {
    let (source, target) = try documents()
    let alignment = try SentenceAligner().align(source, target)
    #expect(alignment.beads.flatMap(\.source) == [0, 1, 2])
    #expect(alignment.beads.flatMap(\.target) == [0, 1])
    for bead in alignment.beads {
      #expect(bead.sourceRange == source.range(ofSentences: bead.source))
      #expect(bead.targetRange == target.range(ofSentences: bead.target))
    }
    #expect(alignment.beads.allSatisfy { $0.kind == ($0.target.isEmpty ? .omission : .match) })
    let lines = try alignment.jsonLines(source: source, target: target)
    let back = try Alignment(jsonLines: lines, file: "a.jsonl", source: source, target: target)
    #expect(back.beads.map(\.source) == alignment.beads.map(\.source))
    #expect(back.beads.map(\.target) == alignment.beads.map(\.target))
    #expect(back.beads.map(\.sourceRange) == alignment.beads.map(\.sourceRange))
    for (a, b) in zip(back.beads, alignment.beads) {
      #expect(abs(a.cost - b.cost) < 1e-4 && abs(a.confidence - b.confidence) < 1e-4)
    }
    // The value itself is Codable.
    let data = try JSONEncoder().encode(alignment)
    #expect(try JSONDecoder().decode(Alignment.self, from: data) == alignment)
  }

  @Test("A hand-written line needs only the indices")
  func minimalLines() throws {
    let (source, target) = try documents()
    let lines = """
      {"source":[0,1],"target":[0,1]}

      {"source":[2],"target":[],"kind":"omission"}
      """
    let alignment = try Alignment(jsonLines: lines, file: "a.jsonl", source: source, target: target)
    #expect(alignment.beads.map(\.kind) == [.match, .omission])
    #expect(alignment.beads[0].confidence == 1)
    #expect(alignment.pairs.count == 1)
  }

  @Test(
    "Lines that do not fit are refused with the file's line",
    arguments: [
      (
        #"{"source":[0],"target":[0]}\#n{"source":[1],"target":[1]}\#n{"source":[3],"target":[]}"#, 3,
        "out of range"
      ),
      (#"{"source":[0],"target":[0]}\#n{"source":[0],"target":[1]}"#, 2, "already in an earlier bead"),
      (#"{"source":[0],"target":[0]}"#, 1, "in no bead"),
      (#"{"source":[0],"target":[0,1]}\#n[1,2]"#, 2, "not a JSON object"),
      (#"{"source":[0,1,2],"target":[0,1],"sourceText":["The navy"]}"#, 1, "sourceText has 1"),
      (#"{"source":[0,1,2],"target":[0,1],"kind":"omission"}"#, 1, "kind is omission"),
      (#"{"source":[0,1,2],"target":[0,1],"sourceStart":5}"#, 1, "do not match"),
      (#"{"source":[],"target":[]}"#, 1, "at least one side"),
      ("", 1, "no beads"),
    ])
  func refused(lines: String, line: Int, fragment: String) throws {
    let (source, target) = try documents()
    #expect {
      try Alignment(jsonLines: lines, file: "a.jsonl", source: source, target: target)
    } throws: { error in
      let text = "\(error)"
      return text.hasPrefix("a.jsonl:\(line):1: error: ") && text.contains(fragment)
    }
  }
}

@Suite("Anchors and runs")
struct AnchorChainTests {
  @Test("A CRLF alignment file reads as its LF original")
  func crlf() throws {
    let source = try Document(name: "en.txt", text: AlignmentFileTests.source, language: "en")
    let target = try Document(name: "fr.txt", text: AlignmentFileTests.target, language: "fr")
    let alignment = try SentenceAligner().align(source, target)
    let lines = try alignment.jsonLines(source: source, target: target)
    let crlf = lines.replacingOccurrences(of: "\n", with: "\r\n")
    let back = try Alignment(jsonLines: crlf, file: "a.jsonl", source: source, target: target)
    #expect(back == alignment)
  }

  @Test("The aligner's own file gives back the very same value")
  func sameValue() throws {
    let source = try Document(name: "en.txt", text: AlignmentFileTests.source, language: "en")
    let target = try Document(name: "fr.txt", text: AlignmentFileTests.target, language: "fr")
    let alignment = try SentenceAligner().align(source, target)
    let back = try Alignment(
      jsonLines: try alignment.jsonLines(source: source, target: target), file: "a.jsonl", source: source,
      target: target)
    #expect(back == alignment)
  }

  @Test("A run of additions is one event: the stderr runs and the kinds say where it is")
  func runs() {
    let beads = [
      Bead(source: [0], target: [0], cost: 0, confidence: 1),
      Bead(source: [], target: [1], cost: 0, confidence: 0),
      Bead(source: [], target: [2], cost: 0, confidence: 0),
      Bead(source: [1], target: [3], cost: 0, confidence: 1),
      Bead(source: [2], target: [], cost: 0, confidence: 0),
      Bead(source: [3], target: [4], cost: 0, confidence: 1),
    ]
    #expect(unalignedRuns(in: beads) == [UnalignedRun(kind: .addition, sentences: 1..<3)])
    #expect(unalignedRuns(in: beads, minimumLength: 1).count == 2)
  }
}
