// entente_icu.c: system ICU behind the stdint-only functions of entente_icu.h.
#include "entente_icu.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

void ent_icu_version(char *out, int32_t capacity) {
  UVersionInfo info;
  char buffer[U_MAX_VERSION_STRING_LENGTH];
  u_getVersion(info);
  u_versionToString(info, buffer);
  strncpy(out, buffer, (size_t)capacity);
  if (capacity > 0) out[capacity - 1] = 0;
}

const char *ent_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

void ent_free(void *pointer) { free(pointer); }

// MARK: Break iteration

struct ent_break {
  UBreakIterator *iterator;
  UText *text;
};

ent_break *ent_break_open(int32_t kind, const char *locale, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  UBreakIterator *iterator = ubrk_open((UBreakIteratorType)kind, locale, NULL, 0, &error);
  if (U_FAILURE(error)) {
    *status = error;
    return NULL;
  }
  ent_break *result = calloc(1, sizeof(ent_break));
  if (!result) {
    ubrk_close(iterator);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  result->iterator = iterator;
  *status = error;
  return result;
}

void ent_break_set_utf8(ent_break *b, const uint8_t *text, int64_t length, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  b->text = utext_openUTF8(b->text, (const char *)text, length, &error);
  if (U_SUCCESS(error)) ubrk_setUText(b->iterator, b->text, &error);
  *status = error;
}

int64_t ent_break_first(ent_break *b) { return ubrk_first(b->iterator); }

int64_t ent_break_next(ent_break *b) {
  int32_t next = ubrk_next(b->iterator);
  return next == UBRK_DONE ? -1 : next;
}

int32_t ent_break_rule_status(ent_break *b) { return ubrk_getRuleStatus(b->iterator); }

int64_t ent_break_fill(ent_break *b, int64_t *out, int64_t capacity) {
  int64_t count = 0;
  while (count < capacity) {
    int32_t next = ubrk_next(b->iterator);
    if (next == UBRK_DONE) break;
    out[count++] = next;
  }
  return count;
}

void ent_break_close(ent_break *b) {
  if (!b) return;
  ubrk_close(b->iterator);
  if (b->text) utext_close(b->text);
  free(b);
}

// MARK: UTF-8 <-> UTF-16 helpers

// Converts UTF-8 to a malloc'd UTF-16 buffer; invalid UTF-8 is an error (no substitution).
static UChar *to_utf16(const uint8_t *text, int64_t length, int32_t *out_length,
                       UErrorCode *error) {
  if (length > INT32_MAX / 2) {
    *error = U_BUFFER_OVERFLOW_ERROR;
    return NULL;
  }
  int32_t needed = 0;
  UErrorCode probe = U_ZERO_ERROR;
  u_strFromUTF8(NULL, 0, &needed, (const char *)text, (int32_t)length, &probe);
  if (probe != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(probe)) {
    *error = probe;
    return NULL;
  }
  UChar *buffer = malloc(sizeof(UChar) * (size_t)(needed + 1));
  if (!buffer) {
    *error = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  u_strFromUTF8(buffer, needed + 1, out_length, (const char *)text, (int32_t)length, error);
  if (U_FAILURE(*error)) {
    free(buffer);
    return NULL;
  }
  return buffer;
}

// Converts UTF-16 to a malloc'd UTF-8 buffer.
static uint8_t *to_utf8(const UChar *text, int32_t length, int64_t *out_length,
                        UErrorCode *error) {
  int32_t needed = 0;
  UErrorCode probe = U_ZERO_ERROR;
  u_strToUTF8(NULL, 0, &needed, text, length, &probe);
  if (probe != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(probe)) {
    *error = probe;
    return NULL;
  }
  char *buffer = malloc((size_t)needed + 1);
  if (!buffer) {
    *error = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  int32_t written = 0;
  u_strToUTF8(buffer, needed + 1, &written, text, length, error);
  if (U_FAILURE(*error)) {
    free(buffer);
    return NULL;
  }
  *out_length = written;
  return (uint8_t *)buffer;
}

// MARK: Normalization

static const UNormalizer2 *normalizer(int32_t form, UErrorCode *error) {
  switch (form) {
    case ENT_FORM_NFC: return unorm2_getNFCInstance(error);
    case ENT_FORM_NFD: return unorm2_getNFDInstance(error);
    case ENT_FORM_NFKC: return unorm2_getNFKCInstance(error);
    case ENT_FORM_NFKD: return unorm2_getNFKDInstance(error);
    case ENT_FORM_NFKC_CASEFOLD: return unorm2_getNFKCCasefoldInstance(error);
    default: *error = U_ILLEGAL_ARGUMENT_ERROR; return NULL;
  }
}

// Normalizes (or folds) UTF-16 into a malloc'd UTF-16 buffer.
static UChar *normalize16(int32_t form, const UChar *source, int32_t length,
                          int32_t *out_length, UErrorCode *error) {
  int32_t capacity = length * 3 + 16;
  for (int attempt = 0; attempt < 3; attempt++) {
    UChar *buffer = malloc(sizeof(UChar) * (size_t)capacity);
    if (!buffer) {
      *error = U_MEMORY_ALLOCATION_ERROR;
      return NULL;
    }
    UErrorCode local = U_ZERO_ERROR;
    int32_t written;
    if (form == ENT_FORM_CASEFOLD || form == ENT_FORM_CASEFOLD_TURKIC) {
      uint32_t options = form == ENT_FORM_CASEFOLD ? U_FOLD_CASE_DEFAULT : U_FOLD_CASE_EXCLUDE_SPECIAL_I;
      written = u_strFoldCase(buffer, capacity, source, length, options, &local);
    } else {
      const UNormalizer2 *n = normalizer(form, &local);
      if (U_FAILURE(local)) {
        free(buffer);
        *error = local;
        return NULL;
      }
      written = unorm2_normalize(n, source, length, buffer, capacity, &local);
    }
    if (local == U_BUFFER_OVERFLOW_ERROR) {
      free(buffer);
      capacity = written + 16;
      continue;
    }
    if (U_FAILURE(local)) {
      free(buffer);
      *error = local;
      return NULL;
    }
    *out_length = written;
    return buffer;
  }
  *error = U_BUFFER_OVERFLOW_ERROR;
  return NULL;
}

void ent_normalize_utf8(int32_t form, const uint8_t *text, int64_t length, uint8_t **out,
                        int64_t *out_length, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  *out = NULL;
  *out_length = 0;
  int32_t length16 = 0;
  UChar *source = to_utf16(text, length, &length16, &error);
  if (!source) {
    *status = error;
    return;
  }
  int32_t result_length = 0;
  UChar *result = normalize16(form, source, length16, &result_length, &error);
  free(source);
  if (!result) {
    *status = error;
    return;
  }
  *out = to_utf8(result, result_length, out_length, &error);
  free(result);
  *status = error;
}

// MARK: Matching keys

// Typographic punctuation and spaces unified in keys.
static UChar32 unify(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x2032:
    case 0x0060: case 0x00B4:
      return '\'';
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2039: case 0x203A: case 0x2033: case 0x301D: case 0x301E:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return '-';
    default:
      break;
  }
  if (c != '\t' && c != '\n' && c != '\r' && u_isUWhiteSpace(c)) return ' ';
  return c;
}

struct ent_translit {
  UTransliterator *transliterator;
};

// The Latin-ASCII transliterator: opened once (pthread_once), and cloned for each key that
// needs it, since an ICU transliterator must not be used by two threads at once.
static UTransliterator *latin_ascii_base = NULL;
static pthread_once_t latin_ascii_once = PTHREAD_ONCE_INIT;

static void open_latin_ascii(void) {
  static const UChar id[] = {'L', 'a', 't', 'i', 'n', '-', 'A', 'S', 'C', 'I', 'I', 0};
  UErrorCode error = U_ZERO_ERROR;
  UParseError parse;
  latin_ascii_base = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &parse, &error);
  if (U_FAILURE(error)) latin_ascii_base = NULL;
}

// A transliterator for this key only (made on first need, closed with the key).
static ent_translit *key_latin_ascii(ent_translit **slot) {
  if (*slot) return *slot;
  pthread_once(&latin_ascii_once, open_latin_ascii);
  if (!latin_ascii_base) return NULL;
  UErrorCode error = U_ZERO_ERROR;
  UTransliterator *clone = utrans_clone(latin_ascii_base, &error);
  if (U_FAILURE(error)) return NULL;
  ent_translit *result = malloc(sizeof(ent_translit));
  if (!result) {
    utrans_close(clone);
    return NULL;
  }
  result->transliterator = clone;
  *slot = result;
  return result;
}

// Folds one chunk (a starter and its marks, UTF-16) into `out` (UTF-8 appended).
typedef struct {
  uint8_t *bytes;
  int64_t length, capacity;
} byte_buffer;

static int append_bytes(byte_buffer *b, const uint8_t *bytes, int64_t n) {
  if (b->length + n > b->capacity) {
    int64_t capacity = (b->capacity + n) * 2 + 64;
    uint8_t *grown = realloc(b->bytes, (size_t)capacity);
    if (!grown) return 0;
    b->bytes = grown;
    b->capacity = capacity;
  }
  memcpy(b->bytes + b->length, bytes, (size_t)n);
  b->length += n;
  return 1;
}

static int append_utf16(byte_buffer *b, const UChar *s, int32_t n, UErrorCode *error) {
  int64_t length8 = 0;
  uint8_t *bytes = to_utf8(s, n, &length8, error);
  if (!bytes) return 0;
  int ok = append_bytes(b, bytes, length8);
  free(bytes);
  if (!ok) *error = U_MEMORY_ALLOCATION_ERROR;
  return ok;
}

static void fold_chunk(const UChar *chunk, int32_t n, byte_buffer *out, ent_translit **latin_ascii,
                       UErrorCode *error) {
  int32_t folded_length = 0, decomposed_length = 0;
  UChar *folded = normalize16(ENT_FORM_NFKC_CASEFOLD, chunk, n, &folded_length, error);
  if (!folded) return;
  UChar *decomposed = normalize16(ENT_FORM_NFD, folded, folded_length, &decomposed_length, error);
  free(folded);
  if (!decomposed) return;
  // Drop nonspacing marks, unify punctuation.
  int32_t kept = 0, i = 0;
  int needs_ascii = 0;
  while (i < decomposed_length) {
    UChar32 c;
    U16_NEXT(decomposed, i, decomposed_length, c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    c = unify(c);
    if (c >= 0x80 && u_hasBinaryProperty(c, UCHAR_ALPHABETIC) &&
        uscript_getScript(c, error) == USCRIPT_LATIN)
      needs_ascii = 1;
    U16_APPEND_UNSAFE(decomposed, kept, c);
  }
  UChar *composed = NULL;
  int32_t composed_length = 0;
  composed = normalize16(ENT_FORM_NFC, decomposed, kept, &composed_length, error);
  free(decomposed);
  if (!composed) return;
  if (needs_ascii) {
    ent_translit *transliterator = key_latin_ascii(latin_ascii);
    if (transliterator) {
      int64_t length8 = 0;
      uint8_t *bytes8 = to_utf8(composed, composed_length, &length8, error);
      if (bytes8) {
        uint8_t *ascii = NULL;
        int64_t ascii_length = 0;
        int32_t status = 0;
        ent_translit_apply(transliterator, bytes8, length8, &ascii, &ascii_length, &status);
        free(bytes8);
        if (status <= 0 && ascii) {
          // Latin-ASCII may give uppercase for titlecase digraphs: lowercase ASCII letters.
          for (int64_t k = 0; k < ascii_length; k++)
            if (ascii[k] >= 'A' && ascii[k] <= 'Z') ascii[k] += 32;
          if (!append_bytes(out, ascii, ascii_length)) *error = U_MEMORY_ALLOCATION_ERROR;
          free(ascii);
          free(composed);
          return;
        }
        free(ascii);
      }
    }
  }
  append_utf16(out, composed, composed_length, error);
  free(composed);
}

void ent_key_utf8(const uint8_t *text, int64_t length, uint8_t **out, int64_t *out_length,
                  int64_t **map, int64_t *map_length, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  *out = NULL;
  *map = NULL;
  *out_length = 0;
  *map_length = 0;
  const UNormalizer2 *nfd = unorm2_getNFDInstance(&error);
  if (U_FAILURE(error)) {
    *status = error;
    return;
  }
  byte_buffer key = {malloc((size_t)length + 16), 0, length + 16};
  int64_t map_capacity = 2 * (length + 1) + 2;
  int64_t *pairs = malloc(sizeof(int64_t) * (size_t)map_capacity);
  if (!key.bytes || !pairs) {
    free(key.bytes);
    free(pairs);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return;
  }
  int64_t npairs = 0;
  int64_t i = 0;
  UChar chunk[64];
  ent_translit *latin_ascii = NULL;
  while (i < length && U_SUCCESS(error)) {
    pairs[2 * npairs] = key.length;
    pairs[2 * npairs + 1] = i;
    npairs++;
    uint8_t byte = text[i];
    if (byte < 0x80) {
      // ASCII fast path: one byte is one chunk unless a combining mark follows.
      int64_t next = i + 1;
      int combining = next < length && text[next] >= 0xC0;
      if (combining) {
        UChar32 c;
        int32_t j = 0;
        int64_t rest = length - next < 8 ? length - next : 8;
        U8_NEXT(text + next, j, (int32_t)rest, c);
        combining = c >= 0 && !unorm2_hasBoundaryBefore(nfd, c);
      }
      if (!combining) {
        uint8_t folded = (uint8_t)((byte >= 'A' && byte <= 'Z') ? byte + 32 : byte);
        if (byte == '`') folded = '\'';
        append_bytes(&key, &folded, 1);
        i = next;
        continue;
      }
    }
    // General path: gather a starter and the following code points without a boundary.
    int32_t n = 0;
    int64_t j = i;
    do {
      UChar32 c;
      int32_t k = 0;
      int64_t rest = length - j < 8 ? length - j : 8;
      U8_NEXT(text + j, k, (int32_t)rest, c);
      if (c < 0) {
        error = U_INVALID_CHAR_FOUND;
        break;
      }
      if (n > 0 && unorm2_hasBoundaryBefore(nfd, c)) break;
      if (n + 2 > (int32_t)(sizeof(chunk) / sizeof(chunk[0]))) break;
      U16_APPEND_UNSAFE(chunk, n, c);
      j += k;
    } while (j < length);
    if (U_FAILURE(error)) break;
    fold_chunk(chunk, n, &key, &latin_ascii, &error);
    i = j;
  }
  ent_translit_close(latin_ascii);
  if (U_FAILURE(error)) {
    free(key.bytes);
    free(pairs);
    *status = error;
    return;
  }
  pairs[2 * npairs] = key.length;
  pairs[2 * npairs + 1] = length;
  npairs++;
  *out = key.bytes;
  *out_length = key.length;
  *map = pairs;
  *map_length = npairs;
  *status = error;
}

// MARK: Transliteration


ent_translit *ent_translit_open(const uint8_t *id, int64_t id_length, const uint8_t *rules,
                                int64_t rules_length, int32_t *error_offset, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  int32_t id16_length = 0, rules16_length = 0;
  *error_offset = -1;
  UChar *id16 = to_utf16(id, id_length, &id16_length, &error);
  if (!id16) {
    *status = error;
    return NULL;
  }
  UChar *rules16 = NULL;
  if (rules) {
    rules16 = to_utf16(rules, rules_length, &rules16_length, &error);
    if (!rules16) {
      free(id16);
      *status = error;
      return NULL;
    }
  }
  UParseError parse;
  memset(&parse, 0, sizeof parse);
  UTransliterator *t = utrans_openU(id16, id16_length, UTRANS_FORWARD, rules16,
                                    rules ? rules16_length : -1, &parse, &error);
  free(id16);
  free(rules16);
  if (U_FAILURE(error)) {
    *error_offset = parse.offset;
    *status = error;
    return NULL;
  }
  ent_translit *result = malloc(sizeof(ent_translit));
  if (!result) {
    utrans_close(t);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  result->transliterator = t;
  *status = error;
  return result;
}

void ent_translit_apply(ent_translit *translit, const uint8_t *text, int64_t length,
                        uint8_t **out, int64_t *out_length, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  *out = NULL;
  *out_length = 0;
  int32_t length16 = 0;
  UChar *source = to_utf16(text, length, &length16, &error);
  if (!source) {
    *status = error;
    return;
  }
  int32_t capacity = length16 * 4 + 16;
  for (int attempt = 0; attempt < 3; attempt++) {
    UChar *buffer = malloc(sizeof(UChar) * (size_t)capacity);
    if (!buffer) {
      error = U_MEMORY_ALLOCATION_ERROR;
      break;
    }
    memcpy(buffer, source, sizeof(UChar) * (size_t)length16);
    int32_t text_length = length16, limit = length16;
    UErrorCode local = U_ZERO_ERROR;
    utrans_transUChars(translit->transliterator, buffer, &text_length, capacity, 0, &limit,
                       &local);
    if (local == U_BUFFER_OVERFLOW_ERROR) {
      free(buffer);
      capacity = text_length + 16;
      continue;
    }
    if (U_FAILURE(local)) {
      free(buffer);
      error = local;
      break;
    }
    *out = to_utf8(buffer, text_length, out_length, &error);
    free(buffer);
    break;
  }
  free(source);
  *status = error;
}

void ent_translit_close(ent_translit *translit) {
  if (!translit) return;
  utrans_close(translit->transliterator);
  free(translit);
}

// MARK: Regular expressions

struct ent_regex {
  URegularExpression *regex;
  UText *subject;
};

ent_regex *ent_regex_open(const uint8_t *pattern, int64_t length, uint32_t flags,
                          int32_t *error_line, int32_t *error_offset, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  UParseError parse;
  memset(&parse, 0, sizeof parse);
  *error_line = -1;
  *error_offset = -1;
  UText *pattern_text = utext_openUTF8(NULL, (const char *)pattern, length, &error);
  if (U_FAILURE(error)) {
    *status = error;
    return NULL;
  }
  URegularExpression *regex = uregex_openUText(pattern_text, flags, &parse, &error);
  utext_close(pattern_text);
  if (U_FAILURE(error)) {
    *error_line = parse.line;
    *error_offset = parse.offset;
    *status = error;
    return NULL;
  }
  ent_regex *result = calloc(1, sizeof(ent_regex));
  if (!result) {
    uregex_close(regex);
    *status = U_MEMORY_ALLOCATION_ERROR;
    return NULL;
  }
  result->regex = regex;
  *status = error;
  return result;
}

void ent_regex_set_utf8(ent_regex *r, const uint8_t *text, int64_t length, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  r->subject = utext_openUTF8(r->subject, (const char *)text, length, &error);
  if (U_SUCCESS(error)) uregex_setUText(r->regex, r->subject, &error);
  *status = error;
}

static int32_t report_match(ent_regex *r, int32_t found, int32_t group, int64_t *start,
                            int64_t *end, UErrorCode *error) {
  if (!found || U_FAILURE(*error)) return 0;
  *start = uregex_start64(r->regex, group, error);
  *end = uregex_end64(r->regex, group, error);
  return U_SUCCESS(*error) ? 1 : 0;
}

int32_t ent_regex_find_next(ent_regex *r, int32_t group, int64_t *start, int64_t *end,
                            int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  UBool found = uregex_findNext(r->regex, &error);
  int32_t result = report_match(r, found, group, start, end, &error);
  *status = error;
  return result;
}

void ent_regex_set_time_limit(ent_regex *r, int32_t limit, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  uregex_setTimeLimit(r->regex, limit, &error);
  *status = error;
}

int32_t ent_regex_time_out_status(void) { return U_REGEX_TIME_OUT; }

int32_t ent_regex_group_count(ent_regex *r, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  int32_t count = uregex_groupCount(r->regex, &error);
  *status = error;
  return count;
}

void ent_regex_close(ent_regex *r) {
  if (!r) return;
  uregex_close(r->regex);
  if (r->subject) utext_close(r->subject);
  free(r);
}

// MARK: Character properties

int32_t ent_letter_case(int32_t c) {
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER: case U_TITLECASE_LETTER: return 1;
    case U_LOWERCASE_LETTER: return 2;
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: return 0;
    default: return -1;
  }
}

// MARK: Locales and language tags

// The status of a string ICU wrote into `capacity` bytes: a result without room for its NUL
// (U_STRING_NOT_TERMINATED_WARNING) is an overflow here, since callers read C strings.
static int32_t finish_string(char *out, int32_t length, int32_t capacity, UErrorCode error,
                             int32_t *status) {
  if (U_SUCCESS(error) && length >= capacity) error = U_BUFFER_OVERFLOW_ERROR;
  if (U_FAILURE(error)) {
    if (capacity > 0) out[0] = 0;
    *status = error;
    return 0;
  }
  *status = U_ZERO_ERROR;
  return length;
}

int32_t ent_locale_from_tag(const char *tag, char *out, int32_t capacity, int32_t *parsed_length,
                            int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  *parsed_length = 0;
  int32_t length = uloc_forLanguageTag(tag, out, capacity, parsed_length, &error);
  return finish_string(out, length, capacity, error, status);
}

int32_t ent_locale_language(const char *locale, char *out, int32_t capacity, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  int32_t length = uloc_getLanguage(locale, out, capacity, &error);
  return finish_string(out, length, capacity, error, status);
}

int32_t ent_locale_script(const char *locale, char *out, int32_t capacity, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  int32_t length = uloc_getScript(locale, out, capacity, &error);
  return finish_string(out, length, capacity, error, status);
}

int32_t ent_locale_country(const char *locale, char *out, int32_t capacity, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  int32_t length = uloc_getCountry(locale, out, capacity, &error);
  return finish_string(out, length, capacity, error, status);
}

int32_t ent_locale_to_tag(const char *locale, char *out, int32_t capacity, int32_t *status) {
  UErrorCode error = U_ZERO_ERROR;
  int32_t length = uloc_toLanguageTag(locale, out, capacity, 1, &error);
  return finish_string(out, length, capacity, error, status);
}

int32_t ent_is_iso_language(const char *language) {
  const char *const *codes = uloc_getISOLanguages();
  for (; codes && *codes; codes++)
    if (strcmp(*codes, language) == 0) return 1;
  return 0;
}
