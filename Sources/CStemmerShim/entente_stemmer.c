// entente_stemmer.c: libstemmer (Snowball) behind entente_stemmer.h.
#include "entente_stemmer.h"

#include <libstemmer.h>
#include <stdlib.h>

struct ent_stemmer {
  struct sb_stemmer *stemmer;
};

ent_stemmer *ent_stemmer_open(const char *algorithm) {
  struct sb_stemmer *stemmer = sb_stemmer_new(algorithm, "UTF_8");
  if (!stemmer) return NULL;
  ent_stemmer *result = malloc(sizeof(ent_stemmer));
  if (!result) {
    sb_stemmer_delete(stemmer);
    return NULL;
  }
  result->stemmer = stemmer;
  return result;
}

void ent_stemmer_close(ent_stemmer *stemmer) {
  if (!stemmer) return;
  sb_stemmer_delete(stemmer->stemmer);
  free(stemmer);
}

const uint8_t *ent_stemmer_stem(ent_stemmer *stemmer, const uint8_t *word, int32_t length,
                                int32_t *stem_length) {
  const sb_symbol *stem = sb_stemmer_stem(stemmer->stemmer, (const sb_symbol *)word, length);
  *stem_length = stem ? sb_stemmer_length(stemmer->stemmer) : 0;
  return (const uint8_t *)stem;
}

const char **ent_stemmer_algorithms(void) { return sb_stemmer_list(); }
