import EntenteText
import Foundation
import Testing

@Suite("JSON lines")
struct JSONLinesTests {
  @Test("One compact line per value, keys sorted, slashes and line separators raw, controls escaped")
  func line() throws {
    let record = SentenceRecord(
      text: "a/b \"c\"\t\u{2028}\u{2029}\u{1}é", start: 0, end: 19, paragraph: 0, line: 1, column: 1)
    let line = try JSONLinesEncoder().line(record)
    #expect(
      line
        == #"{"column":1,"end":19,"line":1,"paragraph":0,"start":0,"text":"a/b \"c\"\t"#
        + "\u{2028}\u{2029}" + #"\u0001é"}"# + "\n")
    #expect(line.filter { $0 == "\n" }.count == 1)
    #expect(try JSONDecoder().decode(SentenceRecord.self, from: Data(line.utf8)) == record)
  }
}
