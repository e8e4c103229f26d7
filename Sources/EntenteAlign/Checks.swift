// Checks on the inputs and results of an alignment: the languages, the sizes, and runs of
// low-confidence beads (where revisers look for omissions and additions).

/// A run of consecutive beads of low confidence.
public struct LowConfidenceRun: Sendable, Hashable, Codable {
  /// Indices of the beads in the alignment.
  public var beads: Range<Int>
  /// Source and target sentences the run covers (0-based, may be empty).
  public var source: Range<Int>
  public var target: Range<Int>
  /// The mean confidence of the run.
  public var confidence: Double
}

/// Runs of at least `minimumLength` consecutive beads whose confidence is below `threshold`,
/// and every omission or addition (a bead with an empty side, with the low beads around it).
public func lowConfidenceRuns(in beads: [Bead], threshold: Double = 0.05, minimumLength: Int = 2)
  -> [LowConfidenceRun]
{
  var runs: [LowConfidenceRun] = []
  var start: Int?
  func close(_ end: Int) {
    guard let s = start,
      end - s >= minimumLength || beads[s..<end].contains(where: { $0.source.isEmpty || $0.target.isEmpty })
    else {
      start = nil
      return
    }
    let slice = beads[s..<end]
    let sources = slice.flatMap(\.source)
    let targets = slice.flatMap(\.target)
    let sourceStart = sources.min() ?? (beads[..<s].flatMap(\.source).max().map { $0 + 1 } ?? 0)
    let targetStart = targets.min() ?? (beads[..<s].flatMap(\.target).max().map { $0 + 1 } ?? 0)
    runs.append(
      LowConfidenceRun(
        beads: s..<end, source: sourceStart..<(sources.max().map { $0 + 1 } ?? sourceStart),
        target: targetStart..<(targets.max().map { $0 + 1 } ?? targetStart),
        confidence: slice.reduce(0) { $0 + $1.confidence } / Double(slice.count)))
    start = nil
  }
  for (index, bead) in beads.enumerated() {
    let isLow = bead.confidence < threshold || bead.source.isEmpty || bead.target.isEmpty
    if isLow {
      if start == nil { start = index }
    } else {
      close(index)
    }
  }
  close(beads.count)
  return runs
}

/// The language of a text among English, French and German, from its most frequent function
/// words, or nil when there are too few of them to tell.
public func guessedLanguage(of sentences: [String]) -> String? {
  let functionWords: [String: Set<String>] = [
    "en": ["the", "and", "of", "to", "is", "was", "that", "with", "for", "it", "he", "she", "you"],
    "fr": ["le", "la", "les", "et", "est", "des", "une", "que", "qui", "dans", "pour", "pas", "il", "elle"],
    "de": ["der", "die", "das", "und", "ist", "nicht", "mit", "sich", "ein", "eine", "auf", "den", "zu"],
  ]
  var votes: [String: Int] = [:]
  var words = 0
  // A few hundred sentences are plenty for a guess; words are split on UTF-8 bytes (ASCII
  // letters and any non-ASCII byte), which is all that function words need.
  for sentence in sentences.prefix(400) {
    for word in sentence.lowercased().utf8.split(whereSeparator: { !isWordByte($0) }) {
      words += 1
      let word = String(decoding: word, as: UTF8.self)
      for (language, list) in functionWords where list.contains(word) {
        votes[language, default: 0] += 1
      }
    }
  }
  guard let (best, count) = votes.max(by: { $0.value < $1.value }), count >= 5,
    Double(count) >= 0.05 * Double(words)
  else { return nil }
  let second = votes.filter { $0.key != best }.map(\.value).max() ?? 0
  return Double(count) >= 1.5 * Double(second) ? best : nil
}

/// ASCII letters and every byte of a non-ASCII character.
@inline(__always) func isWordByte(_ byte: UInt8) -> Bool {
  byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
}

/// A run of consecutive sentences of one side that the alignment leaves without counterpart.
public struct UnalignedRun: Sendable, Hashable, Codable {
  /// `addition` (target sentences with no source) or `omission` (source sentences with no target).
  public var kind: Bead.Kind
  /// The 0-based sentences of the run, on the side `kind` names.
  public var sentences: Range<Int>

  public init(kind: Bead.Kind, sentences: Range<Int>) {
    self.kind = kind
    self.sentences = sentences
  }
}

/// The runs of at least `minimumLength` consecutive sentences left unaligned on one side.
/// - Complexity: O(n) in the beads.
public func unalignedRuns(in beads: [Bead], minimumLength: Int = 2) -> [UnalignedRun] {
  var runs: [UnalignedRun] = []
  var current: UnalignedRun?
  func close() {
    if let run = current, run.sentences.count >= minimumLength { runs.append(run) }
    current = nil
  }
  for bead in beads {
    let kind = bead.kind
    guard kind != .match, let index = (kind == .addition ? bead.target : bead.source).first else {
      close()
      continue
    }
    if let run = current, run.kind == kind, run.sentences.upperBound == index {
      current = UnalignedRun(kind: kind, sentences: run.sentences.lowerBound..<(index + 1))
    } else {
      close()
      current = UnalignedRun(kind: kind, sentences: index..<(index + 1))
    }
  }
  close()
  return runs
}
