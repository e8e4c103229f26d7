// entente-bench: accuracy and speed of Entente's sentence segmenter beside bare ICU sentence
// break, measured in the same run.
//
//   swift run -c release entente-bench [--eval PATH] [--sizes 1,10,100] [--skip-speed]
//
// Accuracy: boundary F1 with ../shared/eval/score_seg.py on the UD dev sets (one paragraph at a
// time for bare ICU; ours gets the whole dev.txt, whose blank lines are paragraph breaks), and
// pySBD's golden rules (exact match per case). Speed: in-process throughput on 1, 10 and 100 MB
// built from the dev texts, bare ICU iteration (ubrk_next over UText) vs ours, and the peak
// memory of `entente segment` on each size, as a child process (getrusage).
import EntenteAlign
import EntenteTerms
import EntenteText
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

struct Arguments {
  var eval = "../shared/eval"
  var sizes = [1, 10, 100]
  var skipSpeed = false
  var skipAccuracy = false
  var skipAlignment = false
  var skipTerms = false
  var skipGlossary = false
  var entente: String?

  init() {
    var args = CommandLine.arguments.dropFirst()
    while let arg = args.popFirst() {
      switch arg {
      case "--eval": eval = args.popFirst() ?? eval
      case "--sizes": sizes = (args.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
      case "--skip-speed": skipSpeed = true
      case "--skip-accuracy": skipAccuracy = true
      case "--skip-alignment": skipAlignment = true
      case "--skip-terms": skipTerms = true
      case "--skip-glossary": skipGlossary = true
      case "--entente": entente = args.popFirst()
      case "-h", "--help":
        print(
          """
          usage: entente-bench [--eval PATH] [--sizes 1,10,100] [--skip-speed] [--skip-accuracy] [--skip-alignment] [--skip-terms]
                               [--skip-glossary]
                               [--entente PATH-TO-BUILT-entente]
          """)
        exit(0)
      default:
        FileHandle.standardError.write(Data("entente-bench: unknown argument \(arg)\n".utf8))
        exit(2)
      }
    }
  }
}

if CommandLine.arguments.count > 2 && CommandLine.arguments[1] == "--peak-memory" {
  // The small intermediate of measuredPeakMemory: run the command, print its peak memory.
  print(peakMemory(of: Array(CommandLine.arguments[2...])) ?? -1)
  exit(0)
}
let arguments = Arguments()
let sets: [(name: String, lang: String, target: Double)] = [
  ("UD_French-GSD", "fr", 98.5), ("UD_French-Sequoia", "fr", 96.0), ("UD_French-ParTUT", "fr", 98.0),
  ("UD_English-GUM", "en", 98.3), ("UD_English-EWT", "en", 93.5),
]

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("entente-bench: \(message)\n".utf8))
  exit(1)
}

/// Paragraphs of a UD dev.txt (blank-line separated), as the peers get them.
func udParagraphs(_ text: String) -> [String] {
  text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
    !$0.isEmpty
  }
}

func bareICU(_ paragraphs: [String], lang: String) throws -> [String] {
  var result: [String] = []
  for paragraph in paragraphs {
    let bytes = Array(paragraph.utf8)
    var start = 0
    for end in try icuSentenceBoundaries(of: bytes, locale: lang) {
      result.append(String(decoding: bytes[start..<end], as: UTF8.self))
      start = end
    }
  }
  return result
}

func ours(_ text: String, lang: String) throws -> [String] {
  let segmenter = try SentenceSegmenter(language: lang)
  return try segmenter.sentences(in: text).map {
    text.slice(utf8: $0.range).replacingOccurrences(of: "\n", with: " ")
  }
}

/// Boundary F1 (x100) from score_seg.py.
func score(gold: String, raw: String, predicted: [String]) -> Double? {
  let file = NSTemporaryDirectory() + "entente-bench-\(getpid()).sents"
  try? predicted.joined(separator: "\n").appending("\n").write(
    toFile: file, atomically: true, encoding: .utf8)
  defer { unlink(file) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [
    "python3", arguments.eval + "/score_seg.py", "--gold", gold, "--pred", file, "--raw", raw,
  ]
  let pipe = Pipe()
  process.standardOutput = pipe
  do { try process.run() } catch { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
    let f1 = json["f1"] as? Double
  else { return nil }
  return f1 * 100
}

/// Peak resident memory (bytes) of a command, its output sent to /dev/null, as wait4 reports it.
///
/// Linux charges the parent's memory high-water mark to a child that execs, so a large parent
/// (this benchmark, holding 100 MB of text) would inflate the figure: `measuredPeakMemory` runs
/// this program again as a small intermediate (`--peak-memory CMD...`) that spawns the command.
func measuredPeakMemory(of command: [String]) -> Int? {
  let pipe = Pipe()
  let process = Process()
  process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
  process.arguments = ["--peak-memory"] + command
  process.standardOutput = pipe
  guard (try? process.run()) != nil else { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return Int(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
}

func peakMemory(of command: [String]) -> Int? {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  var pid: pid_t = 0
  let argv = command.map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  guard posix_spawn(&pid, command[0], &actions, nil, argv, environ) == 0 else { return nil }
  var status: Int32 = 0
  var usage = rusage()
  guard wait4(pid, &status, 0, &usage) == pid else { return nil }
  return usage.ru_maxrss * 1024
}

func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

print("# entente-bench (ICU \(ICU.version))\n")
let fm = FileManager.default
let udRoot = arguments.eval + "/segmentation/ud"
let haveEval = fm.fileExists(atPath: udRoot)
if !haveEval {
  print(
    "Dev sets not found at \(arguments.eval) (pass --eval PATH): accuracy skipped; speed uses a built-in text.\n"
  )
}

var speedCorpus = ""
if haveEval && !arguments.skipAccuracy {
  print("## Boundary F1 on the UD dev sets (score_seg.py, all boundaries)\n")
  print("| dev set | bare ICU | Entente | target | met |")
  print("|---|---|---|---|---|")
  for set in sets {
    let folder = "\(udRoot)/\(set.name)"
    guard let raw = try? String(contentsOfFile: folder + "/dev.txt", encoding: .utf8) else {
      print("| \(set.name) | missing | | | |")
      continue
    }
    let icuF1 = score(
      gold: folder + "/dev.sents", raw: folder + "/dev.txt",
      predicted: try bareICU(udParagraphs(raw), lang: set.lang))
    let ourF1 = score(
      gold: folder + "/dev.sents", raw: folder + "/dev.txt", predicted: try ours(raw, lang: set.lang))
    guard let icuF1, let ourF1 else { fail("score_seg.py failed (is python3 installed?)") }
    print(
      "| \(set.name) | \(format(icuF1)) | \(format(ourF1)) | ≥ \(format(set.target)) | \(ourF1 >= set.target ? "yes" : "no") |"
    )
  }
  print("")

  // pySBD golden rules.
  let rulesRoot = arguments.eval + "/segmentation/golden-rules"
  print("## pySBD golden rules (exact match per case)\n")
  print("| rules | bare ICU | Entente |")
  print("|---|---|---|")
  for (lang, file) in [
    ("en", "pysbd_en_GOLDEN_EN_RULES_TEST_CASES.jsonl"), ("fr", "pysbd_fr_GOLDEN_FR_RULES_TEST_CASES.jsonl"),
  ] {
    guard let text = try? String(contentsOfFile: rulesRoot + "/" + file, encoding: .utf8) else { continue }
    var total = 0
    var icuPassed = 0
    var ourPassed = 0
    var failures: [String] = []
    for line in text.split(separator: "\n") {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
        let input = object["text"] as? String, let expected = object["sents"] as? [String]
      else { continue }
      total += 1
      let trimmed = expected.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      let icu = try bareICU([input], lang: lang).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        .filter { !$0.isEmpty }
      let segmenter = try SentenceSegmenter(language: lang)
      let ourSentences = try segmenter.sentences(in: input).map { input.slice(utf8: $0.range) }
      if icu == trimmed { icuPassed += 1 }
      if ourSentences == trimmed {
        ourPassed += 1
      } else {
        failures.append("\(object["id"] ?? "?")")
      }
    }
    print("| \(lang) | \(icuPassed)/\(total) | \(ourPassed)/\(total) |")
    if !failures.isEmpty {
      FileHandle.standardError.write(
        Data("golden rules \(lang) failing: \(failures.joined(separator: ", "))\n".utf8))
    }
  }
  print("")
}

/// Strict F1 of vecalign-format beads against a gold file, with score_align.py.
func alignmentF1(gold: [String], predicted: [[Bead]]) -> Double? {
  var files: [String] = []
  for (k, beads) in predicted.enumerated() {
    let file = NSTemporaryDirectory() + "entente-bench-\(getpid())-\(k).align"
    try? beads.map(\.vecalignLine).joined(separator: "\n").appending("\n").write(
      toFile: file, atomically: true, encoding: .utf8)
    files.append(file)
  }
  defer { files.forEach { unlink($0) } }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", arguments.eval + "/score_align.py", "--json", "-g"] + gold + ["-t"] + files
  let pipe = Pipe()
  process.standardOutput = pipe
  do { try process.run() } catch { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  // The JSON object is the first line (a table follows).
  let jsonText = String(decoding: data, as: UTF8.self).components(separatedBy: " ---").first ?? ""
  guard let json = try? JSONSerialization.jsonObject(with: Data(jsonText.utf8)) as? [String: Any] else {
    return nil
  }
  return json["f1_strict"] as? Double
}

func lines(_ path: String) -> [String]? {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
  var result = text.components(separatedBy: "\n")
  if result.last == "" { result.removeLast() }
  return result
}

let alignmentRoot = arguments.eval + "/alignment"
if fm.fileExists(atPath: alignmentRoot) && !arguments.skipAlignment {
  print("## Sentence alignment (strict F1, score_align.py; in-process time, reading excluded)\n")
  print(
    "| corpus | Entente, no dictionary | Entente + FreeDict | time, no dictionary (s) | time + FreeDict (s) |"
  )
  print("|---|---|---|---|---|")
  let books = [
    "AlicesAdventuresInWonderland", "Candide", "JaneEyre", "LesTravailleursDeLaMer",
    "VingtMilleLieuesSousLesMers",
  ]
  let corpora: [(String, String, String, [(String, String, String)])] = [
    (
      "TransRead en-fr (5 novels)", "en", "fr",
      books.map {
        (
          "\(alignmentRoot)/transread-en-fr/\($0)/en.txt", "\(alignmentRoot)/transread-en-fr/\($0)/fr.txt",
          "\(alignmentRoot)/transread-en-fr/\($0)/gold.enfr"
        )
      }
    ),
    (
      "Text+Berg de-fr dev", "de", "fr",
      [
        (
          "\(alignmentRoot)/textberg-de-fr/dev.de", "\(alignmentRoot)/textberg-de-fr/dev.fr",
          "\(alignmentRoot)/textberg-de-fr/dev.defr"
        )
      ]
    ),
  ]
  for (name, sourceLanguage, targetLanguage, documents) in corpora {
    var cells: [String] = []
    var times: [String] = []
    for useDictionary in [false, true] {
      var predicted: [[Bead]] = []
      var seconds = 0.0
      for (sourcePath, targetPath, _) in documents {
        guard let source = lines(sourcePath), let target = lines(targetPath) else { continue }
        let t0 = now()
        var options = AlignmentOptions()
        if useDictionary {
          options.lexicon =
            (try? BilingualLexicon.installedFreeDict(
              source: sourceLanguage, target: targetLanguage,
              sourceWords: BilingualLexicon.vocabulary(of: source),
              targetWords: BilingualLexicon.vocabulary(of: target))) ?? BilingualLexicon()
        }
        predicted.append(
          try SentenceAligner(options: options).align(source: source, target: target, anchor: ".EOA"))
        seconds += now() - t0
      }
      let f1 = alignmentF1(gold: documents.map(\.2), predicted: predicted)
      cells.append(f1.map { format($0, 3) } ?? "–")
      times.append(format(seconds, 2))
    }
    print("| \(name) | \(cells[0]) | \(cells[1]) | \(times[0]) | \(times[1]) |")
  }
  // Tatoeba: how often the lexical similarity ranks the true translation first among 1,000.
  let tatoeba = "\(alignmentRoot)/tatoeba-fra-eng"
  if let english = lines(tatoeba + "/tatoeba.fra-eng.eng"),
    let french = lines(tatoeba + "/tatoeba.fra-eng.fra"),
    english.count == french.count
  {
    var results: [String] = []
    for useDictionary in [false, true] {
      let lexicon =
        useDictionary
        ? ((try? BilingualLexicon.installedFreeDict(source: "en", target: "fr")) ?? BilingualLexicon())
        : BilingualLexicon()
      let scorer = try LexicalScorer(source: english, target: french, lexicon: lexicon)
      var first = 0
      for i in english.indices {
        var best = -1.0
        var bestIndex = -1
        for j in french.indices {
          let similarity = scorer.similarity(i, j)
          if similarity > best {
            best = similarity
            bestIndex = j
          }
        }
        // Ties are broken against us: the true pair counts only if strictly best.
        let ties = french.indices.filter { scorer.similarity(i, $0) == best }.count
        if bestIndex == i && ties == 1 { first += 1 }
      }
      results.append(format(100 * Double(first) / Double(english.count)) + " %")
    }
    print("\nTatoeba fr-en (\(english.count) pairs): the true translation ranked first by the lexical")
    print(
      "similarity (strictly, ties count as misses): \(results[0]) without a dictionary, \(results[1]) with FreeDict.\n"
    )
  }
}

if !arguments.skipSpeed {
  // A corpus of French and English dev text (or a built-in paragraph), repeated to each size.
  var base = ""
  if haveEval {
    for set in sets {
      if let raw = try? String(contentsOfFile: "\(udRoot)/\(set.name)/dev.txt", encoding: .utf8) {
        base += raw.replacingOccurrences(of: "\n\n", with: "\n") + "\n\n"
      }
    }
  }
  if base.isEmpty {
    base = String(
      repeating:
        "Le porte-parole, M. Kirby, a déclaré : « Nous ne savons pas. » La Corée du Nord a démenti. Mr. Smith left at 5 p.m. today.\n\n",
      count: 1000)
  }
  print("## Speed (in-process, one run each after a warm-up; French and English dev text repeated)\n")
  print("| input | bare ICU M chars/s | Entente M chars/s | ratio | Entente s per MB | peak memory / input |")
  print("|---|---|---|---|---|---|")
  let baseBytes = Array(base.utf8)
  let segmenter = try SentenceSegmenter(language: "fr")
  _ = try segmenter.sentences(inUTF8: Array(baseBytes.prefix(100_000)))
  let enteente =
    arguments.entente ?? (CommandLine.arguments[0] as NSString).deletingLastPathComponent + "/entente"
  for size in arguments.sizes {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size << 20 + baseBytes.count)
    while bytes.count < size << 20 { bytes.append(contentsOf: baseBytes) }
    // Cut at a line end so the text stays valid UTF-8.
    var cut = size << 20
    while cut < bytes.count && bytes[cut - 1] != 0x0A { cut += 1 }
    bytes.removeSubrange(cut...)
    let characters = bytes.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    let t0 = now()
    let icuCount = try icuSentenceBoundaries(of: bytes, locale: "fr").count
    let t1 = now()
    let ourCount = try segmenter.sentences(inUTF8: bytes).count
    let t2 = now()
    _ = (icuCount, ourCount)
    let icuRate = Double(characters) / (t1 - t0) / 1e6
    let ourRate = Double(characters) / (t2 - t1) / 1e6
    // Peak memory of the CLI on this input, as a child process.
    var memory = "–"
    if fm.isExecutableFile(atPath: enteente) {
      let file = NSTemporaryDirectory() + "entente-bench-\(getpid())-\(size).txt"
      _ = fm.createFile(atPath: file, contents: Data(bytes))
      if let peak = measuredPeakMemory(of: [enteente, "segment", file, "--lang", "fr", "--quiet"]) {
        memory = format(Double(peak) / Double(bytes.count), 2) + "×"
      }
      unlink(file)
    }
    print(
      "| \(size) MB | \(format(icuRate)) | \(format(ourRate)) | \(format(ourRate / icuRate, 2)) | \(format((t2 - t1) / Double(size), 3)) | \(memory) |"
    )
  }
  print("\nratio: Entente's throughput over bare ICU's (target ≥ 0.5). Peak memory: maximum resident")
  print("size of `entente segment FILE --lang fr` over the input size (target < 4×).")
}

// MARK: - Glossary build

if fm.fileExists(atPath: alignmentRoot + "/transread-en-fr") && !arguments.skipGlossary {
  // The five novels, each aligned and mined for term pairs (in-process, reading excluded), and
  // the precision of the top 100 pairs against the judgements kept in Benchmarks/judgements
  // (pairs nobody judged count as wrong, and are listed).
  let judgementsPath =
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
    + "/judgements/transread-en-fr.glossary.tsv"
  print("\n## Glossary build (TransRead en-fr, 5 novels)\n")
  print("| dictionary | pairs | top-100 precision | unjudged in top 100 | time (s) | target |")
  print("|---|---|---|---|---|---|")
  let books = [
    "AlicesAdventuresInWonderland", "Candide", "JaneEyre", "LesTravailleursDeLaMer",
    "VingtMilleLieuesSousLesMers",
  ]
  let texts = books.compactMap { book -> (String, String)? in
    let folder = "\(alignmentRoot)/transread-en-fr/\(book)/"
    guard let en = try? String(contentsOfFile: folder + "en.txt", encoding: .utf8),
      let fr = try? String(contentsOfFile: folder + "fr.txt", encoding: .utf8)
    else { return nil }
    return (en, fr)
  }
  do {
    let judgements = try TermPairJudgements(contentsOfFile: judgementsPath)
    for useDictionary in [false, true] {
      let t0 = now()
      var builder = GlossaryBuilder(sourceLanguage: "en", targetLanguage: "fr")
      if useDictionary {
        builder.alignmentOptions.lexicon =
          (try? BilingualLexicon.installedFreeDict(
            source: "en", target: "fr", sourceWords: BilingualLexicon.vocabulary(of: texts.map(\.0)),
            targetWords: BilingualLexicon.vocabulary(of: texts.map(\.1)))) ?? BilingualLexicon()
      }
      for (en, fr) in texts { try builder.addDocument(source: en, target: fr) }
      let pairs = builder.pairs()
      let seconds = now() - t0
      let tally = judgements.tally(Array(pairs.prefix(100)))
      let name =
        useDictionary
        ? (builder.alignmentOptions.lexicon.isEmpty ? "FreeDict (not installed)" : "FreeDict") : "none"
      print(
        "| \(name) | \(pairs.count) | \(format(100 * tally.precision))% | \(tally.unjudged.count) | \(format(seconds, 2)) | ≥ 70 %, < 5 s |"
      )
      for pair in tally.unjudged {
        FileHandle.standardError.write(Data("unjudged: \(pair.source)\t\(pair.target)\n".utf8))
      }
    }
  } catch {
    print("Glossary build skipped: \(error)")
  }
}

// MARK: - Terminology checks

if !arguments.skipTerms {
  // 10 MB of French news (the fixture articles repeated) against the shipped news glossary and
  // against a generated 10,000-concept glossary (made-up words, three terms per concept, a third
  // of them capitalised names), in-process, reading excluded.
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let articles = ["000_05abb257ab565b45", "001_783406020c5c45de"].compactMap {
    try? String(contentsOf: root.appendingPathComponent("Fixtures/articles/\($0).txt"), encoding: .utf8)
  }
  let news = try? TBXReader.read(
    contentsOfFile: root.appendingPathComponent("Glossaries/news-en-fr.tbx").path)
  if articles.count == 2, let news {
    var text = ""
    let unit = articles.joined(separator: "\n\n") + "\n\n"
    while text.utf8.count < 10_000_000 { text += unit }
    var generator = SplitMix64(seed: 42)
    let syllables = [
      "ka", "lo", "mi", "ra", "tu", "ve", "no", "sa", "pe", "di", "gor", "lan", "mer", "tal", "bru", "vin",
    ]
    func word(_ count: Int) -> String {
      (0..<count).map { _ in syllables[Int(generator.next() % UInt64(syllables.count))] }.joined()
    }
    var big = Glossary()
    for k in 0..<10_000 {
      let (a, b) = (word(3), word(2))
      var terms = [Term("\(a) \(b)", status: .preferred), Term("\(a)x \(b)", status: .deprecated)]
      if k % 3 == 0 { terms.append(Term(a.capitalized + " " + b.capitalized)) }
      big.concepts.append(Concept(id: "c\(k)", terms: ["fr": terms]))
    }
    print("\n## Terminology checks (entente check TARGET, target-side rules; in-process, reading excluded)\n")
    print("| glossary | concepts | text | findings | time (s) | target |")
    print("|---|---|---|---|---|---|")
    for (name, glossary) in [("news-en-fr.tbx", news), ("generated", big)] {
      do {
        let start = now()
        let findings = try TargetChecker(glossary: glossary, targetLanguage: "fr").check(text)
        let seconds = now() - start
        print(
          "| \(name) | \(glossary.concepts.count) | \(format(Double(text.utf8.count) / 1e6)) MB | \(findings.count) | \(format(seconds, 2)) | < 10 s |"
        )
      } catch {
        print("| \(name) | \(glossary.concepts.count) | – | – | failed: \(error) | |")
      }
    }
  } else {
    print("\nTerminology checks skipped: Fixtures/articles or Glossaries/news-en-fr.tbx not found.")
  }
}

/// SplitMix64, for the generated glossary (the same for every run).
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
