// Marked text for tests: write the expected places inside the test string instead of counting
// offsets (after swift-format's MarkedText). Offsets are UTF-8 byte offsets into the text with
// the markers removed, the unit every EntenteText range uses.

/// A test string with its markers removed and the places they marked.
public struct MarkedText: Sendable {
  /// The text without markers.
  public let text: String
  /// Ranges written `⟦…⟧`, in order of their opening marker (they may nest).
  public let ranges: [Range<Int>]
  /// Points written `¦`, in order.
  public let points: [Int]

  /// Parses `marked`: `⟦` opens a range, `⟧` closes the innermost open one, `¦` marks a point.
  public init(_ marked: String) {
    var text = ""
    var open: [(index: Int, start: Int)] = []
    var ranges: [(Int, Range<Int>)] = []
    var points: [Int] = []
    var order = 0
    for scalar in marked.unicodeScalars {
      let offset = text.utf8.count
      switch scalar {
      case "⟦":
        open.append((order, offset))
        order += 1
      case "⟧":
        let start = open.removeLast()
        ranges.append((start.index, start.start..<offset))
      case "¦":
        points.append(offset)
      default:
        text.unicodeScalars.append(scalar)
      }
    }
    precondition(open.isEmpty, "unclosed ⟦ in marked text")
    self.text = text
    self.ranges = ranges.sorted { $0.0 < $1.0 }.map(\.1)
    self.points = points
  }

  /// The text of `range` (UTF-8 byte offsets).
  public func slice(_ range: Range<Int>) -> String {
    let utf8 = Array(text.utf8)
    return String(decoding: utf8[range], as: UTF8.self)
  }
}
