import EntenteAlign
import Foundation
import Testing

@Suite("Bilingual lexicons")
struct LexiconTests {
  /// A fresh folder for a test's files.
  final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "entente-lexicon-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ bytes: [UInt8]) throws {
      try Data(bytes).write(to: url.appendingPathComponent(name))
    }
  }

  /// dictd's base64 digits for `value`.
  static func base64(_ value: Int) -> String {
    let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var value = value
    var result = ""
    repeat {
      result = String(digits[value % 64]) + result
      value /= 64
    } while value > 0
    return result
  }

  /// Writes a dictd dictionary (`name.index` and `name.dict`, gzipped to `name.dict.dz` when
  /// `compressed`) holding `entries` (headword, entry text).
  static func writeDictd(_ entries: [(String, String)], name: String, in folder: Folder, compressed: Bool)
    throws
  {
    var body: [UInt8] = Array("00-database-info\nA test dictionary.\n".utf8)
    var index = "00databaseinfo\tA\t\(base64(body.count))\n"
    for (headword, entry) in entries {
      let bytes = Array(entry.utf8)
      index += "\(headword)\t\(base64(body.count))\t\(base64(bytes.count))\n"
      body += bytes
    }
    try folder.write(name + ".index", Array(index.utf8))
    try folder.write(name + ".dict", body)
    if compressed {
      let gzip = Process()
      gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
      gzip.arguments = ["-S", ".dz", folder.path(name + ".dict")]
      try gzip.run()
      gzip.waitUntilExit()
      #expect(gzip.terminationStatus == 0)
    }
  }

  @Test("FreeDict entries: numbered senses, commas, notes; phrases left out", arguments: [false, true])
  func freeDict(compressed: Bool) throws {
    let folder = try Folder()
    try Self.writeDictd(
      [
        ("cat", "cat /kæt/\n1. mégère, peau de vache\n2. chat\n"),
        ("weapon", "weapon /wepən/\narme\n"),
        ("to export", "to export /ɪkˈspɔːt/ <verb>\nexporter (marchandises)\n"),
      ], name: "freedict-eng-fra", in: folder, compressed: compressed)
    let lexicon = try BilingualLexicon.freeDict(
      index: folder.path("freedict-eng-fra.index"),
      dictionary: folder.path(compressed ? "freedict-eng-fra.dict.dz" : "freedict-eng-fra.dict"))
    #expect(lexicon.translations["cat"] == ["megere", "chat"])
    #expect(lexicon.translations["weapon"] == ["arme"])
    #expect(lexicon.translations["export"] == ["exporter"])
    #expect(lexicon.reversed().translations["arme"] == ["weapon"])
  }

  /// A dictzip file (gzip whose header lists 32-byte chunks compressed apart, as `dictzip`
  /// writes them; made with Python's zlib) holding the same three entries as `freeDict`, which
  /// cross chunk boundaries.
  static let dictzip = Array(
    Data(
      base64Encoded:
        "H4sIBAAAAAACAxQAUkEQAAEAIAAFACYAJwAmACIAEgAyMNBNSSxJTEosTtXNzEvL53JUKEktLlFIyUwuyczPSwQAAAD//yqq1ONKTixR0M8+vKxEn8tQTyH38Mr0wyuKUnUUClITSwEAAAD//1JISVUoS0zOSOUy0lNIzkgs4SpPTSzIz1PQL08tODkzDwAAAP//0udKLMpN5SrJV0itKMgvKlGwKUstSrLjgvBSiwAAAAD//1PQyE0sSs5IzEvJLE4t1uQCADMO/9GQAAAA"
    )!)
  static let dictzipIndex = "00databaseinfo\tA\tk\ncat\tk\tu\nweapon\tBS\tV\nto export\tBn\tp\n"

  @Test("dictzip: entries are read from their chunks; a corrupt chunk is an error naming the file")
  func dictzip() throws {
    let folder = try Folder()
    try folder.write("dz.index", Array(Self.dictzipIndex.utf8))
    try folder.write("dz.dict.dz", Self.dictzip)
    let lexicon = try BilingualLexicon.freeDict(
      index: folder.path("dz.index"), dictionary: folder.path("dz.dict.dz"))
    #expect(lexicon.translations["cat"] == ["megere", "chat"])
    #expect(lexicon.translations["weapon"] == ["arme"])
    #expect(lexicon.translations["export"] == ["exporter"])
    // Zero the third chunk (the compressed data starts after the 32-byte header; the chunks
    // are 38, 39, 38, 34 and 18 bytes).
    var damaged = Self.dictzip
    for k in (32 + 38 + 39)..<(32 + 38 + 39 + 38) { damaged[k] = 0 }
    try folder.write("bad.dict.dz", damaged)
    #expect {
      try BilingualLexicon.freeDict(index: folder.path("dz.index"), dictionary: folder.path("bad.dict.dz"))
    } throws: { error in
      guard case .corruptDictionary(let file, _, _) = error as? AlignmentError else { return false }
      return file == folder.path("bad.dict.dz")
    }
  }

  @Test("The installed FreeDict dictionaries of a pair are found in both directions")
  func installed() throws {
    let folder = try Folder()
    try Self.writeDictd(
      [("weapon", "weapon\narme\n")], name: "freedict-eng-fra", in: folder, compressed: true)
    try Self.writeDictd(
      [("obus", "obus <n>\nshell\n")], name: "freedict-fra-eng", in: folder, compressed: false)
    let lexicon = try BilingualLexicon.installedFreeDict(source: "en", target: "fr", folder: folder.url.path)
    #expect(lexicon.translations["weapon"] == ["arme"] && lexicon.translations["shell"] == ["obus"])
    #expect(
      try BilingualLexicon.installedFreeDict(source: "en", target: "fr", folder: folder.path("none")).isEmpty)
  }

  @Test("hunalign dictionaries: target @ source")
  func hunalign() throws {
    let folder = try Folder()
    try folder.write("en-fr.dic", Array("arme @ weapon\nobus d'artillerie @ artillery shell\n".utf8))
    let lexicon = try BilingualLexicon.hunalign(folder.path("en-fr.dic"))
    #expect(lexicon.translations == ["weapon": ["arme"]])
  }

  @Test("Corrupt or malformed dictionaries are errors naming the file and line")
  func errors() throws {
    let folder = try Folder()
    try folder.write("bad.index", Array("cat\tA\tB\nbroken line\n".utf8))
    try folder.write("bad.dict", Array(repeating: 0x61, count: 8000))
    #expect(
      throws: AlignmentError.malformedIndex(file: folder.path("bad.index"), line: 2, text: "broken line")
    ) {
      try BilingualLexicon.freeDict(index: folder.path("bad.index"), dictionary: folder.path("bad.dict"))
    }
    try folder.write("short.index", Array("cat\tb6r\t1\n".utf8))
    try folder.write("short.dict", Array("x".utf8))
    #expect(throws: AlignmentError.self) {
      try BilingualLexicon.freeDict(index: folder.path("short.index"), dictionary: folder.path("short.dict"))
    }
    try folder.write(
      "corrupt.dict.dz", [0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x00, 0x11, 0x22])
    try folder.write("corrupt.index", Array("cat\tA\tB\n".utf8))
    #expect(throws: AlignmentError.self) {
      try BilingualLexicon.freeDict(
        index: folder.path("corrupt.index"), dictionary: folder.path("corrupt.dict.dz"))
    }
    try folder.write("bad.dic", Array("arme @ weapon\nno separator here\n".utf8))
    #expect(
      throws: AlignmentError.malformedHunalignLine(
        file: folder.path("bad.dic"), line: 2, text: "no separator here")
    ) {
      try BilingualLexicon.hunalign(folder.path("bad.dic"))
    }
    try folder.write(
      "latin1.dic", [0x63, 0x61, 0x66, 0xE9, 0x20, 0x40, 0x20, 0x63, 0x6F, 0x66, 0x66, 0x65, 0x65])
    let latin1 = folder.path("latin1.dic")
    #expect(
      throws: AlignmentError.unreadableDictionary(
        file: latin1, cause: .invalidUTF8(file: latin1, line: 1, column: 4, byte: 0xE9))
    ) {
      try BilingualLexicon.hunalign(latin1)
    }
    #expect(
      AlignmentError.unreadableDictionary(
        file: latin1, cause: .invalidUTF8(file: latin1, line: 1, column: 4, byte: 0xE9)
      ).description.hasPrefix("\(latin1):1:4: error: cannot read the dictionary: invalid UTF-8 (byte 0xE9)"))
  }

  @Test("A dictionary pair helps where nothing else links two sentences")
  func dictionaryHelps() throws {
    var lexicon = BilingualLexicon()
    lexicon.add(source: "weapon", target: "arme")
    var options = AlignmentOptions()
    options.lexicon = lexicon
    options.learnsLexicon = false
    // The translation adds a sentence of the same length as the next one: only the dictionary
    // says which of the two renders "A weapon."
    let source = ["Intro here.", "A weapon.", "The end came."]
    let target = ["Intro ici.", "Il pleut.", "Une arme.", "La fin vint."]
    let beads = try SentenceAligner(options: options).align(source: source, target: target)
    #expect(beads.contains { $0.source == [1] && $0.target == [2] })
    // Without the dictionary, length alone pairs "A weapon." with "Il pleut.".
    options.lexicon = BilingualLexicon()
    let without = try SentenceAligner(options: options).align(source: source, target: target)
    #expect(!without.contains { $0.source == [1] && $0.target == [2] })
  }
}
