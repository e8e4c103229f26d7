// The largest input Entente reads, shared by every reader of the package (texts, glossaries,
// bilingual files, SRX and abbreviation files, dictionaries).
import Synchronization

/// The maximum sizes Entente accepts, so that a huge or endless input (`/dev/zero`, a runaway
/// pipe, a compressed bomb) is refused with a message instead of filling the memory.
///
/// The limits are process-wide: the command-line tool sets `maximumInputSize` from
/// `--max-input-size` before it reads anything.
public enum InputLimits {
  /// The default maximum size of one input: 1 GiB (2³⁰ bytes).
  public static let defaultMaximumInputSize = 1 << 30
  /// The default maximum size of a decompressed dictionary (`.dict.dz`): 256 MiB (2²⁸ bytes).
  public static let defaultMaximumInflatedSize = 1 << 28

  private static let inputSize = Atomic<Int>(defaultMaximumInputSize)

  /// The maximum number of bytes read from one input (a file or standard input); more is
  /// refused with `TextError.tooLarge`.
  public static var maximumInputSize: Int {
    get { inputSize.load(ordering: .relaxed) }
    set { inputSize.store(max(1, newValue), ordering: .relaxed) }
  }

  /// The maximum number of bytes a compressed dictionary may inflate to: the smaller of
  /// `defaultMaximumInflatedSize` and `maximumInputSize`, unless `maximumInputSize` was raised
  /// above the default (then `maximumInputSize`).
  public static var maximumInflatedSize: Int {
    let input = maximumInputSize
    return input > defaultMaximumInputSize ? input : min(defaultMaximumInflatedSize, input)
  }
}
