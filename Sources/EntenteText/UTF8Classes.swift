// Byte and scalar classes on UTF-8 for the segmentation rules: spaces, scalar decoding, letter
// case (ICU), terminators, quotation marks, brackets and list marks.
internal import CICUShim

@inline(__always) func isASCIISpace(_ b: UInt8) -> Bool {
  b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
}

/// Width of a non-ASCII space (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000, U+1680, U+0085,
/// U+2028, U+2029) starting at `i`, or 0.
@inline(__always) func startsWithUnicodeSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
  let c = b[i]
  if c == 0xC2 && i + 1 < end && (b[i + 1] == 0xA0 || b[i + 1] == 0x85) { return 2 }
  if c == 0xE2 && i + 2 < end {
    let c1 = b[i + 1]
    let c2 = b[i + 2]
    if c1 == 0x80 && ((0x80...0x8A).contains(c2) || c2 == 0xAF || c2 == 0xA8 || c2 == 0xA9) { return 3 }
    if c1 == 0x81 && c2 == 0x9F { return 3 }
  }
  if c == 0xE3 && i + 2 < end && b[i + 1] == 0x80 && b[i + 2] == 0x80 { return 3 }
  if c == 0xE1 && i + 2 < end && b[i + 1] == 0x9A && b[i + 2] == 0x80 { return 3 }
  return 0
}

/// Width of a non-ASCII space ending just before `e`, or 0.
@inline(__always) func endsWithUnicodeSpace(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
  if e - 2 >= s && b[e - 2] == 0xC2 && (b[e - 1] == 0xA0 || b[e - 1] == 0x85) { return 2 }
  if e - 3 >= s && startsWithUnicodeSpace(b, e - 3, e) == 3 { return 3 }
  return 0
}

/// Decodes the scalar starting at `i` (valid UTF-8 assumed); returns (value, width).
@inline(__always) func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
  let c = b[i]
  if c < 0x80 { return (UInt32(c), 1) }
  if c < 0xE0 { return (UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
  if c < 0xF0 {
    return (UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
  }
  return (
    UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6
      | UInt32(b[i + 3] & 0x3F), 4
  )
}

/// Start of the scalar that ends just before `i`.
@inline(__always) func scalarStart(before i: Int, _ b: UnsafeBufferPointer<UInt8>) -> Int {
  var k = i - 1
  while k > 0 && b[k] & 0xC0 == 0x80 { k -= 1 }
  return k
}

enum LetterCase { case upper, lower, other, notLetter }

@inline(__always) func letterCase(_ u: UInt32) -> LetterCase {
  if u < 0x80 {
    if u >= 0x41 && u <= 0x5A { return .upper }
    if u >= 0x61 && u <= 0x7A { return .lower }
    return .notLetter
  }
  switch ent_letter_case(Int32(bitPattern: u)) {
  case 1: return .upper
  case 2: return .lower
  case 0: return .other
  default: return .notLetter
  }
}

@inline(__always) func isDigit(_ u: UInt32) -> Bool { u >= 0x30 && u <= 0x39 }

@inline(__always) func isSpaceScalar(_ u: UInt32) -> Bool {
  u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0x0B || u == 0x0C || u == 0xA0
    || u == 0x85 || (u >= 0x2000 && u <= 0x200A) || u == 0x202F || u == 0x205F || u == 0x3000
    || u == 0x2028 || u == 0x2029 || u == 0x1680
}

/// Sentence terminators the rules know: . ! ? … ‼ ⁇ ⁈ ⁉ and the full-width forms of ! ? .
@inline(__always) func isTerminator(_ u: UInt32) -> Bool {
  u == 0x2E || u == 0x21 || u == 0x3F || u == 0x2026 || u == 0x203C || u == 0x2047 || u == 0x2048
    || u == 0x2049 || u == 0xFF01 || u == 0xFF1F || u == 0xFF0E
}

/// Closing quotation marks and brackets that stay with the sentence they follow.
@inline(__always) func isClosingMark(_ u: UInt32) -> Bool {
  switch u {
  case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0xBB, 0x2019, 0x201D, 0x203A, 0x300D, 0x300F, 0xFF09: true
  default: false
  }
}

/// Closing marks that may be preceded by a space in French typography (» › ”).
@inline(__always) func isSpacedClosingMark(_ u: UInt32) -> Bool { u == 0xBB || u == 0x203A || u == 0x201D }

/// Opening quotation marks and brackets.
@inline(__always) func isOpeningMark(_ u: UInt32) -> Bool {
  switch u {
  case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0xAB, 0x2018, 0x201C, 0x201E, 0x2039, 0xBF, 0xA1, 0x300C, 0x300E: true
  default: false
  }
}

/// List markers and dialogue dashes: - • * – — · ▪ ► ‣ ◦.
@inline(__always) func isListMark(_ u: UInt32) -> Bool {
  switch u {
  case 0x2D, 0x2A, 0x2022, 0x2013, 0x2014, 0xB7, 0x25AA, 0x25BA, 0x2023, 0x25E6, 0x2043: true
  default: false
  }
}

/// Superscript digits used as footnote calls.
@inline(__always) func isSuperscriptDigit(_ u: UInt32) -> Bool {
  u == 0xB9 || u == 0xB2 || u == 0xB3 || (u >= 0x2070 && u <= 0x2079)
}
