// entente_icu.h: the C face of system ICU for Entente.
//
// Only <stdint.h> and <stddef.h> types and opaque handles cross this header: the toolchain's
// Foundation carries its own ICU module, and importing system ICU headers into Swift breaks the
// build. Every <unicode/...> include stays in the .c files.
//
// Status codes are ICU's UErrorCode values as int32_t: 0 is success, negative values are
// warnings (not errors), positive values are failures. ent_error_name names any of them.
// Text crosses as UTF-8 (uint8_t, byte offsets as int64_t) unless a function says UTF-16.
#ifndef ENTENTE_ICU_H
#define ENTENTE_ICU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes ICU's version ("72.1") into `out` (at least 32 bytes). Calls u_getVersion.
void ent_icu_version(char *out, int32_t capacity);

/// ICU's name for a status code ("U_ILLEGAL_ARGUMENT_ERROR"). Calls u_errorName.
const char *ent_error_name(int32_t status);

/// Frees memory returned by this shim (malloc'd buffers).
void ent_free(void *pointer);

// MARK: Break iteration over UTF-8 (UText, no copy into UTF-16)

typedef struct ent_break ent_break;

enum {
  ENT_BREAK_CHARACTER = 0,
  ENT_BREAK_WORD = 1,
  ENT_BREAK_LINE = 2,
  ENT_BREAK_SENTENCE = 3,
};

/// Opens a break iterator of `kind` for `locale` ("fr", "en", "en@ss=standard").
/// Calls ubrk_open. Returns NULL with *status > 0 on failure.
ent_break *ent_break_open(int32_t kind, const char *locale, int32_t *status);

/// Points the iterator at `length` bytes of UTF-8 at `text`, through utext_openUTF8 and
/// ubrk_setUText. The bytes are not copied: they must outlive the iteration.
void ent_break_set_utf8(ent_break *iterator, const uint8_t *text, int64_t length,
                        int32_t *status);

/// The first boundary (0). Calls ubrk_first.
int64_t ent_break_first(ent_break *iterator);

/// The next boundary as a UTF-8 byte offset, or -1 when done. Calls ubrk_next.
int64_t ent_break_next(ent_break *iterator);

/// The rule status of the boundary last returned (UWordBreak values for words: 0 none,
/// 100 number, 200 letter, 300 kana, 400 ideograph). Calls ubrk_getRuleStatus.
int32_t ent_break_rule_status(ent_break *iterator);

/// Fills `out` with up to `capacity` boundaries after the current one; returns how many were
/// written (fewer than capacity only at the end of the text).
int64_t ent_break_fill(ent_break *iterator, int64_t *out, int64_t capacity);

/// Closes the iterator and its UText. Calls ubrk_close and utext_close.
void ent_break_close(ent_break *iterator);

// MARK: Normalization and case folding (UTF-8 in, malloc'd UTF-8 out)

enum {
  ENT_FORM_NFC = 0,
  ENT_FORM_NFD = 1,
  ENT_FORM_NFKC = 2,
  ENT_FORM_NFKD = 3,
  ENT_FORM_NFKC_CASEFOLD = 4,
  /// Full default case folding (u_strFoldCase, U_FOLD_CASE_DEFAULT), no normalization.
  ENT_FORM_CASEFOLD = 5,
  /// Case folding for Turkish and Azeri (U_FOLD_CASE_EXCLUDE_SPECIAL_I: I → ı, İ → i).
  ENT_FORM_CASEFOLD_TURKIC = 6,
};

/// Normalizes or folds UTF-8 `text` into a new malloc'd UTF-8 buffer (*out, *out_length;
/// free it with ent_free). Calls unorm2_normalize (or u_strFoldCase).
/// Invalid UTF-8 fails with U_INVALID_CHAR_FOUND.
void ent_normalize_utf8(int32_t form, const uint8_t *text, int64_t length, uint8_t **out,
                        int64_t *out_length, int32_t *status);

/// Builds the matching key of UTF-8 `text`: NFKC case fold, diacritics removed (NFD, drop
/// nonspacing marks, NFC), Latin letters folded to ASCII by the ICU transliterator
/// "Latin-ASCII" where marks are not enough (œ→oe, ß→ss, ø→o), and typographic apostrophes,
/// quotes, dashes and spaces unified (’ → ', « » “ ” → ", – — → -, no-break spaces → space).
/// Output: a malloc'd UTF-8 key (*out, *out_length) and a malloc'd map (*map, *map_length =
/// number of chunks + 1) of chunk starts: pairs (key offset, text offset), so map[2*i] is the
/// key byte offset and map[2*i+1] the text byte offset of chunk i; the last pair holds the two
/// lengths. A chunk is the smallest run of text that folds independently (a starter and its
/// combining marks). Free both with ent_free.
void ent_key_utf8(const uint8_t *text, int64_t length, uint8_t **out, int64_t *out_length,
                  int64_t **map, int64_t *map_length, int32_t *status);

// MARK: Transliteration

typedef struct ent_translit ent_translit;

/// Opens an ICU transliterator by ID ("Latin-ASCII", "Any-Latin; Latin-ASCII") or, when
/// `rules` is non-NULL (UTF-8), from rules. Calls utrans_openU. Parse errors fail with
/// *status > 0 and set *error_offset to the offset in the rules (or -1).
ent_translit *ent_translit_open(const uint8_t *id, int64_t id_length, const uint8_t *rules,
                                int64_t rules_length, int32_t *error_offset, int32_t *status);

/// Transliterates UTF-8 `text` into a malloc'd UTF-8 buffer. Calls utrans_transUChars.
void ent_translit_apply(ent_translit *translit, const uint8_t *text, int64_t length,
                        uint8_t **out, int64_t *out_length, int32_t *status);

void ent_translit_close(ent_translit *translit);

// MARK: Regular expressions (ICU regex over UTF-8 through UText)

typedef struct ent_regex ent_regex;

enum {
  ENT_REGEX_CASE_INSENSITIVE = 2,
  ENT_REGEX_COMMENTS = 4,
  ENT_REGEX_DOTALL = 32,
  ENT_REGEX_MULTILINE = 8,
};

/// Compiles a UTF-8 pattern with ICU flags (UREGEX_*). Calls uregex_openUText. On a syntax
/// error *status > 0 and *error_line / *error_offset locate it in the pattern.
ent_regex *ent_regex_open(const uint8_t *pattern, int64_t length, uint32_t flags,
                          int32_t *error_line, int32_t *error_offset, int32_t *status);

/// Sets the subject (not copied; it must outlive the matching). Calls uregex_setUText.
void ent_regex_set_utf8(ent_regex *regex, const uint8_t *text, int64_t length,
                        int32_t *status);

/// Finds the next match from where the last one ended; returns 1 and sets the byte range of
/// group `group` (0: whole match; -1 offsets when the group did not take part), or 0 when
/// there is none. Calls uregex_findNext, uregex_start64, uregex_end64.
int32_t ent_regex_find_next(ent_regex *regex, int32_t group, int64_t *start, int64_t *end,
                            int32_t *status);

/// Number of capture groups. Calls uregex_groupCount.
int32_t ent_regex_group_count(ent_regex *regex, int32_t *status);

/// Bounds each match operation to `limit` units of about 10,000 steps of the match engine
/// (0: no limit); a match past it fails with ent_regex_time_out_status(). Calls
/// uregex_setTimeLimit.
void ent_regex_set_time_limit(ent_regex *regex, int32_t limit, int32_t *status);

/// U_REGEX_TIME_OUT: the status of a match stopped by the time limit.
int32_t ent_regex_time_out_status(void);

void ent_regex_close(ent_regex *regex);

// MARK: Character properties (code points)

/// 1 if the code point is a letter with the given case: 1 upper/titlecase, 2 lower, 0 other
/// letters (caseless), -1 not a letter. Calls u_charType.
int32_t ent_letter_case(int32_t code_point);

// MARK: Locales and language tags (ASCII, NUL-terminated)
//
// The functions below write a NUL-terminated ASCII string into `out` (`capacity` bytes) and
// return its length. A result that does not fit (with its NUL) fails with
// U_BUFFER_OVERFLOW_ERROR.

/// Parses the BCP 47 language tag `tag` ("fr-CA", "zh-Hant-TW") into an ICU locale ID
/// ("fr_CA"). Calls uloc_forLanguageTag. *parsed_length is the number of bytes of `tag` ICU
/// read: the tag is well-formed only when that is all of it ("fr--" stops at 2). An empty tag
/// and "und" give the root locale "".
int32_t ent_locale_from_tag(const char *tag, char *out, int32_t capacity, int32_t *parsed_length,
                            int32_t *status);

/// The language subtag of ICU locale ID `locale` ("fr_CA" → "fr"; a 3-letter code with a
/// 2-letter equivalent gives that: "fra" → "fr"). Calls uloc_getLanguage.
int32_t ent_locale_language(const char *locale, char *out, int32_t capacity, int32_t *status);

/// The script subtag of `locale` ("zh_Hant_TW" → "Hant"; "" when none). Calls uloc_getScript.
int32_t ent_locale_script(const char *locale, char *out, int32_t capacity, int32_t *status);

/// The region subtag of `locale` ("fr_CA" → "CA", "es_419" → "419"; "" when none).
/// Calls uloc_getCountry.
int32_t ent_locale_country(const char *locale, char *out, int32_t capacity, int32_t *status);

/// The canonical BCP 47 tag of `locale` ("fr_CA" → "fr-CA", "iw" → "he", "" → "und").
/// Calls uloc_toLanguageTag (strict).
int32_t ent_locale_to_tag(const char *locale, char *out, int32_t capacity, int32_t *status);

/// 1 if `language` (lowercase) is one of ICU's ISO 639 language codes, else 0.
/// Calls uloc_getISOLanguages and scans its list (about 600 codes).
int32_t ent_is_iso_language(const char *language);

#ifdef __cplusplus
}
#endif

#endif
