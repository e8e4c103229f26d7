// Paragraph splitting on UTF-8 bytes: blank lines or U+2029 (text mode), or every line (lines mode).

/// The paragraphs of `text` in `mode` (UTF-8 byte ranges, trimmed; blank paragraphs omitted).
/// - Complexity: O(n).
public func paragraphs(of text: String, mode: InputMode) -> [Paragraph] {
  var copy = text
  return copy.withUTF8 { paragraphs(of: $0, mode: mode) }
}

func paragraphs(of bytes: UnsafeBufferPointer<UInt8>, mode: InputMode) -> [Paragraph] {
  var result: [Paragraph] = []
  let n = bytes.count
  var lineStart = 0
  var blockStart = -1  // first byte of the current paragraph's first non-blank line
  var blockEnd = 0  // end of its last non-blank line
  func close() {
    guard blockStart >= 0 else { return }
    var s = blockStart
    var e = blockEnd
    while s < e, isASCIISpace(bytes[s]) || startsWithUnicodeSpace(bytes, s, e) > 0 {
      s += isASCIISpace(bytes[s]) ? 1 : startsWithUnicodeSpace(bytes, s, e)
    }
    while e > s, isASCIISpace(bytes[e - 1]) || endsWithUnicodeSpace(bytes, s, e) > 0 {
      e -= isASCIISpace(bytes[e - 1]) ? 1 : endsWithUnicodeSpace(bytes, s, e)
    }
    if s < e { result.append(Paragraph(range: s..<e, index: result.count)) }
    blockStart = -1
  }
  while lineStart <= n {
    // A line ends at LF, or at U+2029 PARAGRAPH SEPARATOR (E2 80 A9), which also ends the paragraph.
    var lineEnd = lineStart
    var separatorWidth = 1
    var endsParagraph = false
    while lineEnd < n {
      let b = bytes[lineEnd]
      if b == 0x0A { break }
      if b == 0xE2 && lineEnd + 2 < n && bytes[lineEnd + 1] == 0x80 && bytes[lineEnd + 2] == 0xA9 {
        separatorWidth = 3
        endsParagraph = true
        break
      }
      lineEnd += 1
    }
    var blank = true
    var k = lineStart
    while k < lineEnd {
      let b = bytes[k]
      if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C {
        k += 1
      } else if let w = Optional(startsWithUnicodeSpace(bytes, k, lineEnd)), w > 0 {
        k += w
      } else {
        blank = false
        break
      }
    }
    switch mode {
    case .lines:
      if !blank {
        blockStart = lineStart
        blockEnd = lineEnd
        close()
      }
    case .text:
      if blank {
        close()
      } else {
        if blockStart < 0 { blockStart = lineStart }
        blockEnd = lineEnd
      }
      if endsParagraph { close() }
    }
    if lineEnd >= n { break }
    lineStart = lineEnd + separatorWidth
  }
  close()
  return result
}
