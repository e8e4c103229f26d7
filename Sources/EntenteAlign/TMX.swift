// TMX 1.4b output: one translation unit per bead.
import EntenteText

/// The header fields of a TMX 1.4b document.
public struct TMXHeader: Sendable, Hashable {
  public var creationTool = "Entente"
  public var creationToolVersion = ententeVersion
  public var sourceLanguage: String
  public var targetLanguage: String
  public var adminLanguage = "en"

  public init(sourceLanguage: String, targetLanguage: String) {
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
  }
}

/// Writes an alignment as a TMX 1.4b document.
///
/// The header carries `creationtool`, `creationtoolversion`, `segtype="sentence"`, `o-tmf`,
/// `adminlang`, `srclang` and `datatype="plaintext"`. Each bead with sentences on both sides
/// becomes a `<tu>` with a `<tuv xml:lang>` per language; the sentences of a side are joined
/// with a space, line breaks inside them become spaces. A bead with an empty side (an omission
/// or an addition) becomes a `<tu>` with the one `<tuv>` it has, so the file says what the
/// translation adds and leaves out (translation-memory tools pair nothing with it). Each `<tu>`
/// keeps the bead's kind as `<prop type="x-entente-kind">` (`match`, `addition`, `omission`) and
/// its confidence as `<prop type="x-entente-confidence">`.
public func tmxDocument(_ beads: [Bead], source: [String], target: [String], header: TMXHeader) -> String {
  var out = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE tmx SYSTEM "tmx14.dtd">
    <tmx version="1.4">
      <header creationtool="\(xmlEscaped(header.creationTool))" \
    creationtoolversion="\(xmlEscaped(header.creationToolVersion))" segtype="sentence" \
    o-tmf="Entente" adminlang="\(xmlEscaped(header.adminLanguage))" \
    srclang="\(xmlEscaped(header.sourceLanguage))" datatype="plaintext"/>
      <body>

    """
  for bead in beads {
    out += "    <tu>\n"
    out += "      <prop type=\"x-entente-kind\">\(bead.kind.rawValue)</prop>\n"
    out += "      <prop type=\"x-entente-confidence\">\(String(format: "%.4f", bead.confidence))</prop>\n"
    if !bead.source.isEmpty {
      let s = bead.source.map { oneLine(source[$0]) }.joined(separator: " ")
      out +=
        "      <tuv xml:lang=\"\(xmlEscaped(header.sourceLanguage))\"><seg>\(xmlEscaped(s))</seg></tuv>\n"
    }
    if !bead.target.isEmpty {
      let t = bead.target.map { oneLine(target[$0]) }.joined(separator: " ")
      out +=
        "      <tuv xml:lang=\"\(xmlEscaped(header.targetLanguage))\"><seg>\(xmlEscaped(t))</seg></tuv>\n"
    }
    out += "    </tu>\n"
  }
  out += "  </body>\n</tmx>\n"
  return out
}
