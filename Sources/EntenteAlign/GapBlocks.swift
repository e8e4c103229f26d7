// After the search: sentences it left without counterpart that do translate something. The
// search knows beads of up to three sentences a side; a long passage rendered by one or two
// sentences (a 7-1 in a novel, a paragraph summed up in a news rewrite) comes out of it as a
// bead and a run of unaligned sentences, or as runs on both sides at one place of the path.
// Both are repaired here, on the lexical evidence alone.
import Foundation

extension BandSearch {
  /// How much lexical evidence (in the model's weighted nats) unaligned sentences must bring to
  /// join a bead or to be paired: about what one shared rare word brings in a short sentence
  /// (k·log(p/q) with typical rates, halved, less the misses), so that a sentence that shares
  /// nothing with its neighbour's other side, as the lines a page adds, stays unaligned. 1.0 and
  /// 1.5 give the same noisy figures within 0.002 F1; 2.0 leaves more real pairs apart.
  static let joiningEvidence = 1.0

  /// The lexical evidence of the bead of source sentences `sources` and target sentences
  /// `targets` (each consecutive; 0 when one is empty), as the later passes score it: a
  /// log-likelihood ratio of the words the two sides share, bag against bag, with the rates
  /// measured on the texts, or typical rates when the texts are too short to measure them.
  /// - Complexity: O(w log w) in the bead's words.
  func lexicalEvidence(sources: [Int], targets: [Int]) -> Double {
    let model = lexicalModel ?? .typical
    guard let first = sources.first, let last = sources.last,
      let firstTarget = targets.first, let lastTarget = targets.last
    else { return 0 }
    let shared = beadMatches(last + 1, lastTarget + 1, last - first + 1, lastTarget - firstTarget + 1)
    let trials =
      Double(
        sourceWords[last + 1] - sourceWords[first] + targetWords[lastTarget + 1] - targetWords[firstTarget])
      / 2
    let k = min(Double(shared), trials)
    return LexicalModel.weight * (k * model.matchWeight + (trials - k) * model.missWeight)
  }

  /// The beads with each block of unaligned sentences that holds both sides at one place of the
  /// path (omissions and additions between the same two beads) made one bead, when its two
  /// sides share words well beyond chance (`joiningEvidence`). A dropped paragraph beside an
  /// added box shares nothing and stays as it is.
  ///
  /// The one threshold serves blocks of every size: the evidence is a log-likelihood ratio
  /// (translation against chance), whose expectation under chance is negative and falls with
  /// the block's words, and which exceeds t by chance with probability at most e^(−t/weight)
  /// whatever the size (the likelihood-ratio bound); a larger block of unrelated sentences is
  /// less likely to pass, not more.
  /// - Complexity: O(b + w log w) for b beads of w words in all.
  func mergingTranslatedGapBlocks(_ beads: [Bead]) -> [Bead] {
    var result: [Bead] = []
    result.reserveCapacity(beads.count)
    var index = 0
    while index < beads.count {
      guard beads[index].kind != .match else {
        result.append(beads[index])
        index += 1
        continue
      }
      var end = index
      while end < beads.count && beads[end].kind != .match { end += 1 }
      let block = beads[index..<end]
      let sources = block.flatMap(\.source).sorted()
      let targets = block.flatMap(\.target).sorted()
      let evidence = lexicalEvidence(sources: sources, targets: targets)
      if !sources.isEmpty && !targets.isEmpty && evidence > Self.joiningEvidence {
        result.append(repairedBead(sources: sources, targets: targets, evidence: evidence))
      } else {
        result += block
      }
      index = end
    }
    return result
  }

  /// The beads with each unaligned sentence next to a bead joined to it when it shares words
  /// with the bead's other side well beyond chance: the evidence the bead gains by holding it
  /// exceeds `joiningEvidence` (the better neighbour when both qualify). A run joins sentence
  /// by sentence from the bead outwards: a pass forwards joins sentences to the bead before
  /// them, a pass backwards to the bead after them, which is what repeating single joins until
  /// nothing joins gives, in two passes.
  /// - Complexity: O(b + Σ w_j log w_j), w_j the words of the bead a sentence is weighed
  ///   against: linear in the beads, times the size of the beads that grow.
  func attachingUnalignedNeighbours(_ beads: [Bead]) -> [Bead] {
    /// What `bead` gains by holding the unaligned `extra` (−∞ unless `bead` is a match).
    func gain(_ bead: Bead?, _ extra: Bead) -> Double {
      guard let bead, bead.kind == .match else { return -.infinity }
      return lexicalEvidence(
        sources: (bead.source + extra.source).sorted(), targets: (bead.target + extra.target).sorted())
        - lexicalEvidence(sources: bead.source, targets: bead.target)
    }
    // Forwards: a sentence joins the bead before it when that gains enough, and at least as
    // much as joining the bead after it would.
    var forward: [Bead] = []
    forward.reserveCapacity(beads.count)
    for (index, bead) in beads.enumerated() {
      if bead.kind != .match {
        let before = gain(forward.last, bead)
        if before > Self.joiningEvidence
          && before >= gain(index + 1 < beads.count ? beads[index + 1] : nil, bead)
        {
          forward[forward.count - 1] = joined(forward[forward.count - 1], bead)
          continue
        }
      }
      forward.append(bead)
    }
    // Backwards: what is left joins the bead after it (which gains more than the bead before,
    // or the forward pass would have joined it there).
    var backward: [Bead] = []
    backward.reserveCapacity(forward.count)
    for bead in forward.reversed() {
      if bead.kind != .match, gain(backward.last, bead) > Self.joiningEvidence {
        backward[backward.count - 1] = joined(backward[backward.count - 1], bead)
        continue
      }
      backward.append(bead)
    }
    return backward.reversed()
  }

  /// How strongly the words of a paragraph and of the sentences its beads pair it with must say
  /// "chance, not translation" for the paragraph to be taken out of them (a lexical evidence,
  /// in the model's weighted nats): about 40 trials without a shared word, or more with one or
  /// two chance matches, some 80 words in all. Translated paragraphs of the fixtures score from
  /// −0.4 (a headline) to +20; a box of three sentences set in their place scored −10.
  static let unlinkedParagraphEvidence = -4.0

  /// In running text (paragraphs known): the beads with each paragraph whose words say it is no
  /// translation of the sentences its beads pair it with (`unlinkedParagraphEvidence`) taken out
  /// of them, as an addition (or omission), and
  /// the partners it leaves alone with it. A page's box, a caption block, a paragraph the
  /// translator wrote anew is a paragraph of its own with no lexical link to the other side,
  /// while a translated paragraph of some length shares names, numbers and cognates with its
  /// translation. A paragraph holding half of its side or more is left alone.
  /// - Complexity: O(b + w log w) for b beads of w words.
  func detachingUnlinkedParagraphs(_ beads: [Bead]) -> [Bead] {
    var beads = beads
    for side in [Side.target, .source] {
      let units = side == .source ? source : target
      guard units.contains(where: \.endsParagraph) else { continue }
      // Where each sentence of this side is: its bead.
      var beadOf = [Int](repeating: -1, count: units.count)
      for (b, bead) in beads.enumerated() {
        for k in (side == .source ? bead.source : bead.target) { beadOf[k] = b }
      }
      var detached = Set<Int>()
      var start = 0
      for end in units.indices where units[end].endsParagraph || end == units.count - 1 {
        let paragraph = start...end
        start = end + 1
        guard paragraph.count * 2 < units.count else { continue }
        let holding = Set(paragraph.map { beadOf[$0] })
        let partners = holding.flatMap { side == .source ? beads[$0].target : beads[$0].source }.sorted()
        guard let first = partners.first, let last = partners.last else { continue }
        let evidence =
          side == .source
          ? lexicalEvidence(sources: Array(paragraph), targets: Array(first...last))
          : lexicalEvidence(sources: Array(first...last), targets: Array(paragraph))
        if evidence <= Self.unlinkedParagraphEvidence { detached.formUnion(paragraph) }
      }
      guard !detached.isEmpty else { continue }
      var result: [Bead] = []
      for bead in beads {
        let own = side == .source ? bead.source : bead.target
        let other = side == .source ? bead.target : bead.source
        let kept = own.filter { !detached.contains($0) }
        guard kept.count < own.count else {
          result.append(bead)
          continue
        }
        let alone = own.filter(detached.contains)
        let oneSided = unalignedRun(alone, onSource: side == .source)
        if kept.isEmpty {
          // The partners the paragraph leaves are unaligned too.
          result += oneSided + unalignedRun(other, onSource: side != .source)
        } else {
          let rest =
            other.isEmpty
            ? unalignedRun(kept, onSource: side == .source)
            : side == .source
              ? [repairedBead(sources: kept, targets: bead.target)]
              : [repairedBead(sources: bead.source, targets: kept)]
          // A paragraph ends a bead or starts it: the detached sentences go on that side of it.
          if alone.last! < kept.first! {
            result += oneSided + rest
          } else if alone.first! > kept.last! {
            result += rest + oneSided
          } else {
            result.append(bead)
          }
        }
      }
      beads = result
    }
    return beads
  }

  private enum Side { case source, target }

  /// `bead` holding the sentences of `extra` too, scored anew.
  private func joined(_ bead: Bead, _ extra: Bead) -> Bead {
    repairedBead(
      sources: (bead.source + extra.source).sorted(), targets: (bead.target + extra.target).sorted())
  }

  /// A bead the repairs make, scored as the search scores its own beads: the prior of its
  /// shape, the length cost of its two sides, less the lexical evidence of their words (the
  /// finer costs of the search, punctuation and paragraph ends, are left out). Shapes the
  /// search does not know (a 7-1) take the prior of a 3-1 and 1 more per sentence beyond it.
  /// `sources` and `targets` are consecutive and neither is empty.
  /// - Complexity: O(w log w) in the bead's words.
  func repairedBead(sources: [Int], targets: [Int], evidence: Double? = nil) -> Bead {
    guard let first = sources.first, let last = sources.last,
      let firstTarget = targets.first, let lastTarget = targets.last
    else { preconditionFailure("a repaired bead has sentences on both sides") }
    let (a, b) = (sources.count, targets.count)
    let prior =
      beadTypes.first { $0.0 == a && $0.1 == b }?.2
      ?? -log(0.003) + Double(max(a, b) - 3 + min(a, b) - 1)
    let length = lengthCost(
      sourceLengths[last + 1] - sourceLengths[first],
      targetLengths[lastTarget + 1] - targetLengths[firstTarget],
      ratio: ratio)
    let cost = prior + length - (evidence ?? lexicalEvidence(sources: sources, targets: targets))
    return Bead(
      source: sources, target: targets, cost: cost,
      confidence: Self.confidence(cost: cost, sentences: max(a, b)))
  }

  /// One-sided beads for the consecutive sentences `sentences` of one side, charged as the
  /// search charges a run: the run's opening on its first sentence, each sentence's gap cost.
  private func unalignedRun(_ sentences: [Int], onSource: Bool) -> [Bead] {
    sentences.enumerated().map { n, k in
      let cost =
        (onSource ? gapCost(sourceSentence: k) : gapCost(targetSentence: k)) + (n == 0 ? Self.gapOpen : 0)
      return Bead(
        source: onSource ? [k] : [], target: onSource ? [] : [k], cost: cost,
        confidence: exp(-max(0, cost) / 2))
    }
  }

  /// A bead's confidence from its cost and the sentences of its larger side, as the search gives
  /// it: exp(−cost / (2 · sentences)), 1 for a cost of 0 or less.
  static func confidence(cost: Double, sentences: Int) -> Double {
    exp(-max(0, cost) / (2 * Double(max(1, sentences))))
  }
}
