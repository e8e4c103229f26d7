// swift-tools-version:6.1
// Entente: translation alignment and terminology between English and French, built on ICU.

import PackageDescription

let package = Package(
  name: "Entente",
  products: [
    .library(name: "EntenteText", targets: ["EntenteText"]),
    .library(name: "EntenteAlign", targets: ["EntenteAlign"]),
    .library(name: "EntenteTerms", targets: ["EntenteTerms"]),
    .library(name: "EntenteReport", targets: ["EntenteReport"]),
    .executable(name: "entente", targets: ["entente"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // The only target that includes <unicode/...>: system ICU (Debian libicu-dev) behind
    // stdint-only functions and opaque handles.
    .target(
      name: "CICUShim",
      linkerSettings: [
        .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
      ]
    ),
    // System libxml2 (Debian libxml2-dev, found through pkg-config as libxml-2.0).
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev", "pkg-config"])]),
    // The only target that includes <libxml/...>: libxml2's SAX2 parser (XML_PARSE_HUGE, no
    // network, no DTD or external entity loaded) behind stdint-only functions.
    .target(name: "CXMLShim", dependencies: ["CLibXML2"]),
    // Decoding, normalization, segmentation, quotes, French typography and reading XML.
    .target(
      name: "EntenteText",
      dependencies: ["CICUShim", "CXMLShim"],
      resources: [.copy("Resources/abbreviations")]
    ),
    // zlib's inflate, for FreeDict's dictzip files (Debian zlib1g-dev).
    .target(name: "CZlibShim", linkerSettings: [.linkedLibrary("z")]),
    // Sentence alignment, lexicons and alignment formats.
    .target(name: "EntenteAlign", dependencies: ["EntenteText", "CZlibShim"]),
    // Snowball stemmers (Debian libstemmer-dev) behind stdint-only functions.
    .target(name: "CStemmerShim", linkerSettings: [.linkedLibrary("stemmer")]),
    // Glossaries (TBX, CSV/TSV, JSON), term matching and terminology checks.
    .target(
      name: "EntenteTerms", dependencies: ["EntenteText", "EntenteAlign", "CStemmerShim"],
      resources: [.copy("Resources/wordlists")]
    ),
    // The review report: aligned rows, quotes and findings as one self-contained HTML page.
    .target(name: "EntenteReport", dependencies: ["EntenteText", "EntenteAlign", "EntenteTerms"]),
    // Removing temporary output files on SIGINT, SIGTERM and SIGHUP: a C signal handler that
    // only makes async-signal-safe calls on paths in static storage.
    .target(name: "CSignalShim"),
    .executableTarget(
      name: "entente",
      dependencies: [
        "CSignalShim",
        "EntenteText",
        "EntenteAlign",
        "EntenteTerms",
        "EntenteReport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Accuracy and speed benchmark: our segmenter beside bare ICU, in one run.
    .executableTarget(
      name: "entente-bench",
      dependencies: ["EntenteText", "EntenteAlign", "EntenteTerms"],
      path: "Benchmarks/entente-bench"
    ),
    // Fuzz targets over the readers of untrusted input, and the program that runs them: a
    // libFuzzer binary when built by scripts/fuzz (-DFUZZING), a replay of files otherwise.
    .target(name: "EntenteFuzz", dependencies: ["EntenteText", "EntenteAlign", "EntenteTerms"]),
    .executableTarget(name: "entente-fuzz", dependencies: ["EntenteFuzz"]),
    .target(name: "_EntenteTestSupport", path: "Tests/_EntenteTestSupport"),
    .testTarget(name: "EntenteTextTests", dependencies: ["EntenteText", "_EntenteTestSupport"]),
    .testTarget(name: "EntenteAlignTests", dependencies: ["EntenteAlign", "_EntenteTestSupport"]),
    .testTarget(name: "EntenteTermsTests", dependencies: ["EntenteTerms", "_EntenteTestSupport"]),
    .testTarget(
      name: "EntenteReportTests", dependencies: ["EntenteReport", "EntenteTerms", "_EntenteTestSupport"]),
    .testTarget(name: "EntenteCLITests", dependencies: ["entente", "_EntenteTestSupport"]),
    .testTarget(name: "EntenteFuzzTests", dependencies: ["EntenteFuzz"]),
  ]
)
