import EntenteText
import Testing
import _EntenteTestSupport

@Suite("Normalization forms and case folding")
struct NormalizationTests {
  @Test("NFC composes, NFD decomposes")
  func composition() throws {
    let decomposed = "e\u{0301}te\u{0301}"
    #expect(try decomposed.normalized(.nfc) == "été")
    #expect(try "été".normalized(.nfd).unicodeScalars.count == 5)
  }

  @Test("NFKC folds compatibility characters: ligatures, no-break spaces, full-width forms")
  func compatibility() throws {
    #expect(try "ﬁn\u{00A0}10\u{202F}%".normalized(.nfkc) == "fin 10 %")
    #expect(try "ＫＣＮＡ".normalized(.nfkc) == "KCNA")
  }

  @Test("Full case folding, and Turkish folding keeps dotted and dotless i apart")
  func caseFolding() throws {
    #expect(try "Straße ÉTÉ".normalized(.casefold) == "strasse été")
    #expect(try "DİYARBAKIR".normalized(.casefoldTurkic) == "diyarbakır")
    #expect(try "NFKC ﬁ".normalized(.nfkcCasefold) == "nfkc fi")
  }

  @Test("ICU's version is a dotted number")
  func version() {
    let parts = ICU.version.split(separator: ".")
    #expect(parts.count >= 2 && parts.allSatisfy { Int($0) != nil })
  }
}

@Suite("Matching keys")
struct MatchingKeyTests {
  @Test(
    "Keys fold case, accents, ligatures, apostrophes, quotes, dashes and spaces",
    arguments: [
      ("L’Agence centrale de presse coréenne", "l'agence centrale de presse coreenne"),
      ("l'Agence centrale de presse coréenne", "l'agence centrale de presse coreenne"),
      ("« Élan » — “Straße”", "\" elan \" - \"strasse\""),
      ("Œuvre\u{00A0}cœur\u{202F}!", "oeuvre coeur !"),
      ("RPDC", "rpdc"),
      ("Séoul – Pyongyang", "seoul - pyongyang"),
      ("Kim Jong\u{2011}un", "kim jong-un"),
    ])
  func keys(text: String, key: String) throws {
    #expect(try MatchingKey(text).key == key)
  }

  @Test("A range of the key maps back to the original words")
  func mapsBack() throws {
    let marked = MarkedText("Le porte-parole, ⟦Jöhn Kïrby⟧, a déclaré « ⟦Œuvre⟧ ».")
    let key = try MatchingKey(marked.text)
    for expected in marked.ranges {
      let word = marked.slice(expected)
      let folded = try MatchingKey(word).key
      let keyUTF8 = Array(key.key.utf8)
      let needle = Array(folded.utf8)
      let start = try #require(
        (0...(keyUTF8.count - needle.count)).first { Array(keyUTF8[$0..<$0 + needle.count]) == needle })
      #expect(key.textRange(forKeyRange: start..<start + needle.count) == expected)
    }
  }

  @Test("Keys can be made from several tasks at once (the transliterator is not shared)")
  func concurrentKeys() async throws {
    let keys = try await withThrowingTaskGroup(of: String.self) { group in
      for _ in 0..<16 {
        group.addTask { try MatchingKey(String(repeating: "Œuvre Straße Ærø ", count: 200)).key }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    let expected = String(repeating: "oeuvre strasse aero ", count: 200)
    #expect(keys.count == 16 && keys.allSatisfy { $0 == expected })
  }

  @Test("Decomposed input maps back whole characters")
  func combiningMarks() throws {
    let text = "cafe\u{0301} noir"
    let key = try MatchingKey(text)
    #expect(key.key == "cafe noir")
    // "cafe" in the key covers the e and its combining accent in the text.
    #expect(key.textRange(forKeyRange: 0..<4) == 0..<6)
  }
}

@Suite("Transliteration and ICU regular expressions")
struct TransliterationTests {
  @Test("ICU transliterators by ID, and an unknown ID is an error")
  func transliterate() throws {
    #expect(try Transliterator(id: "Latin-ASCII").transliterate("Ærø Œuvre") == "AEro OEuvre")
    #expect(try Transliterator(id: "Any-Latin; Latin-ASCII").transliterate("Пхеньян") == "Phen'an")
    #expect(throws: TextError.self) { try Transliterator(id: "No-Such-Transliterator") }
  }

  @Test("Regular expressions match over UTF-8 and report byte ranges")
  func regex() throws {
    let marked = MarkedText("⟦été⟧ à ⟦Séoul⟧.")
    let regex = try ICURegex("\\p{L}{3,}")
    #expect(try regex.matches(in: Array(marked.text.utf8)) == marked.ranges)
  }

  @Test("A regex syntax error says where")
  func regexError() {
    #expect {
      try ICURegex("(abc")
    } throws: { error in
      guard case .icu(_, _, let offset?, _) = error as? TextError else { return false }
      return (error as? TextError)?.icuStatusName?.hasPrefix("U_REGEX") == true && offset >= 0
    }
  }
}

@Suite("Word segmentation")
struct WordTests {
  @Test("ICU words, numbers and punctuation, with ranges; whitespace dropped")
  func words() throws {
    let marked = MarkedText("⟦L'Agence⟧ ⟦a⟧ ⟦vendu⟧ ⟦3,5⟧\u{00A0}⟦%⟧ ⟦d’obus⟧ ⟦aujourd'hui⟧⟦.⟧")
    let words = try WordSegmenter(language: "fr").words(in: marked.text)
    #expect(words.map(\.range) == marked.ranges)
    #expect(words.map(\.kind) == [.letters, .letters, .letters, .number, .other, .letters, .letters, .other])
  }

  @Test("A narrow no-break space ends a word (ICU glues it on), and still groups a number's digits")
  func narrowNoBreakSpace() throws {
    let marked = MarkedText(
      "⟦Vraiment⟧\u{202F}⟦?⟧ ⟦«⟧\u{202F}⟦non⟧\u{202F}⟦»⟧ ⟦1\u{202F}000⟧ ⟦obus⟧\u{202F}⟦;⟧")
    let words = try WordSegmenter(language: "fr").words(in: marked.text)
    #expect(words.map(\.range) == marked.ranges)
    #expect(words.map(\.kind) == [.letters, .other, .other, .letters, .other, .number, .letters, .other])
  }
}

@Suite("Normalization in pieces (entente normalize)")
struct NormalizationPieceTests {
  /// The pieces of `text` with `pieceSize`, and whether each ends a line.
  private func pieces(_ text: String, pieceSize: Int) -> [(text: String, endsLine: Bool)] {
    var result: [(String, Bool)] = []
    var copy = text
    copy.withUTF8 { bytes in
      forEachNormalizationPiece(of: bytes, pieceSize: pieceSize) { piece, endsLine in
        result.append((String(decoding: piece, as: UTF8.self), endsLine))
      }
    }
    return result
  }

  @Test("Pieces joined give the text back; no piece crosses a line break")
  func piecesCoverTheText() {
    let text = "ab cd\nef\n\nxyz é\u{301} w\r\nend"
    for size in [1, 2, 3, 100] {
      let parts = pieces(text, pieceSize: size)
      #expect(parts.map { $0.text + ($0.endsLine ? "\n" : "") }.joined() == text)
      #expect(parts.allSatisfy { !$0.text.contains("\n") })
    }
    #expect(pieces("", pieceSize: 4).count == 1)
  }

  @Test(
    "Every form of a long line, normalized in small pieces, is the line's form",
    arguments: [NormalizationForm.nfc, .nfd, .nfkc, .nfkd, .casefold, .casefoldTurkic])
  func piecesNormalizeAsTheWhole(form: NormalizationForm) throws {
    let alphabet = [
      "é", "e\u{301}", "Œuvre ", "ß", "’", "«\u{A0}", "»", "—", "A\u{30A}", "ﬁ", "ǅ", "İ", "ı", "x", " ",
      "\u{202F}", "a", "b", ".", "漢字", "\u{301}", "\u{327}", "K",
    ]
    for text in randomTexts(from: alphabet, count: 40, maximumPieces: 120, seed: 14) {
      let whole = try text.normalized(form)
      let key = try MatchingKey(text).key
      for size in [1, 3, 7] {
        let parts = pieces(text, pieceSize: size)
        #expect(try parts.map { try $0.text.normalized(form) }.joined() == whole, "\(text)")
        #expect(try parts.map { try MatchingKey.key(of: $0.text) }.joined() == key, "\(text)")
      }
    }
  }
}
