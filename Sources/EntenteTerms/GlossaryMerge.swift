// Adding proposed term pairs to an existing glossary: only new concepts are added, and pairs
// that disagree with the glossary are reported.
import Foundation

/// What merging term pairs into a glossary did.
public struct GlossaryMerge: Sendable {
  /// How a proposed pair stands against the glossary.
  public enum Outcome: Sendable, Hashable {
    /// Neither term is in the glossary: a new concept was added, with this id.
    case added(conceptID: String)
    /// The glossary already has the pair: the source term and an allowed target term of the same
    /// concept.
    case known(conceptID: String)
    /// The glossary has the source term, and renders it otherwise (`preferred`), or marks the
    /// proposed target deprecated or superseded.
    case contradicts(conceptID: String, preferred: String?, status: TermStatus?)
    /// The glossary has the target term, under a concept whose source term differs (`source`),
    /// or a pair added earlier in this merge has the same target: a synonym or a clash for the
    /// terminologist to judge; not added.
    case targetElsewhere(conceptID: String, source: String?)
  }

  public var glossary: Glossary
  /// Each proposed pair, in the order given, with its outcome.
  public var outcomes: [(pair: TermPair, outcome: Outcome)]

  /// Merges `pairs` (source in `sourceLanguage`, target in `targetLanguage`) into `glossary`.
  /// Terms are recognised as `entente check` recognises them (matching keys, Snowball stems for
  /// terms that inflect, a term's case and accent rules), and must cover the whole proposed term.
  /// New concepts get ids `c-<source term>` (made unique), admitted terms, and a note with the
  /// score and reasons; the example sentence pair becomes the terms' context.
  /// - Throws: `TextError.icu` if ICU fails while compiling the glossary's terms or matching the pairs.
  /// - Complexity: O(g + p · k · d) for a glossary of g terms and p pairs of k words, d the
  ///   depth of the glossary's longest term.
  public init(
    glossary: Glossary, pairs: [TermPair], sourceLanguage: String, targetLanguage: String
  ) throws {
    var result = glossary
    let sourceMatcher = try TermMatcher(glossary: glossary, language: sourceLanguage)
    let targetMatcher = try TermMatcher(glossary: glossary, language: targetLanguage)
    var ids = Set(glossary.concepts.map(\.id))
    var concepts: [String: Concept] = [:]
    for concept in glossary.concepts { concepts[concept.id] = concept }
    /// How a concept names itself in a language: its preferred term, else an allowed one, else any.
    func name(_ id: String, _ language: String) -> String? {
      let terms = concepts[id]?.terms(in: language) ?? []
      return (terms.first { $0.status == .preferred } ?? terms.first { $0.status.isAllowed } ?? terms.first)?
        .text
    }
    // Targets of the concepts added here, so that two new pairs with one target are not two
    // concepts.
    var addedTargets: [String: (id: String, source: String)] = [:]
    var outcomes: [(TermPair, Outcome)] = []
    for pair in pairs {
      // Every concept whose source term the pair's source is (homonyms: each of them).
      let sourceConcepts = try sourceMatcher.wholeMatches(of: pair.source).map(\.conceptID)
      let targetMatches = try targetMatcher.wholeMatches(of: pair.target)
      let targetKey = try MatchingKeyCache.key(pair.target)
      if !sourceConcepts.isEmpty {
        if let same = targetMatches.first(where: {
          sourceConcepts.contains($0.conceptID) && $0.term.status.isAllowed
        }) {
          outcomes.append((pair, .known(conceptID: same.conceptID)))
        } else if let same = targetMatches.first(where: { sourceConcepts.contains($0.conceptID) }) {
          outcomes.append(
            (
              pair,
              .contradicts(
                conceptID: same.conceptID, preferred: name(same.conceptID, targetLanguage),
                status: same.term.status)
            ))
        } else {
          outcomes.append(
            (
              pair,
              .contradicts(
                conceptID: sourceConcepts[0], preferred: name(sourceConcepts[0], targetLanguage), status: nil)
            ))
        }
      } else if let target = targetMatches.first {
        outcomes.append(
          (
            pair,
            .targetElsewhere(conceptID: target.conceptID, source: name(target.conceptID, sourceLanguage))
          ))
      } else if let added = addedTargets[targetKey] {
        outcomes.append((pair, .targetElsewhere(conceptID: added.id, source: added.source)))
      } else {
        var id = "c-" + Self.slug(pair.source)
        if ids.contains(id) {
          var k = 2
          while ids.contains("\(id)-\(k)") { k += 1 }
          id = "\(id)-\(k)"
        }
        ids.insert(id)
        addedTargets[targetKey] = (id, pair.source)
        result.concepts.append(
          pair.concept(id: id, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage))
        outcomes.append((pair, .added(conceptID: id)))
      }
    }
    self.glossary = result
    self.outcomes = outcomes
  }

  /// A concept id from a term: lowercase ASCII letters and digits, words joined by hyphens.
  static func slug(_ text: String) -> String {
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    var words: [String] = []
    var current = ""
    for character in folded {
      if character.isASCII && (character.isLetter || character.isNumber) {
        current.append(character)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words.isEmpty ? "term" : words.joined(separator: "-")
  }
}

extension TermPair {
  /// The pair as a glossary concept, for a terminologist to review: both terms admitted (an
  /// acronym typed as one), the example sentences as their contexts, and the score and reasons
  /// in the concept's note.
  public func concept(id: String, sourceLanguage: String, targetLanguage: String) -> Concept {
    return Concept(
      id: id,
      note: "proposed by entente glossary build (score \(String(format: "%.3f", score)); "
        + reasons.joined(separator: "; ") + ")",
      terms: [
        sourceLanguage: [
          Term(
            source, status: .admitted, type: GlossaryBuilder.isAcronym(source) ? .acronym : nil,
            context: exampleSource.isEmpty ? nil : exampleSource)
        ],
        targetLanguage: [
          Term(
            target, status: .admitted, type: GlossaryBuilder.isAcronym(target) ? .acronym : nil,
            context: exampleTarget.isEmpty ? nil : exampleTarget)
        ],
      ])
  }
}
