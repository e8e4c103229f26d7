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
    /// The glossary has the target term, under a concept whose source term differs (`source`):
    /// a synonym or a clash for the terminologist to judge; not added.
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
  public init(
    glossary: Glossary, pairs: [TermPair], sourceLanguage: String, targetLanguage: String
  ) throws {
    var result = glossary
    let sourceMatcher = try TermMatcher(glossary: glossary, language: sourceLanguage)
    let targetMatcher = try TermMatcher(glossary: glossary, language: targetLanguage)
    var ids = Set(glossary.concepts.map(\.id))
    var concepts: [String: Concept] = [:]
    for concept in glossary.concepts { concepts[concept.id] = concept }
    func whole(_ matcher: TermMatcher, _ text: String) throws -> [TermMatch] {
      try matcher.matches(in: text).filter { $0.range == 0..<text.utf8.count }
    }
    var outcomes: [(TermPair, Outcome)] = []
    for pair in pairs {
      let sourceMatches = try whole(sourceMatcher, pair.source)
      let targetMatches = try whole(targetMatcher, pair.target)
      if let source = sourceMatches.first {
        if let same = targetMatches.first(where: { $0.conceptID == source.conceptID }) {
          outcomes.append(
            (
              pair,
              same.term.status.isAllowed
                ? .known(conceptID: source.conceptID)
                : .contradicts(
                  conceptID: source.conceptID,
                  preferred: concepts[source.conceptID]?.terms(in: targetLanguage).first {
                    $0.status == .preferred
                  }?.text, status: same.term.status)
            ))
        } else {
          let targets = concepts[source.conceptID]?.terms(in: targetLanguage) ?? []
          outcomes.append(
            (
              pair,
              .contradicts(
                conceptID: source.conceptID,
                preferred: (targets.first { $0.status == .preferred } ?? targets.first { $0.status.isAllowed })?
                  .text, status: nil)
            ))
        }
      } else if let target = targetMatches.first {
        outcomes.append(
          (
            pair,
            .targetElsewhere(
              conceptID: target.conceptID,
              source: concepts[target.conceptID]?.terms(in: sourceLanguage).first?.text)
          ))
      } else {
        var id = "c-" + Self.slug(pair.source)
        if ids.contains(id) {
          var k = 2
          while ids.contains("\(id)-\(k)") { k += 1 }
          id = "\(id)-\(k)"
        }
        ids.insert(id)
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
    func isAcronym(_ text: String) -> Bool {
      text.count <= 6 && text.allSatisfy { $0.isUppercase && $0.isLetter }
    }
    return Concept(
      id: id,
      note: "proposed by entente glossary build (score \(String(format: "%.3f", score)); "
        + reasons.joined(separator: "; ") + ")",
      terms: [
        sourceLanguage: [
          Term(
            source, status: .admitted, type: isAcronym(source) ? .acronym : nil,
            context: exampleSource.isEmpty ? nil : exampleSource)
        ],
        targetLanguage: [
          Term(
            target, status: .admitted, type: isAcronym(target) ? .acronym : nil,
            context: exampleTarget.isEmpty ? nil : exampleTarget)
        ],
      ])
  }
}
