import EntenteText
import Foundation
let args = CommandLine.arguments
let data = try Data(contentsOf: URL(fileURLWithPath: args[1]))
let src = try SourceText(decoding: Array(data), name: args[1])
let seg = try SentenceSegmenter(language: args[2])
var out = ""
for s in try seg.sentences(in: src.text) {
  out += src.text.slice(utf8: s.range).replacingOccurrences(of: "\n", with: " ") + "\n"
}
print(out, terminator: "")
