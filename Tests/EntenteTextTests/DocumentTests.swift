// Documents and word analysis: sentences, paragraphs and words computed once, offsets into the text.
import EntenteText
import Testing
import _EntenteTestSupport

@Suite("Word analysis")
struct WordAnalysisTests {
  @Test("French elision is cut off its word with either apostrophe; keys fold case and accents")
  func elision() throws {
    let marked = MarkedText("⟦L’⟧⟦Agence⟧ ⟦d'⟧⟦État⟧ ⟦aujourd'hui⟧⟦,⟧ ⟦qu'⟧⟦il⟧")
    let words = try WordAnalyser(language: "fr").words(in: marked.text)
    #expect(words.map(\.range) == marked.ranges)
    #expect(words.map(\.key) == ["l'", "agence", "d'", "etat", "aujourd'hui", ",", "qu'", "il"])
    #expect(words.map(\.isElision) == [true, false, true, false, false, false, true, false])
    #expect(words[5].kind == .other)
  }

  @Test("English keeps its apostrophes inside words; numbers are one token")
  func english() throws {
    let marked = MarkedText("⟦Korea’s⟧ ⟦1,000.5⟧ ⟦tons⟧")
    let words = try WordAnalyser(language: "en").words(in: marked.text)
    #expect(words.map(\.range) == marked.ranges)
    #expect(words.map(\.key) == ["korea's", "1,000.5", "tons"])
    #expect(words.map(\.kind) == [.letters, .number, .letters])
    #expect(words.allSatisfy { !$0.isElision })
  }

  @Test("An offset makes ranges point into the longer text")
  func offset() throws {
    let words = try WordAnalyser(language: "en").words(in: "two words", offset: 100)
    #expect(words.map(\.range) == [100..<103, 104..<109])
  }

  @Test("A key range maps text ranges through decomposed accents and ligatures")
  func keyRange() throws {
    let text = "Cœur e\u{301}lu ŒUVRE"
    let key = try MatchingKey(text)
    #expect(key.key == "coeur elu oeuvre")
    let words = try WordAnalyser(language: "fr").words(in: text)
    #expect(words.map(\.key) == ["coeur", "elu", "oeuvre"])
    for word in words {
      #expect(key.textRange(forKeyRange: key.keyRange(forTextRange: word.range)) == word.range)
    }
  }
}

@Suite("Documents")
struct DocumentTests {
  @Test("Running text: sentences with ranges and paragraphs, the words of each sentence")
  func runningText() throws {
    let text = "Le maire, M. Dupont, a parlé. Il part.\n\nL’Agence a confirmé.\n"
    let document = try Document(name: "a.txt", text: text, language: "fr")
    #expect(document.sentenceTexts == ["Le maire, M. Dupont, a parlé.", "Il part.", "L’Agence a confirmé."])
    #expect(document.sentences.map(\.paragraph) == [0, 0, 1])
    #expect(document.knowsParagraphs)
    for k in document.sentences.indices {
      #expect(text.slice(utf8: document.sentences[k].range) == document.sentenceTexts[k])
      for word in document.words(ofSentence: k) {
        #expect(document.sentences[k].range.contains(word.range.lowerBound))
      }
    }
    #expect(document.words(ofSentence: 2).map(\.key) == ["l'", "agence", "a", "confirme", "."])
    #expect(
      document.range(ofSentences: [0, 1]) == document.sentences[0].range
        .lowerBound..<document.sentences[1].range.upperBound)
    #expect(document.range(ofSentences: []) == nil)
  }

  @Test("One sentence per line: every line counts, empty ones too; CRLF is cut", arguments: ["\n", "\r\n"])
  func sentencePerLine(lineEnd: String) throws {
    let text = ["One. Two.", "", "Three"].joined(separator: lineEnd) + lineEnd
    let document = try Document(name: "l.txt", text: text, language: "en", layout: .sentencePerLine)
    #expect(document.sentenceTexts == ["One. Two.", "", "Three"])
    #expect(document.sentences.map(\.paragraph) == [0, 1, 2])
    #expect(!document.knowsParagraphs)
    #expect(document.words(ofSentence: 1).isEmpty)
  }

  @Test("The user's segmenter decides: an abbreviation keeps a sentence whole")
  func userSegmenter() throws {
    var extra = Abbreviations()
    try extra.add(parsing: "Rte title\n", name: "abbr.txt")
    let text = "Prenez la Rte. Nationale vers le sud."
    let plain = try Document(name: "", text: text, language: "fr")
    let ruled = try Document(
      name: "", text: text, language: "fr",
      segmenter: SentenceSegmenter(language: "fr", extraAbbreviations: extra))
    #expect(plain.count == 2)
    #expect(ruled.sentenceTexts == [text])
  }

  @Test("Sentences given as strings, with or without paragraphs")
  func givenSentences() throws {
    let document = try Document(sentences: ["A b.", "C d.", "E."], language: "en", paragraphs: [0, 0, 1])
    #expect(document.sentenceTexts == ["A b.", "C d.", "E."])
    #expect(document.sentences.map(\.paragraph) == [0, 0, 1])
    #expect(document.knowsParagraphs)
    let bare = try Document(sentences: ["A b.", "C d."], language: "en")
    #expect(!bare.knowsParagraphs)
  }
}

@Suite("Segmenting bytes")
struct SegmentingBytesTests {
  @Test(
    "Ill-formed UTF-8 is refused with the offset of the bad byte",
    arguments: [[0xFF], [0xC3], [0xED, 0xA0, 0x80]])
  func invalid(bad: [UInt8]) throws {
    let bytes = Array("Une phrase. ".utf8) + bad + Array(" Une autre.".utf8)
    #expect {
      try SentenceSegmenter(language: "fr").sentences(inUTF8: bytes)
    } throws: { error in
      guard case .icu(_, _, let offset, _) = error as? TextError else { return false }
      return offset == 12
    }
  }

  @Test("Well-formed UTF-8 bytes give the same sentences as the string")
  func valid() throws {
    let text = "Il a dit : « Nous viendrons demain. » Le maire, M. Dupont, a confirmé."
    let segmenter = try SentenceSegmenter(language: "fr")
    #expect(try segmenter.sentences(inUTF8: Array(text.utf8)) == (try segmenter.sentences(in: text)))
  }
}
