// Cutting a text into pieces that normalize independently, so a whole file is normalized with
// memory bounded by a piece, not by its longest line.

/// The longest piece of a line `forEachNormalizationPiece` gives at once, in bytes (1 MiB).
package let normalizationPieceSize = 1 << 20

/// Calls `body` with the pieces of `bytes` (UTF-8) to normalize one at a time, in order: each
/// line without its line break (`endsLine` is true when a line break follows), and a line
/// longer than `pieceSize` bytes cut at the first place after each `pieceSize` bytes that
/// lies between two ASCII characters. Every form (NFC, NFD, NFKC, NFKD, case folding, the
/// matching key, which folds one NFD segment at a time) has a boundary there: an ASCII character
/// composes with no following ASCII character and is followed by no combining mark, so the
/// pieces' results joined are the line's result. A line without such a place stays whole.
/// - Complexity: O(n) for n bytes.
package func forEachNormalizationPiece(
  of bytes: UnsafeBufferPointer<UInt8>, pieceSize: Int = normalizationPieceSize,
  _ body: (UnsafeBufferPointer<UInt8>, _ endsLine: Bool) throws -> Void
) rethrows {
  precondition(pieceSize > 0, "a piece holds at least one byte")
  var start = 0
  while start <= bytes.count {
    var lineEnd = start
    while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
    var pieceStart = start
    // The search for a cut goes on from where it stopped: each byte is read once.
    var cut = pieceStart + pieceSize
    while cut < lineEnd {
      if bytes[cut - 1] < 0x80 && bytes[cut] < 0x80 {
        try body(UnsafeBufferPointer(rebasing: bytes[pieceStart..<cut]), false)
        pieceStart = cut
        cut = pieceStart + pieceSize
      } else {
        cut += 1
      }
    }
    try body(UnsafeBufferPointer(rebasing: bytes[pieceStart..<lineEnd]), lineEnd < bytes.count)
    start = lineEnd + 1
  }
}
