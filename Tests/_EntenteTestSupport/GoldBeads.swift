// Gold alignments in Vecalign's format: one bead per line, `[0, 1]:[2]`, 0-based.
import Foundation

/// The beads of a gold file: source and target sentence indices per line.
public func goldBeads(at url: URL) throws -> [([Int], [Int])] {
  let text = try String(contentsOf: url, encoding: .utf8)
  return text.split(separator: "\n").map { line in
    let parts = line.split(separator: ":", omittingEmptySubsequences: false)
    func indices(_ part: Substring) -> [Int] {
      part.dropFirst().dropLast().split(separator: ",").compactMap {
        Int($0.trimmingCharacters(in: .whitespaces))
      }
    }
    return (indices(parts[0]), indices(parts[1]))
  }
}
