// The review report as one self-contained HTML page: no network, no external file; the text of
// the inputs always escaped, never markup.
import EntenteAlign
import EntenteTerms
import EntenteText
import Foundation

extension ReviewReport {
  /// The report as one HTML page that needs nothing else: its style sheet and script are in the
  /// page, and its Content-Security-Policy (`default-src 'none'`) forbids any request.
  ///
  /// Every character of the inputs is written as text: `<`, `>`, `&` and quotes as entities;
  /// control and invisible format characters (bidirectional controls, zero-width characters,
  /// U+2028 and U+2029, a lone carriage return) as a visible code (`U+202E`) so that they can
  /// neither change the page nor hide; U+00A0 and U+202F as themselves inside a span that the
  /// "show spaces" switch colours.
  /// - Parameter title: The page's title; by default the two file names.
  /// - Complexity: O(n + r + m log m) for the texts' length n, r rows and m marks.
  public func html(title: String? = nil) -> String {
    var page = HTMLWriter()
    page.reserve(
      sourceBytes: rows.reduce(0) {
        $0 + ($1.source?.text.utf8.count ?? 0) + ($1.target?.text.utf8.count ?? 0)
      })
    let heading =
      title ?? (isBilingualFile ? "Review of \(sourceName)" : "Review: \(sourceName) ↔ \(targetName)")
    page.raw(
      """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="generator" content="Entente \(ententeVersion)">
      <title>
      """)
    page.raw(HTMLWriter.attribute(heading))
    page.raw("</title>\n<style>\n\(Self.styleSheet)</style>\n</head>\n<body>\n<header id=\"top\">\n<h1>")
    page.text(heading)
    page.raw("</h1>\n<p class=\"files\">")
    if isBilingualFile {
      page.raw("Bilingual file: <span class=\"file\">")
      page.text(sourceName)
      page.raw("</span> (")
      page.text("\(sourceLanguage) → \(targetLanguage)")
      page.raw(")")
    } else {
      page.raw("Source: <span class=\"file\">")
      page.text(sourceName)
      page.raw("</span> (")
      page.text(sourceLanguage)
      page.raw(") · Target: <span class=\"file\">")
      page.text(targetName)
      page.raw("</span> (")
      page.text(targetLanguage)
      page.raw(")")
    }
    page.raw("</p>\n")
    writeSummary(into: &page)
    page.raw(
      """
      <div class="controls"><label><input type="checkbox" id="show-spaces"> show special spaces \
      (<span class="sp nbsp legend">&#xA0;</span> U+00A0, <span class="sp nnbsp legend">&#x202F;</span> \
      U+202F, <span class="sp thin legend">&#x2009;</span> U+2009)</label> \
      <span class="keys">Keys: <kbd>j</kbd>/<kbd>n</kbd> next problem, <kbd>k</kbd>/<kbd>p</kbd> previous, \
      <kbd>s</kbd> spaces, <kbd>Esc</kbd> all problems; ¶ a new paragraph</span> \
      <span class="legend-rows">Rows: <span class="key k-mid"></span> confidence 0.2–0.5, \
      <span class="key k-low"></span> below 0.2, <span class="key k-add"></span> addition, \
      <span class="key k-omit"></span> omission</span> <span id="position" aria-live="polite"></span></div>
      </header>
      <main>
      <table id="rows">
      <colgroup><col class="c-n"><col class="c-s"><col class="c-t"><col class="c-notes"></colgroup>
      <thead><tr><th scope="col" title="row number and the aligner's confidence">#</th><th scope="col">Source (
      """)
    page.text(sourceLanguage)
    page.raw(")</th><th scope=\"col\">Target (")
    page.text(targetLanguage)
    page.raw(")</th><th scope=\"col\">Notes</th></tr></thead>\n<tbody>\n")
    for index in rows.indices { writeRow(index, into: &page) }
    page.raw("</tbody>\n</table>\n</main>\n<script>\n\(Self.script)</script>\n</body>\n</html>\n")
    return page.result
  }

  /// Whether the rows are a bilingual file's units.
  var isBilingualFile: Bool { isBilingual }

  /// The categories of problems a row has, as the page's script and summary name them.
  func categories(of index: Int) -> [String] {
    let row = rows[index]
    var result: [String] = []
    switch row.kind {
    case .addition: result.append("addition")
    case .omission: result.append("omission")
    case .match, .unit: break
    }
    if row.kind == .match, let confidence = row.confidence, confidence < Self.lowConfidence {
      result.append("low")
    }
    var rules: [String] = []
    var hasFinding = false
    var missingQuote = false
    var targetOnly = false
    for mark in (row.source?.marks ?? []) + (row.target?.marks ?? []) {
      switch mark.kind {
      case .finding(let k):
        hasFinding = true
        rules.append("rule-" + findings[k].rule)
      case .quote(_, let rendered): if !rendered { missingQuote = true }
      case .targetQuote: targetOnly = true
      case .rendering: break
      }
    }
    if hasFinding { result.append("finding") }
    var seen = Set<String>()
    result += rules.filter { seen.insert($0).inserted }
    if missingQuote { result.append("qmiss") }
    if targetOnly { result.append("qorphan") }
    return result
  }

  /// The summary: counts that link to the first row of their kind and set what the keys visit.
  func writeSummary(into page: inout HTMLWriter) {
    var firstRow: [String: Int] = [:]
    var rowsPerCategory: [String: Int] = [:]
    for index in rows.indices {
      for category in categories(of: index) {
        if firstRow[category] == nil { firstRow[category] = index }
        rowsPerCategory[category, default: 0] += 1
      }
    }
    func count(_ value: Int, _ category: String?, _ label: String) {
      page.raw("<li>")
      if let category, value > 0, let first = firstRow[category] {
        page.raw("<a href=\"#r\(first + 1)\" data-cat=\"")
        page.text(category)
        page.raw("\">\(value)</a> ")
      } else {
        page.raw("<span class=\"count\">\(value)</span> ")
      }
      page.text(label)
      page.raw("</li>")
    }
    page.raw("<section id=\"summary\" aria-label=\"Summary\">\n<ul class=\"counts\">")
    if isBilingualFile {
      count(rows.count, nil, "units")
    } else {
      count(sourceSentenceCount, nil, "source sentences")
      count(targetSentenceCount, nil, "target sentences")
      let counts = rowCounts
      count(counts[.match] ?? 0, nil, "aligned rows")
      count(counts[.addition] ?? 0, "addition", "additions (target only)")
      count(counts[.omission] ?? 0, "omission", "omissions (source only)")
      count(rowsPerCategory["low"] ?? 0, "low", "low-confidence rows")
    }
    page.raw("</ul>\n")
    if !isBilingualFile {
      var shapes: [String: Int] = [:]
      for row in rows where row.kind == .match {
        shapes["\(row.sourceSentences.count)–\(row.targetSentences.count)", default: 0] += 1
      }
      page.raw("<p class=\"shapes\">Row shapes (source–target sentences): ")
      page.text(shapes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
      page.raw("</p>\n")
    }
    page.raw("<ul class=\"counts\">")
    count(findings.count, "finding", findings.count == 1 ? "finding" : "findings")
    var perRule: [String: Int] = [:]
    for finding in findings { perRule[finding.rule, default: 0] += 1 }
    for (rule, value) in perRule.sorted(by: { $0.key < $1.key }) {
      page.raw("<li class=\"rule\">")
      if let first = firstRow["rule-" + rule] {
        page.raw("<a href=\"#r\(first + 1)\" data-cat=\"")
        page.text("rule-" + rule)
        page.raw("\">\(value)</a> ")
      } else {
        page.raw("<span class=\"count\">\(value)</span> ")
      }
      page.raw("<code>")
      page.text(rule)
      page.raw("</code></li>")
    }
    page.raw("</ul>\n")
    if hasQuotes {
      let rendered = quotes.filter { $0.rendering != nil }.count
      page.raw("<ul class=\"counts\">")
      count(quotes.count, nil, "source quotes")
      count(rendered, nil, "rendered")
      count(quotes.count - rendered, "qmiss", "not rendered")
      count(targetOnlyQuotes, "qorphan", "target quotes with no source")
      page.raw("</ul>\n")
    }
    page.raw("</section>\n")
  }

  /// One row: number and confidence, the two cells, the notes.
  func writeRow(_ index: Int, into page: inout HTMLWriter) {
    let row = rows[index]
    var classes = ["row", row.kind.rawValue]
    if let confidence = row.confidence {
      classes.append(
        confidence >= 0.5 ? "conf-high" : confidence >= Self.lowConfidence ? "conf-mid" : "conf-low")
    }
    if row.kind != .unit && (row.source?.startsParagraph == true || row.target?.startsParagraph == true) {
      classes.append("para")
    }
    let categories = categories(of: index)
    page.raw("<tr id=\"r\(index + 1)\" class=\"\(classes.joined(separator: " "))\"")
    if !categories.isEmpty {
      page.raw(" data-cats=\"")
      page.text(categories.joined(separator: " "))
      page.raw("\"")
    }
    page.raw("><td class=\"n\">")
    if let unitID = row.unitID {
      page.raw("<span class=\"unit\" title=\"unit id\">")
      page.text(unitID)
      page.raw("</span>")
    } else {
      page.raw("<a href=\"#r\(index + 1)\">\(index + 1)</a>")
    }
    if let confidence = row.confidence {
      page.raw(
        "<span class=\"conf\">\(String(format: "%.2f", confidence))</span>"
      )
    }
    page.raw("</td>")
    var notes: [(kind: String, html: String)] = []
    for (cell, side, language) in [(row.source, "src", sourceLanguage), (row.target, "tgt", targetLanguage)] {
      guard let cell else {
        page.raw("<td class=\"\(side) empty\"><span class=\"empty-label\">")
        page.raw(row.kind == .addition ? "no source: added by the translation" : "not in the translation")
        page.raw("</span></td>")
        continue
      }
      // A finding about the whole cell (a term missing from the aligned sentence) marks the
      // cell, not its text, so that the words' own marks stay readable.
      let length = cell.text.utf8.count
      var wholeCell: [Mark] = []
      var inText = cell
      inText.marks = []
      for mark in cell.marks {
        if case .finding = mark.kind, length > 0, mark.range.lowerBound <= 0, mark.range.upperBound >= length
        {
          wholeCell.append(mark)
        } else {
          inText.marks.append(mark)
        }
      }
      page.raw("<td class=\"\(side)")
      if !wholeCell.isEmpty {
        let classes = spanClasses(wholeCell).replacingOccurrences(of: "f ", with: "f-cell ")
        page.raw(" \(classes)\" \(spanAttributes(wholeCell)) tabindex=\"0\"")
      } else {
        page.raw("\"")
      }
      page.raw(" lang=\"")
      page.text(language)
      page.raw("\" dir=\"ltr\">")
      for mark in wholeCell {
        if let (id, note) = anchorAndNote(mark.kind, cell: cell) {
          page.raw("<span class=\"anchor\" id=\"\(id)\"></span>")
          if let note { notes.append(note) }
        }
      }
      if cell.startsParagraph && row.kind != .unit {
        page.raw("<span class=\"pilcrow\">¶</span>")
      }
      notes += writeCell(inText, into: &page)
      page.raw("</td>")
    }
    page.raw("<td class=\"notes\">")
    var items: [String] = []
    switch row.kind {
    case .addition: items.append("<li class=\"n-add\">addition: the translation adds this</li>")
    case .omission: items.append("<li class=\"n-omit\">omission: the translation leaves this out</li>")
    case .match:
      if let confidence = row.confidence, confidence < Self.lowConfidence {
        items.append("<li class=\"n-low\">low confidence: check the alignment here</li>")
      }
    case .unit: break
    }
    items += notes.map(\.html)
    if !items.isEmpty { page.raw("<ul>" + items.joined() + "</ul>") }
    page.raw("</td></tr>\n")
  }

  /// The cell's text with its marks; returns the notes of the marks that start in it.
  func writeCell(_ cell: Cell, into page: inout HTMLWriter) -> [(kind: String, html: String)] {
    let bytes = Array(cell.text.utf8)
    func boundary(_ offset: Int) -> Int {
      var k = min(max(offset, 0), bytes.count)
      while k > 0 && k < bytes.count && bytes[k] & 0xC0 == 0x80 { k -= 1 }
      return k
    }
    let marks = cell.marks.map {
      Mark(
        range: boundary(
          $0.range.lowerBound)..<max(boundary($0.range.lowerBound), boundary($0.range.upperBound)),
        kind: $0.kind)
    }
    .enumerated().sorted {
      ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
    }.map(\.element)
    var cuts = Set([0, bytes.count])
    for mark in marks {
      cuts.insert(mark.range.lowerBound)
      cuts.insert(mark.range.upperBound)
    }
    let points = cuts.sorted()
    var notes: [(kind: String, html: String)] = []
    var next = 0
    var active: [Mark] = []
    for (a, b) in zip(points, points.dropFirst()) + [(bytes.count, bytes.count)] {
      active.removeAll { $0.range.upperBound <= a && !($0.range.isEmpty && $0.range.lowerBound == a) }
      while next < marks.count && marks[next].range.lowerBound <= a {
        let mark = marks[next]
        next += 1
        // The anchor of a mark's first piece, and its note.
        if let (id, note) = anchorAndNote(mark.kind, cell: cell) {
          page.raw("<span class=\"anchor\" id=\"\(id)\"></span>")
          if let note { notes.append(note) }
        }
        if mark.range.isEmpty {
          page.raw(
            "<span class=\"\(spanClasses([mark])) at\" \(spanAttributes([mark])) tabindex=\"0\">⁁</span>")
        } else {
          active.append(mark)
        }
      }
      guard a < b else { continue }
      let piece = bytes[a..<b]
      if active.isEmpty {
        page.text(piece)
      } else {
        page.raw("<span class=\"\(spanClasses(active))\" \(spanAttributes(active)) tabindex=\"0\">")
        page.text(piece)
        page.raw("</span>")
      }
    }
    return notes
  }

  /// The anchor id of a mark, when this is the first piece of what it marks, and its note.
  func anchorAndNote(_ kind: MarkKind, cell: Cell) -> (String, (kind: String, html: String)?)? {
    switch kind {
    case .quote(let k, let rendered):
      var note: (String, String)? = nil
      if !rendered {
        var html = HTMLWriter()
        html.raw("<li class=\"n-qmiss\"><a href=\"#q\(k + 1)\">quote not rendered</a>: “")
        html.text(quotes[k].text)
        html.raw("” (best score \(String(format: "%.2f", quotes[k].score)))</li>")
        note = ("qmiss", html.result)
      }
      return ("q\(k + 1)", note)
    case .rendering(let k): return ("qr\(k + 1)", nil)
    case .targetQuote(let k):
      return (
        "qo\(k + 1)",
        (
          "qorphan",
          "<li class=\"n-qorphan\"><a href=\"#qo\(k + 1)\">target quote with no source quote</a></li>"
        )
      )
    case .finding(let k):
      let finding = findings[k]
      var html = HTMLWriter()
      html.raw(
        "<li class=\"n-f sev-\(finding.severity.rawValue)\"><a href=\"#f\(k + 1)\" data-f=\"\(k + 1)\"><code>"
      )
      html.text(finding.rule)
      html.raw("</code></a> <span class=\"sev\">")
      html.text(finding.severity.rawValue)
      html.raw("</span>: ")
      html.text(finding.message)
      if let suggestion = finding.suggestion {
        html.raw(" <span class=\"sugg\">→ ")
        html.text(suggestion)
        html.raw("</span>")
      }
      html.raw("</li>")
      return ("f\(k + 1)", ("finding", html.result))
    }
  }

  func spanClasses(_ marks: [Mark]) -> String {
    var classes: [String] = []
    for mark in marks {
      switch mark.kind {
      case .quote(_, let rendered): classes.append(rendered ? "q" : "q qmiss")
      case .rendering: classes.append("qr")
      case .targetQuote: classes.append("qo")
      case .finding(let k): classes.append("f sev-\(findings[k].severity.rawValue)")
      }
    }
    var seen = Set<String>()
    return classes.joined(separator: " ").split(separator: " ").map(String.init).filter {
      seen.insert($0).inserted
    }
    .joined(separator: " ")
  }

  /// `data-q` (quote numbers, shared by a quote and its rendering), `data-f` (finding numbers)
  /// and a title, escaped.
  func spanAttributes(_ marks: [Mark]) -> String {
    var quoteIDs: [Int] = []
    var findingIDs: [Int] = []
    var titles: [String] = []
    for mark in marks {
      switch mark.kind {
      case .quote(let k, let rendered):
        quoteIDs.append(k + 1)
        titles.append(
          rendered
            ? "quote \(k + 1): rendered (score \(String(format: "%.2f", quotes[k].score)), confidence \(String(format: "%.2f", quotes[k].confidence)))"
            : "quote \(k + 1): not rendered")
      case .rendering(let k):
        quoteIDs.append(k + 1)
        titles.append("rendering of quote \(k + 1)")
      case .targetQuote: titles.append("a target quote with no source quote")
      case .finding(let k):
        findingIDs.append(k + 1)
        let finding = findings[k]
        titles.append(
          "\(finding.rule) (\(finding.severity.rawValue)): \(finding.message)"
            + (finding.suggestion.map { " → \($0)" } ?? ""))
      }
    }
    var result = ""
    if !quoteIDs.isEmpty { result += "data-q=\"\(quoteIDs.map(String.init).joined(separator: " "))\" " }
    if !findingIDs.isEmpty { result += "data-f=\"\(findingIDs.map(String.init).joined(separator: " "))\" " }
    return result + "title=\"\(HTMLWriter.attribute(titles.joined(separator: "\n")))\""
  }
}

/// Builds a page: markup written as it is, text always escaped.
struct HTMLWriter {
  private(set) var result = ""

  mutating func reserve(sourceBytes: Int) { result.reserveCapacity(sourceBytes * 2 + 65_536) }

  /// Markup, written as given.
  mutating func raw(_ markup: String) { result += markup }

  /// `text` for an attribute value or the page's title: `& < > " '` as entities, controls and
  /// invisible format characters as their code (`U+202E`), special spaces as numeric
  /// references; never markup.
  static func attribute(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\n": result += "&#10;"
      default:
        if isShownAsCode(scalar) {
          result += "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        } else if scalar == "\u{A0}" || scalar == "\u{202F}" || scalar == "\u{2009}" {
          result += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  /// Text, escaped: it can never become markup (see `ReviewReport.html(title:)`).
  mutating func text(_ text: String) { append(ArraySlice(text.utf8)) }

  /// UTF-8 text, escaped.
  mutating func text(_ bytes: ArraySlice<UInt8>) { append(bytes) }

  private mutating func append(_ bytes: ArraySlice<UInt8>) {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 8 + 16)
    var k = bytes.startIndex
    while k < bytes.endIndex {
      let byte = bytes[k]
      if byte < 0x80 {
        switch byte {
        case 0x26: output += Self.ampersand
        case 0x3C: output += Self.lessThan
        case 0x3E: output += Self.greaterThan
        case 0x22: output += Self.quotationMark
        case 0x27: output += Self.apostrophe
        case 0x0A, 0x09: output.append(byte)
        case 0x0D where k + 1 < bytes.endIndex && bytes[k + 1] == 0x0A: break
        case 0x20...0x7E: output.append(byte)
        default: output += Self.code(Unicode.Scalar(byte))
        }
        k += 1
        continue
      }
      // A multi-byte character: its length from the lead byte (the text is valid UTF-8).
      let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
      let end = min(k + length, bytes.endIndex)
      let scalar = String(decoding: bytes[k..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
      switch scalar {
      case "\u{A0}": output += Self.noBreakSpace
      case "\u{202F}": output += Self.narrowNoBreakSpace
      case "\u{2009}": output += Self.thinSpace
      default:
        if Self.isShownAsCode(scalar) { output += Self.code(scalar) } else { output += bytes[k..<end] }
      }
      k = end
    }
    result += String(decoding: output, as: UTF8.self)
  }

  private static let ampersand = Array("&amp;".utf8)
  private static let lessThan = Array("&lt;".utf8)
  private static let greaterThan = Array("&gt;".utf8)
  private static let quotationMark = Array("&quot;".utf8)
  private static let apostrophe = Array("&#39;".utf8)
  private static let noBreakSpace = Array("<span class=\"sp nbsp\">&#xA0;</span>".utf8)
  private static let narrowNoBreakSpace = Array("<span class=\"sp nnbsp\">&#x202F;</span>".utf8)
  private static let thinSpace = Array("<span class=\"sp thin\">&#x2009;</span>".utf8)

  /// A character shown as its code point, in a span the style sheet frames.
  private static func code(_ scalar: Unicode.Scalar) -> [UInt8] {
    let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
    return Array("<span class=\"ctl\" title=\"\(code)\">\(code)</span>".utf8)
  }

  /// Characters that would be invisible or act on the page: controls, bidirectional and other
  /// format characters, line and paragraph separators, noncharacters and private use.
  static func isShownAsCode(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
    switch scalar.properties.generalCategory {
    case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned:
      return true
    default: return scalar.properties.isNoncharacterCodePoint
    }
  }
}

extension String {
  /// The string with zeros in front up to `width` characters.
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
