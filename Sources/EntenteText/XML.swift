// XML text escaping, shared by every XML writer (TMX, TBX).

/// `text` with XML's special characters escaped, and characters XML 1.0 forbids dropped.
public func xmlEscaped(_ text: String) -> String {
  var result = ""
  result.reserveCapacity(text.utf8.count)
  for scalar in text.unicodeScalars {
    switch scalar {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    default:
      let v = scalar.value
      if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D || v == 0xFFFE || v == 0xFFFF { continue }
      result.unicodeScalars.append(scalar)
    }
  }
  return result
}
