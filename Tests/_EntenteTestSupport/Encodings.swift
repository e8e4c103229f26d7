// Test inputs in other encodings.

/// `text` in UTF-16 with a byte-order mark.
public func utf16WithBOM(_ text: String, littleEndian: Bool) -> [UInt8] {
  var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
  for unit in text.utf16 {
    let (low, high) = (UInt8(unit & 0xFF), UInt8(unit >> 8))
    bytes += littleEndian ? [low, high] : [high, low]
  }
  return bytes
}
