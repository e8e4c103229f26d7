// Terminology checks on a translation: findings with stable rule ids.
import EntenteText
import Foundation

/// How serious a finding is; `--fail-on` compares against it.
public enum Severity: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
  case info, warning, error

  public static func < (a: Severity, b: Severity) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One problem found in a text.
public struct Finding: Codable, Sendable, Hashable {
  /// The file the finding is in, when known (`BilingualChecker.check(_:)` gives the bilingual
  /// file's path; the text checks leave it to the caller).
  public var file: String?
  /// The side of the translation the location points into.
  public var side: TextSide = .target
  /// The translation unit holding the finding, for a TMX or XLIFF file; nil for plain texts.
  public var unit: UnitReference?
  /// The stable rule id (`term-deprecated`, `first-mention`, …).
  public var rule: String
  public var severity: Severity
  public var message: String
  /// What to write instead, when the rule knows.
  public var suggestion: String?
  /// 1-based line and column (in Unicode scalars) of the finding's start.
  public var line: Int
  public var column: Int
  /// UTF-8 byte range in the checked text; for a finding in a translation unit of a bilingual
  /// file, in the unit's target text (`line` and `column` are the file's).
  public var start: Int
  public var end: Int
  /// The words concerned.
  public var text: String
  /// The glossary concept concerned, if any.
  public var concept: String?
}

/// The rule ids, with their default severity.
public enum CheckRule: String, CaseIterable, Sendable {
  case termMissing = "term-missing"
  case termDeprecated = "term-deprecated"
  case termInconsistent = "term-inconsistent"
  case termCase = "term-case"
  case firstMention = "first-mention"
  case nameSpelling = "name-spelling"
  case untranslated = "untranslated"
  case numberMismatch = "number-mismatch"
  case typographyFrench = "typography-fr"

  public var severity: Severity {
    switch self {
    case .termMissing, .termDeprecated, .numberMismatch: .error
    case .termInconsistent, .termCase, .firstMention, .nameSpelling, .untranslated: .warning
    case .typographyFrench: .info
    }
  }

  public var summary: String {
    switch self {
    case .termMissing: "A source term has no allowed rendering in the aligned target."
    case .termDeprecated: "The target uses a deprecated or superseded rendering."
    case .termInconsistent:
      "One concept is named in several ways in the target, or one term written in several ways."
    case .termCase: "A proper name of the glossary written in another letter case."
    case .firstMention: "A short form is used before the required long form."
    case .nameSpelling: "A near miss of a glossary name."
    case .untranslated: "Source-language words left in the target."
    case .numberMismatch: "Numbers differ between aligned sentences."
    case .typographyFrench: "French typography: no-break spaces and guillemets."
    }
  }
}

/// The checks that need only the target text and the glossary.
public struct TargetChecker {
  public let glossary: Glossary
  public let targetLanguage: String
  public let sourceLanguage: String
  /// Adds `typography-fr` findings (opt-in).
  public var checksTypography = false
  /// Told the share of the checks done, by stage (the glossary's terms found, then each rule);
  /// nil: nothing.
  public var progress: ProgressHandler? = nil
  /// The glossary's target-language terms.
  let matcher: TermMatcher
  /// The adjective forms the glossary declares (`Term.derivedForms`), nil if none.
  let derivedMatcher: TermMatcher?
  private let sourceMatcher: TermMatcher?
  /// Keys of one-word names of the glossary (target language), and their one-deletion
  /// neighbourhood: key → the names it comes from.
  private var nameDeletions: [String: Set<String>] = [:]
  private var nameKeys: [String: String] = [:]
  /// The concept of each name key.
  private var nameConcepts: [String: String] = [:]

  /// Prepares the checks of target texts in `targetLanguage` against `glossary` (its terms
  /// compiled into a matcher, its one-word names indexed for near misses).
  /// - Throws: `TextError.icu` if ICU fails while compiling the glossary's terms.
  /// - Complexity: O(t · k) for t terms of k characters (matching keys and one-deletion
  ///   neighbourhoods of the names).
  public init(glossary: Glossary, targetLanguage: String, sourceLanguage: String = "en") throws {
    self.glossary = glossary
    self.targetLanguage = targetLanguage
    self.sourceLanguage = sourceLanguage
    matcher = try TermMatcher(glossary: glossary, language: targetLanguage)
    derivedMatcher = try Self.makeDerivedMatcher(glossary: glossary, language: targetLanguage)
    // Source-language terms that differ from every target term of their concept: found in the
    // target, they are left untranslated.
    var untranslatable = Glossary()
    for concept in glossary.concepts {
      let targetKeys = Set(try concept.terms(in: targetLanguage).map { try MatchingKey($0.text).key })
      let sourceTerms = try concept.terms(in: sourceLanguage).filter {
        !targetKeys.contains(try MatchingKey($0.text).key) && $0.text.contains(" ")
      }
      if !sourceTerms.isEmpty && !targetKeys.isEmpty {
        untranslatable.concepts.append(Concept(id: concept.id, terms: [targetLanguage: sourceTerms]))
      }
    }
    sourceMatcher =
      untranslatable.concepts.isEmpty
      ? nil : try TermMatcher(glossary: untranslatable, language: targetLanguage)
    for concept in glossary.concepts {
      for term in concept.terms(in: targetLanguage) where term.status.isAllowed {
        for word in term.text.split(separator: " ") where word.first?.isUppercase == true && word.count >= 4 {
          let key = try MatchingKey(String(word)).key
          nameKeys[key] = String(word)
          nameConcepts[key] = concept.id
          for deletion in Self.deletions(of: key) { nameDeletions[deletion, default: []].insert(key) }
        }
      }
    }
  }

  /// The key and its one-letter deletions.
  static func deletions(of key: String) -> [String] {
    let characters = Array(key)
    return [key] + characters.indices.map { String(characters[..<$0] + characters[($0 + 1)...]) }
  }

  /// The findings in `text`, in order of position.
  /// - Throws: `TextError.icu` if ICU fails.
  /// - Complexity: O(n · d), d the depth of the glossary's longest term.
  public func check(_ text: String) throws -> [Finding] {
    try check(Document(name: "", text: text, language: targetLanguage))
  }

  /// The findings in a document (the target), in order of position.
  /// - Complexity: O(n · d), d the depth of the glossary's longest term.
  public func check(_ document: Document) -> [Finding] {
    progress?(0)
    let matches = mentions(in: document)
    progress?(0.4)
    return check(document, matches: matches)
  }

  /// The findings in `document`, whose glossary matches (`matcher.matches(in:)`) are known.
  /// - Complexity: O(n + f log f) beyond the rules' own work, for f findings over n bytes (their
  ///   lines and columns are found in one walk along the text).
  func check(_ document: Document, matches: [TermMatch]) -> [Finding] {
    let text = document.text
    let lines = LineIndex(text)
    var findings: [Finding] = []
    func add(
      _ rule: CheckRule, _ range: Range<Int>, _ message: String, suggestion: String? = nil,
      concept: String? = nil
    ) {
      // Lines and columns are set once all findings are in, in order of position.
      findings.append(
        Finding(
          file: document.name.isEmpty ? nil : document.name, rule: rule.rawValue, severity: rule.severity,
          message: message, suggestion: suggestion, line: 0,
          column: 0, start: range.lowerBound, end: range.upperBound, text: text.slice(utf8: range),
          concept: concept))
    }
    // Matches are in order and do not overlap: a binary search tells whether a range meets one.
    func overlapsMatch(_ range: Range<Int>) -> Bool {
      var low = 0
      var high = matches.count
      while low < high {
        let mid = (low + high) / 2
        if matches[mid].range.upperBound <= range.lowerBound { low = mid + 1 } else { high = mid }
      }
      return low < matches.count && matches[low].range.overlaps(range)
    }
    let concepts = Dictionary(glossary.concepts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let places = Self.places(of: matches, in: document)
    // term-case: a proper name written in another case (not at a sentence start, not in capitals).
    var caseErrors = Set<Int>()
    for (k, match) in matches.enumerated()
    where match.term.status.isAllowed && match.term.isProperName(in: targetLanguage)
      && Self.hasCaseError(match, place: places[k])
    {
      caseErrors.insert(k)
      add(
        .termCase, match.range,
        "«\(match.rendering)» is the name «\(match.term.text)» (\(match.conceptID)) in another letter case",
        suggestion: match.text.contains("’")
          ? match.term.text.replacingOccurrences(of: "'", with: "’") : match.term.text,
        concept: match.conceptID)
    }
    var inconsistent = Set<Int>()
    var seen: [String: TermMatch] = [:]
    var namings: [String: TermMatch] = [:]
    for (index, match) in matches.enumerated() {
      guard let concept = concepts[match.conceptID] else { continue }
      let terms = concept.terms(in: targetLanguage)
      let preferred = terms.first { $0.status == .preferred } ?? terms.first { $0.status.isAllowed }
      // term-deprecated
      if !match.term.status.isAllowed {
        add(
          .termDeprecated, match.range,
          "«\(match.text)» is a \(match.term.status.rawValue) rendering of \(concept.id)",
          suggestion: preferred?.text, concept: concept.id)
      }
      // first-mention: the concept's first mention must use a first-mention form.
      if seen[concept.id] == nil {
        let required = terms.filter { $0.firstMention && $0.status.isAllowed }
        if !required.isEmpty && !match.term.firstMention && match.term.status.isAllowed {
          add(
            .firstMention, match.range,
            "first mention of \(concept.id) as «\(match.text)»; the first mention must be «\(required[0].text)»",
            suggestion: required[0].text, concept: concept.id)
        }
        seen[concept.id] = match
      }
      // term-inconsistent: one concept named by two different allowed long forms (short forms,
      // acronyms and forms whose words lie inside the other's — Kirby in John Kirby — are the
      // normal way to refer back, not an inconsistency).
      if match.term.status.isAllowed && Self.isLongForm(match.term) {
        if let earlier = namings[concept.id] {
          // Two ways of writing one term are the variants' business (below).
          if !Self.sameNaming(earlier.term, match.term)
            && Self.variantKey(earlier.rendering) != Self.variantKey(match.rendering)
          {
            inconsistent.insert(index)
            add(
              .termInconsistent, match.range,
              "\(concept.id) is named «\(match.text)» here and «\(earlier.text)» at line \(lines.location(of: earlier.range.lowerBound).line)",
              suggestion: earlier.term.text, concept: concept.id)
          }
        } else {
          namings[concept.id] = match
        }
      }
    }
    // term-inconsistent, variants: one term written with another hyphen, space, apostrophe,
    // accent or case than the document's reference rendering of it, whether or not the glossary
    // lists the variant. See `variantReference` for the reference; apostrophes count only where
    // the document keeps to one (`apostropheConvention`).
    let convention = Self.apostropheConvention(in: text)
    var variants: [String: [Int]] = [:]
    var order: [String] = []
    for (k, match) in matches.enumerated() where match.term.status.isAllowed {
      let key = match.conceptID + "\u{0}" + Self.variantKey(match.rendering)
      if variants[key] == nil { order.append(key) }
      variants[key, default: []].append(k)
    }
    for key in order {
      guard let indices = variants[key], indices.count >= 2 else { continue }
      let reference = Self.variantReference(
        indices, matches: matches, places: places, caseErrors: caseErrors,
        concept: concepts[matches[indices[0]].conceptID],
        language: targetLanguage, convention: convention)
      let referenceMatch = matches[reference]
      for k in indices where k != reference && !caseErrors.contains(k) && !inconsistent.contains(k) {
        var (written, expected) = Self.comparable(
          (matches[k].rendering, places[k]), (referenceMatch.rendering, places[reference]))
        if convention == nil {
          // The document mixes apostrophes throughout: a typography matter, not a term's.
          written = written.replacingOccurrences(of: "’", with: "'")
          expected = expected.replacingOccurrences(of: "’", with: "'")
        }
        guard written != expected else { continue }
        let kinds = Self.differences(written, expected)
        // A one-word common term in another case is another word («l'État», «l'état de santé»).
        if kinds == ["case"] && !matches[k].term.isProperName(in: targetLanguage)
          && Self.letterWords(matches[k].term.text).count == 1
        {
          continue
        }
        let position = lines.location(of: referenceMatch.range.lowerBound)
        add(
          .termInconsistent, matches[k].range,
          "\(matches[k].conceptID) is written «\(matches[k].rendering)» here and «\(referenceMatch.rendering)» at line \(position.line), column \(position.column) (\(kinds.joined(separator: ", ")))",
          suggestion: referenceMatch.rendering, concept: matches[k].conceptID)
      }
    }
    progress?(0.5)
    // untranslated: source-language terms in the target, outside any target term.
    if let sourceMatcher {
      for match in sourceMatcher.matches(in: document)
      where !overlapsMatch(match.range) {
        let preferred = concepts[match.conceptID].flatMap { concept in
          concept.terms(in: targetLanguage).first { $0.status == .preferred }
        }
        add(
          .untranslated, match.range, "«\(match.text)» is left in \(sourceLanguage)",
          suggestion: preferred?.text, concept: match.conceptID)
      }
    }
    // name-spelling: capitalised words one edit away from a glossary name. A misspelling is
    // rare: a word used more often in the document than the name it resembles is a word of its
    // own («Nord» is not a misspelling of a name «Nora» the text never uses), so only words
    // used once, or less often than the name, are reported.
    progress?(0.7)
    let words = document.words.filter { $0.kind == .letters && !$0.isElision }
    var keyCounts: [String: Int] = [:]
    var wordKeys: [Int: String] = [:]
    for word in words {
      let surface = text.slice(utf8: word.range)
      guard surface.first?.isUppercase == true, surface.count >= 4 else { continue }
      let key = word.key
      keyCounts[key, default: 0] += 1
      wordKeys[word.range.lowerBound] = key
    }
    for word in words where !overlapsMatch(word.range) {
      let surface = text.slice(utf8: word.range)
      guard let key = wordKeys[word.range.lowerBound] else { continue }
      if nameKeys[key] != nil { continue }
      var near: Set<String> = []
      for deletion in Self.deletions(of: key) { near.formUnion(nameDeletions[deletion] ?? []) }
      let count = keyCounts[key, default: 0]
      near = near.filter { Self.isOneEditApart($0, key) && (count == 1 || keyCounts[$0, default: 0] > count) }
      if let name = near.sorted().first, let spelled = nameKeys[name] {
        add(
          .nameSpelling, word.range, "«\(surface)» looks like a misspelling of «\(spelled)»",
          suggestion: spelled, concept: nameConcepts[name])
      }
    }
    progress?(0.85)
    if checksTypography {
      for finding in frenchTypographyFindings(in: text) {
        add(.typographyFrench, finding.range, finding.message, suggestion: finding.suggestion)
      }
    }
    findings.sort { ($0.start, $0.rule) < ($1.start, $1.rule) }
    // One walk along the text for all positions: a long paragraph on one line with many
    // findings stays linear (a search from the line's start per finding was quadratic).
    var cursor = LineIndex.Cursor()
    for k in findings.indices {
      (findings[k].line, findings[k].column) = lines.location(of: findings[k].start, from: &cursor)
    }
    progress?(1)
    return findings
  }

  /// Whether a term names its concept in full (not an acronym, abbreviation or short form).
  static func isLongForm(_ term: Term) -> Bool {
    term.type != .acronym && term.type != .abbreviation && term.type != .shortForm
  }

  /// Whether two terms are the same naming, or one's words lie inside the other's.
  static func sameNaming(_ a: Term, _ b: Term) -> Bool {
    func words(_ term: Term) -> Set<String> {
      Set(term.text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
    }
    let x = words(a)
    let y = words(b)
    return x == y || x.isSubset(of: y) || y.isSubset(of: x)
  }

  /// Whether two strings differ by one substitution, insertion, deletion or transposition.
  static func isOneEditApart(_ a: String, _ b: String) -> Bool {
    let x = Array(a)
    let y = Array(b)
    if x == y { return false }
    if x.count == y.count {
      let differences = x.indices.filter { x[$0] != y[$0] }
      if differences.count == 1 { return true }
      if differences.count == 2, differences[1] == differences[0] + 1 {
        return x[differences[0]] == y[differences[1]] && x[differences[1]] == y[differences[0]]
      }
      return false
    }
    let (short, long) = x.count < y.count ? (x, y) : (y, x)
    guard long.count == short.count + 1 else { return false }
    var i = 0
    while i < short.count && short[i] == long[i] { i += 1 }
    return Array(short[i...]) == Array(long[(i + 1)...])
  }
}
