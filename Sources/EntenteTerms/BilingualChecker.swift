// Checks that compare a translation with its source, sentence by sentence.
import EntenteAlign
import EntenteText
import Foundation

/// The checks that need the source: the two texts are segmented and aligned (`SentenceAligner`),
/// and each bead's source and target are compared.
///
/// - `term-missing`: a glossary term of the source has no allowed rendering of its concept in
///   the aligned target sentences (a deprecated rendering there is `term-deprecated`'s business,
///   so it counts as present here).
/// - `number-mismatch`: a number of the source sentences is not in the aligned target sentences,
///   or the other way round, after reading each side's separators the way its language writes
///   them (English `1,000.5`, French `1 000,5` or `1.000,5`).
///
/// Findings point into the target. The target-side checks (`TargetChecker`) run too.
public struct BilingualChecker: Sendable {
  public let glossary: Glossary
  public let sourceLanguage: String
  public let targetLanguage: String
  public var alignmentOptions = AlignmentOptions()
  public var checksTypography = false
  /// Told the fraction of a check done, from time to time (the target's checks, the source's
  /// terms, then every 1,024 aligned pairs); nil: nothing, at no cost.
  public var progress: ProgressHandler? = nil

  public init(glossary: Glossary, sourceLanguage: String, targetLanguage: String) {
    self.glossary = glossary
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
  }

  /// Segments both texts with the built-in rules, aligns them (`SentenceAligner` with
  /// `alignmentOptions`) and checks each bead.
  /// - Throws: `TextError.icu` if ICU fails while reading the texts, `AlignmentError.text` if it
  ///   fails while aligning them.
  /// - Complexity: that of `SentenceAligner.align(_:_:anchor:)` and of
  ///   `check(source:target:alignment:)`.
  public func check(source: String, target: String) throws -> [Finding] {
    let sourceDocument = try Document(name: "", text: source, language: sourceLanguage)
    let targetDocument = try Document(name: "", text: target, language: targetLanguage)
    let alignment = try SentenceAligner(options: alignmentOptions).align(sourceDocument, targetDocument)
    return try check(source: sourceDocument, target: targetDocument, alignment: alignment)
  }

  /// Checks each bead of `alignment` (the aligner's, or a reviser's corrected one) between two
  /// documents, and runs the target-side rules on the target.
  /// - Throws: `TextError.icu` if ICU fails while compiling the glossary's terms.
  /// - Complexity: O((n + m) · d), d the depth of the glossary's longest term.
  public func check(source: Document, target: Document, alignment: Alignment) throws -> [Finding] {
    // The ranges come from the documents, whatever the alignment was made from.
    try check(
      source: source, target: target,
      pairs: Alignment(beads: alignment.beads, source: source, target: target).pairs)
  }

  /// The checks on texts whose aligned parts are known (`pairs` of UTF-8 ranges, in order):
  /// the units of a bilingual file, or the beads of an alignment.
  /// - Throws: `TextError.icu` if ICU fails while reading the texts or compiling the terms.
  /// - Complexity: O((n + m) · d), d the depth of the glossary's longest term.
  public func check(
    source: String, target: String, pairs: [(source: Range<Int>, target: Range<Int>)]
  ) throws -> [Finding] {
    try check(
      source: Document(name: "", text: source, language: sourceLanguage),
      target: Document(name: "", text: target, language: targetLanguage), pairs: pairs)
  }

  /// The checks on documents whose aligned parts are known (`pairs` of UTF-8 ranges, in order).
  /// - Throws: `TextError.icu` if ICU fails while compiling the glossary's terms.
  /// - Complexity: O((n + m) · d), d the depth of the glossary's longest term.
  public func check(
    source sourceDocument: Document, target targetDocument: Document,
    pairs: [(source: Range<Int>, target: Range<Int>)]
  ) throws -> [Finding] {
    let source = sourceDocument.text
    let target = targetDocument.text
    // Progress by stage, in proportion to their times on a 100,000-sentence novel: the
    // target's checks, the source's terms, the pairs.
    let stages = ProgressStages(weights: [12, 4, 3], handler: progress)
    var targetChecker = try TargetChecker(
      glossary: glossary, targetLanguage: targetLanguage, sourceLanguage: sourceLanguage)
    targetChecker.checksTypography = checksTypography
    targetChecker.progress = stages.stage(0)
    let targetMatches = targetChecker.mentions(in: targetDocument)
    let derivedMatches = targetChecker.derivedMentions(in: targetDocument)
    // Where `TargetChecker.check(_:)` puts its terms found.
    targetChecker.progress?(0.4)
    var findings = targetChecker.check(targetDocument, matches: targetMatches)
    // The target's findings, in order of position, that name a concept: a rendering left in the
    // source language or misspelt is already reported there.
    let conceptFindings = findings.filter { $0.concept != nil }
    var findingCursor = 0
    stages.finish(0)
    // «a white house» in the source is no more the White House than «une maison blanche».
    let sourceMatches = TargetChecker.withoutCommonNouns(
      try TermMatcher(glossary: glossary, language: sourceLanguage).matches(in: sourceDocument),
      in: sourceDocument)
    stages.finish(1)
    let pairProgress = stages.stage(2)
    let lines = LineIndex(target)
    let concepts = Dictionary(glossary.concepts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var sourceCursor = 0
    var targetCursor = 0
    var derivedCursor = 0
    /// Where the target's `term-case` findings that render a common noun of the source start.
    var commonNounCases = Set<Int>()
    for (index, (sourceRange, targetRange)) in pairs.enumerated() {
      if let pairProgress, index % 1_024 == 0 { pairProgress(Double(index) / Double(pairs.count)) }
      let (line, column) = lines.location(of: targetRange.lowerBound)
      let targetText = target.slice(utf8: targetRange)
      // Matches inside the bead (both lists are in text order).
      while sourceCursor < sourceMatches.count
        && sourceMatches[sourceCursor].range.lowerBound < sourceRange.lowerBound
      {
        sourceCursor += 1
      }
      while targetCursor < targetMatches.count
        && targetMatches[targetCursor].range.lowerBound < targetRange.lowerBound
      {
        targetCursor += 1
      }
      var k = sourceCursor
      var inSource: [TermMatch] = []
      while k < sourceMatches.count && sourceMatches[k].range.lowerBound < sourceRange.upperBound {
        inSource.append(sourceMatches[k])
        k += 1
      }
      var l = targetCursor
      var targetConcepts = Set<String>()
      while l < targetMatches.count && targetMatches[l].range.lowerBound < targetRange.upperBound {
        targetConcepts.insert(targetMatches[l].conceptID)
        l += 1
      }
      // A declared adjective form renders its concept too («russo-ukrainienne»).
      while derivedCursor < derivedMatches.count
        && derivedMatches[derivedCursor].range.lowerBound < targetRange.lowerBound
      {
        derivedCursor += 1
      }
      var d = derivedCursor
      while d < derivedMatches.count && derivedMatches[d].range.lowerBound < targetRange.upperBound {
        targetConcepts.insert(derivedMatches[d].conceptID)
        d += 1
      }
      var reported = Set<String>()
      // A rendering left in the source language or misspelt is already reported there.
      while findingCursor < conceptFindings.count
        && conceptFindings[findingCursor].start < targetRange.lowerBound
      {
        findingCursor += 1
      }
      var explained = Set<String>()
      var f = findingCursor
      while f < conceptFindings.count && conceptFindings[f].start < targetRange.upperBound {
        if let concept = conceptFindings[f].concept { explained.insert(concept) }
        f += 1
      }
      // A name the source writes all in lowercase is a common noun there («the white house at
      // the end of his street»): not the name, and its rendering in lowercase is no case error.
      let commonNouns = Set(
        inSource.filter { match in
          match.term.isProperName && match.term.text.contains(where: \.isUppercase)
            && !match.text.contains(where: \.isUppercase)
        }.map(\.conceptID))
      var g = findingCursor
      while g < conceptFindings.count && conceptFindings[g].start < targetRange.upperBound {
        if conceptFindings[g].rule == CheckRule.termCase.rawValue, let concept = conceptFindings[g].concept,
          commonNouns.contains(concept)
        {
          commonNounCases.insert(conceptFindings[g].start)
        }
        g += 1
      }
      for match in inSource
      where !targetConcepts.contains(match.conceptID) && !reported.contains(match.conceptID)
        && !explained.contains(match.conceptID) && !commonNouns.contains(match.conceptID)
      {
        reported.insert(match.conceptID)
        guard let concept = concepts[match.conceptID] else { continue }
        let renderings = concept.terms(in: targetLanguage).filter { $0.status.isAllowed }
        guard let preferred = renderings.first(where: { $0.status == .preferred }) ?? renderings.first else {
          continue
        }
        findings.append(
          Finding(
            file: targetDocument.name.isEmpty ? nil : targetDocument.name,
            rule: CheckRule.termMissing.rawValue, severity: CheckRule.termMissing.severity,
            message:
              "the source's «\(match.text)» (\(concept.id)) has no allowed rendering in the aligned sentence",
            suggestion: preferred.text, line: line, column: column, start: targetRange.lowerBound,
            end: targetRange.upperBound, text: targetText, concept: concept.id))
      }
      // Numbers.
      let sourceNumbers = Self.numbers(in: source.slice(utf8: sourceRange), language: sourceLanguage)
      let targetNumbers = Self.numbers(in: targetText, language: targetLanguage)
      let missing = sourceNumbers.subtracting(targetNumbers).sorted()
      let added = targetNumbers.subtracting(sourceNumbers).sorted()
      if !missing.isEmpty || !added.isEmpty {
        var parts: [String] = []
        if !missing.isEmpty {
          parts.append("the source has \(missing.map(Self.format).joined(separator: ", "))")
        }
        if !added.isEmpty { parts.append("the target has \(added.map(Self.format).joined(separator: ", "))") }
        findings.append(
          Finding(
            file: targetDocument.name.isEmpty ? nil : targetDocument.name,
            rule: CheckRule.numberMismatch.rawValue, severity: CheckRule.numberMismatch.severity,
            message: "numbers differ in the aligned sentences: " + parts.joined(separator: "; "),
            suggestion: nil, line: line, column: column, start: targetRange.lowerBound,
            end: targetRange.upperBound,
            text: targetText, concept: nil))
      }
    }
    stages.finish(2)
    if !commonNounCases.isEmpty {
      findings.removeAll { $0.rule == CheckRule.termCase.rawValue && commonNounCases.contains($0.start) }
    }
    return findings.sorted { ($0.start, $0.rule) < ($1.start, $1.rule) }
  }

  /// The numbers written with digits in `text`, read with the separators of `language`: in
  /// English `,` groups thousands and `.` marks decimals; in French (and German) spaces
  /// (ordinary, no-break, narrow no-break) and `.` group thousands and `,` marks decimals. A
  /// separator followed by exactly three digits groups; otherwise it is a decimal mark (or, for
  /// a space, the end of the number).
  static func numbers(in text: String, language: String) -> Set<Decimal> {
    let english = LanguageTag.language(of: language) == "en"
    let scalars = Array(text.unicodeScalars)
    var result = Set<Decimal>()
    var i = 0
    func isDigit(_ k: Int) -> Bool {
      k < scalars.count && scalars[k].properties.numericType == .decimal && scalars[k].isASCII
    }
    while i < scalars.count {
      guard isDigit(i), i == 0 || !(scalars[i - 1].properties.isAlphabetic || isDigit(i - 1)) else {
        i += 1
        continue
      }
      var integer = ""
      var fraction: String?
      while i < scalars.count {
        if isDigit(i) {
          if fraction != nil { fraction! += String(scalars[i]) } else { integer += String(scalars[i]) }
          i += 1
          continue
        }
        let separator = scalars[i]
        let groups = isDigit(i + 1) && isDigit(i + 2) && isDigit(i + 3) && !isDigit(i + 4)
        let isSpace = separator == " " || separator == "\u{A0}" || separator == "\u{202F}"
        let grouping: Bool
        let decimal: Bool
        if english {
          grouping = separator == "," && groups
          decimal = separator == "." && isDigit(i + 1)
        } else {
          grouping = (isSpace || separator == ".") && groups
          decimal = separator == "," && isDigit(i + 1)
        }
        if grouping && fraction == nil {
          i += 1
        } else if decimal && fraction == nil {
          fraction = ""
          i += 1
        } else {
          break
        }
      }
      if let value = Decimal(
        string: integer + (fraction.map { "." + $0 } ?? ""), locale: Locale(identifier: "en_US_POSIX"))
      {
        result.insert(value)
      }
    }
    return result
  }

  static func format(_ value: Decimal) -> String { "\(value)" }
}
