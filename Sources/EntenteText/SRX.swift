// SRX 2.0 (Segmentation Rules eXchange, LISA/GALA): the rule files of OmegaT, Okapi and
// LanguageTool. Parsed with XMLReader (libxml2: no external entities, no DTD loading), compiled to ICU
// regular expressions over UTF-8. Sentence segmentation itself is the segmenter's job: this file
// only says, at the places SRX rules match, whether to break there.
import Foundation

// MARK: - Model

/// One SRX rule: break (or not) where `beforeBreak` matches the text ending at a position and
/// `afterBreak` the text starting there.
public struct SRXRule: Sendable, Hashable, Codable {
  /// The two regular expressions of a rule, as the error messages name them.
  public enum Part: String, Sendable, Hashable, Codable {
    case beforeBreak = "beforebreak"
    case afterBreak = "afterbreak"
  }

  /// Where a rule was read from.
  public struct Origin: Sendable, Hashable, Codable {
    /// The SRX file, as given to the parser.
    public var path: String
    /// The `languagerulename` of the `languagerule` holding the rule.
    public var languageRuleName: String
    /// The rule's 0-based index in its `languagerule`.
    public var index: Int
    /// Line (1-based) of the rule's `<rule>` start tag.
    public var line: Int
    /// Column (1-based) of the `<` of the `<rule>` start tag.
    public var column: Int

    public init(path: String, languageRuleName: String, index: Int, line: Int, column: Int) {
      self.path = path
      self.languageRuleName = languageRuleName
      self.index = index
      self.line = line
      self.column = column
    }
  }

  /// `break="yes"` (the default): a break; `break="no"`: an exception that prevents one.
  public var isBreak: Bool
  /// The ICU regular expression the text before the position must match (empty: any text).
  public var beforeBreak: String
  /// The ICU regular expression the text after the position must match (empty: any text).
  public var afterBreak: String
  /// Where the rule was read from; nil for rules made in code.
  public var origin: Origin?

  public init(isBreak: Bool, beforeBreak: String, afterBreak: String, origin: Origin? = nil) {
    self.isBreak = isBreak
    self.beforeBreak = beforeBreak
    self.afterBreak = afterBreak
    self.origin = origin
  }
}

/// A named, ordered list of rules (`<languagerule languagerulename="...">`).
public struct SRXLanguageRule: Sendable, Hashable, Codable {
  /// The `languagerulename`.
  public var name: String
  /// The rules in document order; the first one matching at a position decides there.
  public var rules: [SRXRule]
  /// Line (1-based) of the `<languagerule>` start tag; 0 when made in code.
  public var line: Int

  public init(name: String, rules: [SRXRule], line: Int = 0) {
    self.name = name
    self.rules = rules
    self.line = line
  }
}

/// A `<languagemap>`: language codes matching `languagePattern` use the rules of
/// `languageRuleName`.
public struct SRXLanguageMap: Sendable, Hashable, Codable {
  /// An ICU regular expression matched against the whole language code, case-insensitively
  /// (`FR.*`, `EN.*`, `.*`).
  public var languagePattern: String
  /// The `languagerulename` of the rules to use.
  public var languageRuleName: String
  /// Line (1-based) of the `<languagemap>` tag; 0 when made in code.
  public var line: Int
  /// Column (1-based) of the `<` of the tag; 0 when made in code.
  public var column: Int

  public init(languagePattern: String, languageRuleName: String, line: Int = 0, column: Int = 0) {
    self.languagePattern = languagePattern
    self.languageRuleName = languageRuleName
    self.line = line
    self.column = column
  }
}

/// A place in an SRX file, shown as `path:line:column`.
public struct SRXLocation: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The file, as given to the parser.
  public var path: String
  /// 1-based line.
  public var line: Int
  /// 1-based column (in Unicode scalars).
  public var column: Int

  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = line
    self.column = column
  }

  public var description: String { "\(path):\(line):\(column)" }
}

// MARK: - Document

/// An SRX document: header, language rules and language maps.
public struct SRXDocument: Sendable, Hashable, Codable {
  /// The file the document was read from (for messages).
  public var path: String
  /// The `version` attribute: "2.0", or "1.0" read loosely (first `maprule` only, no cascade).
  public var version: String
  /// `cascade="yes"`: every matching languagemap contributes its rules, in order.
  public var isCascading: Bool
  /// `segmentsubflows` (default yes); kept for callers, unused by rule matching.
  public var segmentsSubflows: Bool
  /// The `languagerule`s in document order.
  public var languageRules: [SRXLanguageRule]
  /// The `languagemap`s in document order.
  public var languageMaps: [SRXLanguageMap]

  /// Makes a document from parts (for rules written in code).
  public init(
    path: String = "<memory>", version: String = "2.0", isCascading: Bool = false,
    segmentsSubflows: Bool = true, languageRules: [SRXLanguageRule], languageMaps: [SRXLanguageMap]
  ) {
    self.path = path
    self.version = version
    self.isCascading = isCascading
    self.segmentsSubflows = segmentsSubflows
    self.languageRules = languageRules
    self.languageMaps = languageMaps
  }

  /// Parses an SRX 2.0 (or 1.0) document with `XMLReader` (no external entity, no DTD loaded;
  /// CDATA sections read as text), then checks it: every languagemap names a defined
  /// languagerule, and every languagepattern and rule compiles (`uregex_openUText`).
  ///
  /// `beforebreak` and `afterbreak` text is taken literally, whitespace included (it is part of
  /// the regular expression). `formathandle` is ignored.
  /// - Parameters:
  ///   - data: The document bytes.
  ///   - path: The file name used in error messages.
  /// - Throws: `TextError` naming the file, line and column of the problem.
  /// - Complexity: O(n) in the document plus the cost of compiling each rule once.
  public init(data: Data, path: String) throws(TextError) {
    let bytes = [UInt8](data)
    if let offset = internalSubsetOffset(in: bytes) {
      let (line, column) = lineAndColumn(ofByte: offset, in: bytes)
      throw .internalSubset(SRXLocation(path: path, line: line, column: column))
    }
    let reader = SRXReader(path: path)
    do {
      try XMLReader(file: path).read(bytes, into: reader)
    } catch let error as TextError {
      throw error
    } catch let error as XMLSyntaxError {
      throw .malformedXML(
        SRXLocation(path: path, line: error.line, column: error.column), reason: error.problem.description,
        sourceLine: sourceLine(error.line, in: bytes))
    } catch {
      throw .malformedXML(SRXLocation(path: path, line: 1, column: 1), reason: "\(error)", sourceLine: nil)
    }
    guard let version = reader.version else {
      throw .notSRX(SRXLocation(path: path, line: 1, column: 1), element: "")
    }
    self.path = path
    self.version = version
    self.isCascading = reader.isCascading
    self.segmentsSubflows = reader.segmentsSubflows
    self.languageRules = reader.languageRules
    self.languageMaps = reader.languageMaps
    try validate()
  }

  /// Reads and parses the SRX file at `path`.
  /// - Throws: `TextError.unreadableSRX` (with the system's reason), or any error of `init(data:path:)`.
  public init(contentsOfFile path: String) throws(TextError) {
    let data: Data
    switch fileBytes(atPath: path) {
    case .success(let bytes): data = Data(bytes)
    case .failure(.unreadable(_, let reason)): throw .unreadableSRX(file: path, reason: reason)
    case .failure(let error): throw error
    }
    try self.init(data: data, path: path)
  }

  /// The languagerule called `name`, if any.
  public func languageRule(named name: String) -> SRXLanguageRule? {
    languageRules.first { $0.name == name }
  }

  /// The rules for `language`, in the order they apply: the rules of each languagemap whose
  /// languagepattern matches the whole code case-insensitively, walked in document order;
  /// with cascading on, all of them concatenated, otherwise only the first match's.
  /// - Parameter language: A language code such as `fr`, `fr-CA`, `en_US`.
  /// - Returns: The rules, empty when no languagemap matches.
  /// - Throws: `TextError.invalidLanguagePattern` or `.missingLanguageRule` (only possible for
  ///   documents made or changed in code: parsing checks both).
  /// - Complexity: O(m·k) for m languagemaps and codes of length k, plus the rules copied.
  public func rules(forLanguage language: String) throws(TextError) -> [SRXRule] {
    var byName: [String: SRXLanguageRule] = [:]
    for rule in languageRules where byName[rule.name] == nil { byName[rule.name] = rule }
    let code = Array(language.utf8)
    var result: [SRXRule] = []
    for map in languageMaps {
      let location = SRXLocation(path: path, line: map.line, column: map.column)
      let regex: ICURegex
      do {
        regex = try ICURegex(wholeCodePattern(map.languagePattern), caseInsensitive: true)
      } catch {
        throw .invalidLanguagePattern(location, pattern: map.languagePattern, error: error)
      }
      let isMatch: Bool
      do {
        isMatch = try regex.matches(in: code).contains(0..<code.count)
      } catch {
        throw .invalidLanguagePattern(location, pattern: map.languagePattern, error: error)
      }
      guard isMatch else { continue }
      guard let languageRule = byName[map.languageRuleName] else {
        throw .missingLanguageRule(location, name: map.languageRuleName)
      }
      result += languageRule.rules
      if !isCascading { break }
    }
    return result
  }

  /// The compiled rules for `language` (see `rules(forLanguage:)`).
  /// - Throws: `TextError` as `rules(forLanguage:)` and `SRXRuleSet.init(rules:)` do.
  public func ruleSet(forLanguage language: String) throws(TextError) -> SRXRuleSet {
    try SRXRuleSet(rules: rules(forLanguage: language))
  }

  /// Checks names, language patterns and rules, in document order.
  private func validate() throws(TextError) {
    var names: Set<String> = []
    for rule in languageRules { names.insert(rule.name) }
    for map in languageMaps {
      let location = SRXLocation(path: path, line: map.line, column: map.column)
      guard names.contains(map.languageRuleName) else {
        throw .missingLanguageRule(location, name: map.languageRuleName)
      }
      do {
        _ = try ICURegex(wholeCodePattern(map.languagePattern), caseInsensitive: true)
      } catch {
        // Compile alone for an offset into the pattern as written.
        let alone = Result { () throws(TextError) in try ICURegex(map.languagePattern) }
        if case .failure(let aloneError) = alone {
          throw .invalidLanguagePattern(location, pattern: map.languagePattern, error: aloneError)
        }
        throw .invalidLanguagePattern(location, pattern: map.languagePattern, error: error)
      }
    }
    for languageRule in languageRules {
      for rule in languageRule.rules { _ = try CompiledSRXRule(rule) }
    }
  }
}

/// `pattern` anchored to match a whole language code.
private func wholeCodePattern(_ pattern: String) -> String { "\\A(?:" + pattern + ")\\z" }

// MARK: - Compiled rules

/// A decision of an SRX rule set at one position of a text.
public struct SRXDecision: Sendable, Hashable, Codable {
  /// The UTF-8 byte offset of the position (never 0 nor the end of the text).
  public var offset: Int
  /// True: break here; false: do not.
  public var isBreak: Bool
  /// The index, in `SRXRuleSet.rules`, of the first rule matching here (the one deciding).
  public var ruleIndex: Int

  public init(offset: Int, isBreak: Bool, ruleIndex: Int) {
    self.offset = offset
    self.isBreak = isBreak
    self.ruleIndex = ruleIndex
  }
}

/// Rules compiled to ICU regular expressions, ready to run over UTF-8 text. Holds ICU handles:
/// not Sendable, not thread-safe; make one per task.
///
/// Each rule is compiled to one pattern:
/// - `(?=((?:BEFORE)(?=AFTER)))`, the end of group 1 being the position. Being zero-width, it is
///   tried at every start, so overlapping BEFORE matches are all found, which non-overlapping
///   matching of `(?:BEFORE)(?=AFTER)` (Okapi's way) misses: `[a-z]+\.[a-z]+` before `\.` finds
///   "a.b|.c|.d", Okapi only "a.b|.c.d". What it still misses: from each start only the first
///   end ICU's backtracking finds counts, so a position reachable only by another match from the
///   same start is lost (beforebreak `\d+`, afterbreak `\d` in "123": "12|3" is found, "1|23" is
///   not). SRX rules (abbreviations ending in `\.`, runs of punctuation) rarely do this.
/// - `(?=AFTER)` when BEFORE is empty, the match being the position.
/// - `(?:BEFORE)(?=AFTER)`, non-overlapping, the match end being the position, when a part holds
///   a back reference (`\1`, `\k<name>`) that an added group would renumber: Okapi's way.
///
/// Exact `(?<=BEFORE)(?=AFTER)` is not used: ICU takes only bounded BEFOREs there, and over
/// UTF-8 text its look-behind ran 2 to 9 times slower than the form above (0.85 s against
/// 0.10 s a megabyte for a French abbreviation rule).
public final class SRXRuleSet {
  /// The rules, in the order they apply.
  public let rules: [SRXRule]
  private let compiled: [CompiledSRXRule]

  /// Compiles `rules` (`uregex_openUText`, one pattern per rule).
  /// - Throws: `TextError.invalidRule` naming the rule, its languagerule, index and line when
  ///   the rule was read from a file, and ICU's error.
  public init(rules: [SRXRule]) throws(TextError) {
    var compiled: [CompiledSRXRule] = []
    compiled.reserveCapacity(rules.count)
    for rule in rules { compiled.append(try CompiledSRXRule(rule)) }
    self.rules = rules
    self.compiled = compiled
  }

  /// The decision at every position of `utf8` where some rule matches: that of the first rule
  /// (in rule order) matching there. Positions 0 and `utf8.count` are not reported; positions
  /// fall on code point boundaries.
  /// - Parameter utf8: The text, as UTF-8 bytes.
  /// - Returns: The decisions sorted by offset, one per position.
  /// - Parameters:
  ///   - utf8: The text, as UTF-8 bytes.
  ///   - name: The text's name for a `.ruleTimeLimit` error (a file name).
  /// - Throws: `TextError.ruleTimeLimit` naming the rule when one takes longer than ICU's time
  ///   limit (`ICURegex.timeLimit(forBytes:)`: catastrophic backtracking), `TextError.icu` when
  ///   ICU fails otherwise while matching (`uregex_findNext`).
  /// - Complexity: O(n·r) for r rules of bounded match length over n bytes, plus
  ///   O(d log d) to sort the d positions found; any rule is stopped within its time limit.
  public func decisions(in utf8: [UInt8], name: String = "the text") throws(TextError) -> [SRXDecision] {
    var decided: [Int: SRXDecision] = [:]
    for (index, rule) in compiled.enumerated() {
      let positions: [Int]
      do {
        positions = try rule.positions(in: utf8)
      } catch .icu(let code, _, _, _) where code == ICURegex.timeOutStatus {
        throw .ruleTimeLimit(rules[index], text: name)
      }
      for offset in positions where offset > 0 && offset < utf8.count {
        if decided[offset] == nil {
          decided[offset] = SRXDecision(offset: offset, isBreak: rule.isBreak, ruleIndex: index)
        }
      }
    }
    return decided.values.sorted { $0.offset < $1.offset }
  }

  /// The decisions in `text` (its UTF-8 bytes); see `decisions(in:)` for bytes.
  public func decisions(in text: String) throws(TextError) -> [SRXDecision] {
    try decisions(in: Array(text.utf8))
  }
}

@available(*, unavailable)
extension SRXRuleSet: Sendable {}

/// One rule compiled by the first strategy ICU accepts (see `SRXRuleSet`).
struct CompiledSRXRule {
  enum Strategy {
    /// Zero-width match at the position.
    case zeroWidth
    /// End of group 1 of a zero-width match.
    case lookahead
    /// End of a consuming match.
    case consuming
  }

  let regex: ICURegex
  let strategy: Strategy
  let isBreak: Bool

  init(_ rule: SRXRule) throws(TextError) {
    isBreak = rule.isBreak
    let before = rule.beforeBreak
    let after = rule.afterBreak
    let hasBackReference = containsBackReference(before) || containsBackReference(after)
    if !hasBackReference {
      // Each part alone first: an offset into the part as written, and no part can unbalance
      // the groups wrapped around it.
      for (part, pattern) in [(SRXRule.Part.beforeBreak, before), (.afterBreak, after)] where !pattern.isEmpty
      {
        do {
          _ = try ICURegex(pattern)
        } catch {
          throw .invalidRule(rule, part: part, error: error)
        }
      }
    }
    let lookahead = after.isEmpty ? "" : "(?=" + after + ")"
    let pattern: String
    if before.isEmpty {
      (pattern, strategy) = (lookahead.isEmpty ? "(?:)" : lookahead, .zeroWidth)
    } else if hasBackReference {
      (pattern, strategy) = ("(?:" + before + ")" + lookahead, .consuming)
    } else {
      (pattern, strategy) = ("(?=((?:" + before + ")" + lookahead + "))", .lookahead)
    }
    do {
      regex = try ICURegex(pattern)
    } catch {
      throw .invalidRule(rule, part: nil, error: error)
    }
  }

  /// The positions where the rule matches, ascending, possibly repeated.
  func positions(in utf8: [UInt8]) throws(TextError) -> [Int] {
    switch strategy {
    case .zeroWidth: return try regex.matches(in: utf8).map(\.lowerBound)
    case .lookahead: return try regex.matches(in: utf8, group: 1).map(\.upperBound)
    case .consuming: return try regex.matches(in: utf8).map(\.upperBound)
    }
  }
}

/// Whether an ICU pattern holds a back reference (`\1`...`\9`, `\k<name>`), escapes skipped.
private func containsBackReference(_ pattern: String) -> Bool {
  var scalars = pattern.unicodeScalars.makeIterator()
  var isQuoted = false
  while let scalar = scalars.next() {
    guard scalar == "\\" else { continue }
    guard let next = scalars.next() else { break }
    if isQuoted {
      if next == "E" { isQuoted = false }
      continue
    }
    switch next {
    case "Q": isQuoted = true
    case "1"..."9", "k": return true
    default: break
    }
  }
  return false
}

// MARK: - XML reading

/// The content handler building a document; it stops at the first problem.
private final class SRXReader: XMLContentHandler {
  let path: String
  var version: String?
  var isCascading = false
  var segmentsSubflows = true
  var languageRules: [SRXLanguageRule] = []
  var languageMaps: [SRXLanguageMap] = []

  private var elements: [String] = []
  private var isRuleVersion1 = false
  private var mapRuleCount = 0
  private var currentRule: (isBreak: Bool, line: Int, column: Int)?
  private var before = ""
  private var after = ""
  private var languageRuleNames: Set<String> = []
  private var position = XMLPosition(line: 1, column: 1)

  init(path: String) { self.path = path }

  private var location: SRXLocation {
    SRXLocation(path: path, line: position.line, column: position.column)
  }

  private func yesNo(
    _ attributes: [String: String], _ name: String, element: String, default value: Bool
  ) throws(TextError) -> Bool {
    guard let text = attributes[name] else { return value }
    switch text.lowercased() {
    case "yes": return true
    case "no": return false
    default: throw .invalidAttribute(location, element: element, attribute: name, value: text)
    }
  }

  private func required(
    _ attributes: [String: String], _ name: String, element: String
  ) throws(TextError) -> String {
    if let value = attributes[name] { return value }
    throw .missingAttribute(location, element: element, attribute: name)
  }

  func startElement(
    _ elementName: String, attributes: [String: String], position: XMLPosition, contentStart: XMLPosition
  ) throws {
    self.position = position
    defer { elements.append(elementName) }
    if elements.isEmpty {
      guard elementName == "srx" else { throw TextError.notSRX(location, element: elementName) }
      switch attributes["version"] {
      case "2.0": version = "2.0"
      case "1.0":
        version = "1.0"
        isRuleVersion1 = true
      case let other: throw TextError.unsupportedVersion(location, version: other)
      }
      return
    }
    switch elementName {
    case "header":
      segmentsSubflows = try yesNo(attributes, "segmentsubflows", element: "header", default: true)
      if !isRuleVersion1 {
        isCascading = try yesNo(attributes, "cascade", element: "header", default: false)
      }
    case "languagerule":
      let name = try required(attributes, "languagerulename", element: elementName)
      guard languageRuleNames.insert(name).inserted else {
        throw TextError.duplicateLanguageRule(location, name: name)
      }
      languageRules.append(SRXLanguageRule(name: name, rules: [], line: position.line))
    case "rule" where elements.last == "languagerule":
      let isBreak = try yesNo(attributes, "break", element: "rule", default: true)
      currentRule = (isBreak, position.line, position.column)
      before = ""
      after = ""
    case "maprule":
      mapRuleCount += 1
    case "languagemap":
      // SRX 1.0 files may hold several maprules; the first is the one used.
      if isRuleVersion1 && mapRuleCount > 1 { return }
      let pattern = try required(attributes, "languagepattern", element: elementName)
      let name = try required(attributes, "languagerulename", element: elementName)
      languageMaps.append(
        SRXLanguageMap(
          languagePattern: pattern, languageRuleName: name, line: position.line, column: position.column))
    default:
      break
    }
  }

  func endElement(_ elementName: String, position: XMLPosition) {
    elements.removeLast()
    guard elementName == "rule", elements.last == "languagerule", let rule = currentRule,
      let last = languageRules.indices.last
    else { return }
    let origin = SRXRule.Origin(
      path: path, languageRuleName: languageRules[last].name, index: languageRules[last].rules.count,
      line: rule.line, column: rule.column)
    languageRules[last].rules.append(
      SRXRule(isBreak: rule.isBreak, beforeBreak: before, afterBreak: after, origin: origin))
    currentRule = nil
  }

  func characters(_ text: String) {
    guard currentRule != nil, elements.count >= 2, elements[elements.count - 2] == "rule" else { return }
    switch elements.last {
    case "beforebreak": before += text
    case "afterbreak": after += text
    default: break
    }
  }
}

/// 1-based line and column (in Unicode scalars) of byte `offset` of UTF-8 `bytes`.
private func lineAndColumn(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int) {
  var line = 1
  var lineStart = 0
  for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
    line += 1
    lineStart = index + 1
  }
  let column = bytes[lineStart..<min(offset, bytes.count)].count { $0 & 0xC0 != 0x80 } + 1
  return (line, column)
}

/// The text of 1-based `line` of UTF-8 `bytes`, without its line break.
private func sourceLine(_ line: Int, in bytes: [UInt8]) -> String? {
  guard line > 0 else { return nil }
  let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
  guard line <= lines.count else { return nil }
  var text = lines[line - 1]
  if text.last == UInt8(ascii: "\r") { text = text.dropLast() }
  return String(decoding: text, as: UTF8.self)
}

/// The byte offset of the `[` opening an internal DTD subset in the prolog, if there is one.
/// Skips a byte order mark, white space, processing instructions and comments up to the
/// DOCTYPE; anything else ends the prolog. (UTF-8 and ASCII documents only.)
private func internalSubsetOffset(in bytes: [UInt8]) -> Int? {
  func hasPrefix(_ prefix: String, at index: Int) -> Bool {
    let utf8 = Array(prefix.utf8)
    return index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8
  }
  func find(_ terminator: String, from index: Int) -> Int? {
    let utf8 = Array(terminator.utf8)
    var i = index
    while i + utf8.count <= bytes.count {
      if bytes[i] == utf8[0] && Array(bytes[i..<i + utf8.count]) == utf8 { return i + utf8.count }
      i += 1
    }
    return nil
  }
  var i = hasPrefix("\u{FEFF}", at: 0) ? 3 : 0
  while i < bytes.count {
    switch bytes[i] {
    case 0x20, 0x09, 0x0A, 0x0D:
      i += 1
    case UInt8(ascii: "<") where hasPrefix("<?", at: i):
      guard let end = find("?>", from: i + 2) else { return nil }
      i = end
    case UInt8(ascii: "<") where hasPrefix("<!--", at: i):
      guard let end = find("-->", from: i + 4) else { return nil }
      i = end
    case UInt8(ascii: "<") where hasPrefix("<!DOCTYPE", at: i):
      var quote: UInt8?
      var j = i + 9
      while j < bytes.count {
        let byte = bytes[j]
        if let open = quote {
          if byte == open { quote = nil }
        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          quote = byte
        } else if byte == UInt8(ascii: "[") {
          return j
        } else if byte == UInt8(ascii: ">") {
          return nil
        }
        j += 1
      }
      return nil
    default:
      return nil
    }
  }
  return nil
}
