// The general entities of an XML document's internal subset, which XMLReader expands itself
// (libxml2 only reports their declarations and references): text-only entities, within a budget.

/// Why an entity reference could not be expanded.
struct XMLEntityError: Error {
  var problem: XMLProblem
}

/// The general entities declared in a document's internal subset, and the budget their expansion
/// draws on: every byte produced, and every reference expanded inside an entity's text (as many
/// bytes as it is written with), so that neither an entity bomb ("billion laughs") nor one whose
/// leaves are empty (references producing nothing, 10^10 of them) runs on.
struct XMLEntities {
  /// What a name stands for.
  private enum Definition {
    /// An internal entity's replacement text (character references already replaced).
    case text([UInt8])
    /// An external entity (`SYSTEM` or `PUBLIC`), never loaded.
    case external
    /// A name referred to in an entity's text but never declared.
    case undeclared
  }

  /// A piece of an internal entity's replacement text, split once, on its first expansion.
  private enum Piece {
    /// Bytes of the text, as they are.
    case text(Range<Int>)
    /// A predefined entity (`&lt;`…): its character, and the bytes its reference is written with.
    case character(UInt8, cost: Int)
    /// A reference to the entity numbered `entity`, and the bytes it is written with.
    case reference(entity: Int, cost: Int)
    /// A '<': markup, which is not expanded.
    case markup
  }

  /// Entity numbers by name: the indices of `names`, `definitions`, `pieces` and `isOpen`.
  private var numbers: [String: Int] = [:]
  private var names: [String] = []
  private var definitions: [Definition] = []
  private var pieces: [[Piece]?] = []
  /// Whether the entity is being expanded (a reference to it now is recursive).
  private var isOpen: [Bool] = []
  /// What the budget started at, in bytes.
  let budget: Int
  /// What is left of the budget.
  private(set) var budgetLeft: Int

  init(budget: Int) {
    self.budget = budget
    budgetLeft = budget
  }

  /// Declares entity `name` with its replacement text, or nil for an external entity; the
  /// first declaration of a name wins, as XML says.
  mutating func declare(_ name: String, replacement: [UInt8]?) {
    let entity = number(of: name)
    guard case .undeclared = definitions[entity] else { return }
    definitions[entity] = replacement.map { .text($0) } ?? .external
  }

  /// The number of entity `name`, which is added (undeclared) when it is new.
  private mutating func number(of name: String) -> Int {
    if let entity = numbers[name] { return entity }
    let entity = names.count
    numbers[name] = entity
    names.append(name)
    definitions.append(.undeclared)
    pieces.append(nil)
    isOpen.append(false)
    return entity
  }

  /// Appends the replacement text of entity `name` to `output`, the references in it expanded in
  /// turn (predefined ones too), drawing on the budget.
  /// - Throws: `XMLEntityError` for an entity that is undeclared, external, recursive or holds
  ///   markup, or when the budget runs out (nothing past the budget is appended).
  /// - Complexity: O(b) in the budget spent, which bounds the work: each piece expanded costs at
  ///   least one byte. Memory O(e) in the entities open at once (there is no recursion), plus the
  ///   pieces of each entity expanded, split once in O(its length).
  mutating func expand(_ name: String, into output: inout [UInt8]) throws(XMLEntityError) {
    var open: [(entity: Int, piece: Int)] = []
    defer { for (entity, _) in open { isOpen[entity] = false } }
    try enter(number(of: name), on: &open)
    while let (entity, index) = open.last {
      guard let entityPieces = pieces[entity], index < entityPieces.count else {
        open.removeLast()
        isOpen[entity] = false
        continue
      }
      open[open.count - 1].piece = index + 1
      switch entityPieces[index] {
      case .text(let range):
        try spend(range.count)
        guard case .text(let text) = definitions[entity] else { continue }
        output.append(contentsOf: text[range])
      case .character(let character, let cost):
        try spend(cost)
        output.append(character)
      case .reference(let inner, let cost):
        try spend(cost)
        try enter(inner, on: &open)
      case .markup:
        throw XMLEntityError(problem: .entityWithMarkup(names[entity]))
      }
    }
  }

  /// Opens entity `entity` for expansion: checks that it can be expanded and splits its text.
  private mutating func enter(_ entity: Int, on open: inout [(entity: Int, piece: Int)])
    throws(XMLEntityError)
  {
    let name = names[entity]
    switch definitions[entity] {
    case .undeclared: throw XMLEntityError(problem: .undeclaredEntity(name))
    case .external: throw XMLEntityError(problem: .externalEntity(name))
    case .text(let text):
      guard !isOpen[entity] else { throw XMLEntityError(problem: .recursiveEntity(name)) }
      if pieces[entity] == nil { pieces[entity] = split(text) }
    }
    isOpen[entity] = true
    open.append((entity, 0))
  }

  /// Takes `cost` bytes from the budget.
  private mutating func spend(_ cost: Int) throws(XMLEntityError) {
    budgetLeft -= cost
    if budgetLeft < 0 { throw XMLEntityError(problem: .entityExpansionLimit(limit: budget)) }
  }

  /// Splits a replacement text into text, references and markup. A '&' that does not start a
  /// reference (a character reference `&#38;` leaves a bare '&' in the replacement text) is text.
  /// - Complexity: O(m) in the length of `text`.
  private mutating func split(_ text: [UInt8]) -> [Piece] {
    var result: [Piece] = []
    var runStart = 0
    func endRun(at end: Int) {
      if end > runStart { result.append(.text(runStart..<end)) }
    }
    text.withUnsafeBufferPointer { text in
      var i = 0
      while i < text.count {
        if text[i] == UInt8(ascii: "<") {
          endRun(at: i)
          result.append(.markup)
          runStart = i + 1
        } else if text[i] == UInt8(ascii: "&"), let end = Self.referenceEnd(in: text, at: i) {
          endRun(at: i)
          let name = String(decoding: text[(i + 1)..<end], as: UTF8.self)
          let cost = end + 1 - i
          if let character = Self.predefinedCharacter(name) {
            result.append(.character(character, cost: cost))
          } else {
            result.append(.reference(entity: number(of: name), cost: cost))
          }
          i = end
          runStart = end + 1
        }
        i += 1
      }
      endRun(at: text.count)
    }
    return result
  }

  /// The index of the ';' that ends the reference whose '&' is at `ampersand`, or nil when a
  /// byte that no name holds (white space, '&', '<') or the end comes first.
  /// - Complexity: O(k) in the bytes up to the next '&' at most, so O(m) for all the references
  ///   of a text.
  static func referenceEnd(in text: UnsafeBufferPointer<UInt8>, at ampersand: Int) -> Int? {
    var j = ampersand + 1
    while j < text.count {
      switch text[j] {
      case UInt8(ascii: ";"): return j > ampersand + 1 ? j : nil
      case UInt8(ascii: "&"), UInt8(ascii: "<"), 0...0x20: return nil
      default: j += 1
      }
    }
    return nil
  }

  /// The character a predefined entity (`lt`, `gt`, `amp`, `apos`, `quot`) stands for, or nil.
  static func predefinedCharacter(_ name: String) -> UInt8? {
    switch name {
    case "lt": UInt8(ascii: "<")
    case "gt": UInt8(ascii: ">")
    case "amp": UInt8(ascii: "&")
    case "apos": UInt8(ascii: "'")
    case "quot": UInt8(ascii: "\"")
    default: nil
    }
  }
}
