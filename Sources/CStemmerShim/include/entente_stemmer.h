// entente_stemmer.h: Snowball stemmers (Debian libstemmer-dev) behind stdint-only functions and
// an opaque handle. Only entente_stemmer.c includes <libstemmer.h>.
#ifndef ENTENTE_STEMMER_H
#define ENTENTE_STEMMER_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A Snowball stemmer for one algorithm; not safe to use from two threads at once.
typedef struct ent_stemmer ent_stemmer;

/// Opens the stemmer for `algorithm` (a Snowball name or ISO 639 code: "french", "fr",
/// "english", "en"…) over UTF-8. NULL when libstemmer has no such algorithm.
ent_stemmer *ent_stemmer_open(const char *algorithm);

void ent_stemmer_close(ent_stemmer *stemmer);

/// Stems `word` (UTF-8, `length` bytes, lowercase expected). Returns a pointer to the stem
/// (UTF-8, valid until the next call on this stemmer) and sets *stem_length; NULL when out of
/// memory.
const uint8_t *ent_stemmer_stem(ent_stemmer *stemmer, const uint8_t *word, int32_t length,
                                int32_t *stem_length);

/// The algorithms libstemmer knows, as a NULL-terminated list of names.
const char **ent_stemmer_algorithms(void);

#ifdef __cplusplus
}
#endif

#endif
