// Term pairs the glossary builder proposes, and the aligned segments it counts them over.

/// A proposed term pair, with the evidence for it.
public struct TermPair: Sendable, Hashable, Codable {
  public var source: String
  public var target: String
  public var score: Double
  /// Aligned sentence pairs holding both.
  public var count: Int
  /// Why it was proposed: "co-occurrence", "identical", "cognate", "acronym".
  public var reasons: [String]
  /// One aligned sentence pair holding both (source and target text).
  public var exampleSource: String
  public var exampleTarget: String
  /// Where the example is: "file:line" (the line of the first sentence), or a TMX or XLIFF
  /// unit's id.
  public var exampleSourceLocation: String?
  public var exampleTargetLocation: String?

  public init(
    source: String, target: String, score: Double, count: Int, reasons: [String], exampleSource: String,
    exampleTarget: String, exampleSourceLocation: String? = nil, exampleTargetLocation: String? = nil
  ) {
    self.source = source
    self.target = target
    self.score = score
    self.count = count
    self.reasons = reasons
    self.exampleSource = exampleSource
    self.exampleTarget = exampleTarget
    self.exampleSourceLocation = exampleSourceLocation
    self.exampleTargetLocation = exampleTargetLocation
  }
}

/// Aligned text: a sentence pair (or a few sentences on either side), or a translation unit.
public struct AlignedSegment: Sendable, Hashable {
  public var source: String
  public var target: String
  /// Where the segment is, for the user: "file:line", or a unit's id in a bilingual file.
  public var sourceLocation: String
  public var targetLocation: String

  public init(source: String, target: String, sourceLocation: String, targetLocation: String) {
    self.source = source
    self.target = target
    self.sourceLocation = sourceLocation
    self.targetLocation = targetLocation
  }
}
