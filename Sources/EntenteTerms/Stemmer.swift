// Snowball stemmers (libstemmer) for inflection-aware term matching.
internal import CStemmerShim
import Foundation

/// A Snowball stemmer for one language: `roquettes` and `roquette` share the stem `roquet`.
///
/// Calls are serialized with a lock (a libstemmer stemmer is not thread-safe), so one stemmer
/// can be shared.
public final class Stemmer: @unchecked Sendable {
  /// The language asked for (a Snowball algorithm name or an ISO 639-1 code).
  public let language: String
  private let handle: OpaquePointer
  private let lock = NSLock()

  /// The stemmer for `language` ("fr", "en", "french", "english"…), or nil when libstemmer has
  /// no algorithm for it.
  public init?(language: String) {
    guard let handle = ent_stemmer_open(language.lowercased()) else { return nil }
    self.language = language
    self.handle = handle
  }

  deinit { ent_stemmer_close(handle) }

  /// The stem of a lowercase word.
  public func stem(_ word: String) -> String {
    var word = word
    return word.withUTF8 { bytes in
      lock.withLock {
        var length: Int32 = 0
        guard let stem = ent_stemmer_stem(handle, bytes.baseAddress, Int32(bytes.count), &length) else {
          return String(decoding: bytes, as: UTF8.self)
        }
        return String(decoding: UnsafeBufferPointer(start: stem, count: Int(length)), as: UTF8.self)
      }
    }
  }

  /// The algorithms libstemmer offers on this machine.
  public static var algorithms: [String] {
    var names: [String] = []
    guard var list = ent_stemmer_algorithms() else { return names }
    while let name = list.pointee {
      names.append(String(cString: name))
      list += 1
    }
    return names
  }
}
