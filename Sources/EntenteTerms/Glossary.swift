// The glossary model: concepts (TBX term entries) with terms per language.
import EntenteText
import Foundation

/// How a glossary rates a term (TBX `administrativeStatus`).
public enum TermStatus: String, Codable, Sendable, Hashable, CaseIterable {
  case preferred, admitted, deprecated, superseded

  /// The TBX value (`preferredTerm-admn-sts`…).
  public var tbxValue: String { rawValue + "Term-admn-sts" }

  /// Reads a TBX value or a bare name ("preferredTerm-admn-sts", "preferred", "forbidden").
  public init?(tbx value: String) {
    let name = value.replacingOccurrences(of: "Term-admn-sts", with: "").lowercased()
    switch name {
    case "preferred": self = .preferred
    case "admitted": self = .admitted
    case "deprecated", "forbidden", "notrecommended": self = .deprecated
    case "superseded", "obsolete": self = .superseded
    default: return nil
    }
  }

  /// Whether a rendering with this status is allowed in a translation.
  public var isAllowed: Bool { self == .preferred || self == .admitted }
}

/// The form of a term (TBX `termType`).
public enum TermType: String, Codable, Sendable, Hashable, CaseIterable {
  case fullForm, acronym, abbreviation, shortForm, variant
}

/// One term of a concept in one language.
public struct Term: Codable, Sendable, Hashable {
  public var text: String
  /// `admitted` when the file says nothing.
  public var status: TermStatus
  public var type: TermType?
  public var partOfSpeech: String?
  /// Matches only with the same letter case (acronyms, names).
  public var caseSensitive: Bool
  /// Matches only with the same accents (Séoul, not Seoul); accents are ignored by default.
  public var accentSensitive: Bool
  /// The form the first mention in a document must use.
  public var firstMention: Bool
  public var note: String?
  public var context: String?

  public init(
    _ text: String, status: TermStatus = .admitted, type: TermType? = nil, partOfSpeech: String? = nil,
    caseSensitive: Bool = false, accentSensitive: Bool = false, firstMention: Bool = false,
    note: String? = nil, context: String? = nil
  ) {
    self.text = text
    self.status = status
    self.type = type
    self.partOfSpeech = partOfSpeech
    self.caseSensitive = caseSensitive
    self.accentSensitive = accentSensitive
    self.firstMention = firstMention
    self.note = note
    self.context = context
  }
}

extension Term {
  /// Whether the term is a proper name, whose letter case is part of it (`term-case`): its part
  /// of speech is `properNoun`, or it has several words and is `case-sensitive`, or it has
  /// several words that all start with a capital («Maison Blanche», «États-Unis»).
  public var isProperName: Bool {
    if partOfSpeech == "properNoun" { return true }
    let words = text.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "\u{2010}" })
      .filter { $0.contains(where: \.isLetter) }
    guard words.count >= 2 else { return false }
    return caseSensitive || words.allSatisfy { $0.first?.isUppercase == true }
  }

  /// Whether the term's letter case is checked in a text in `language` (`term-case`): a
  /// `properNoun`, a case-sensitive term of several words, or, except in English, a term of
  /// several words that all start with a capital. English writes titles and bodies in Title Case
  /// in a glossary («Prime Minister») and in lowercase in running text («the prime minister
  /// said»), so there only the declared ones are checked.
  public func isProperName(in language: String) -> Bool {
    guard isProperName else { return false }
    if partOfSpeech == "properNoun" || caseSensitive { return true }
    return LanguageTag.language(of: language) != "en"
  }

  /// The adjective forms of the term that the glossary declares, in note lines
  /// `derivedForm: russe` (TBX `<note>derivedForm: russe</note>`; `derived-form:` is read too):
  /// found in a translation, they render the term's concept for `term-missing` («la crise
  /// russo-ukrainienne» for «the Russia-Ukraine crisis»).
  public var derivedForms: [String] {
    guard let note else { return [] }
    return note.split(separator: "\n").compactMap { line in
      for prefix in ["derivedForm:", "derived-form:"] where line.hasPrefix(prefix) {
        let form = line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return form.isEmpty ? nil : form
      }
      return nil
    }
  }
}

/// A concept (a TBX `conceptEntry`): one thing, named by terms in several languages.
public struct Concept: Codable, Sendable, Hashable {
  public var id: String
  public var definition: String?
  public var subjectField: String?
  public var note: String?
  /// Terms by language code (BCP 47, as `xml:lang` gives it), in file order.
  public var terms: [String: [Term]]

  public init(
    id: String, definition: String? = nil, subjectField: String? = nil, note: String? = nil,
    terms: [String: [Term]] = [:]
  ) {
    self.id = id
    self.definition = definition
    self.subjectField = subjectField
    self.note = note
    self.terms = terms
  }

  /// The terms of `language` (matched on its primary subtag: "fr" finds "fr-FR").
  public func terms(in language: String) -> [Term] {
    let primary = Self.primary(language)
    return terms.filter { Self.primary($0.key) == primary }.sorted { $0.key < $1.key }.flatMap(\.value)
  }

  static func primary(_ language: String) -> String { LanguageTag.language(of: language) }
}

/// A glossary: concepts and what the file says about itself.
public struct Glossary: Codable, Sendable, Hashable {
  public var title: String?
  /// Free text about the glossary's version, source and licence (TBX `publicationStmt`,
  /// `sourceDesc`).
  public var description: [String]
  public var concepts: [Concept]

  public init(title: String? = nil, description: [String] = [], concepts: [Concept] = []) {
    self.title = title
    self.description = description
    self.concepts = concepts
  }

  /// The concepts with a term equal to `text` in any language, on matching keys (case and
  /// accents ignored, apostrophes and quotes unified).
  /// - Throws: `TextError.icu` if ICU fails while making a matching key.
  /// - Complexity: O(t) matching keys for t terms (cached after the first look-up of a term).
  public func lookup(_ text: String) throws -> [Concept] {
    let key = try MatchingKeyCache.key(text)
    return try concepts.filter { concept in
      try concept.terms.values.joined().contains { try MatchingKeyCache.key($0.text) == key }
    }
  }
}
