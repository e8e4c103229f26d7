// entente_zlib.h: gzip decompression (zlib) for dictzip files, behind stdint-only functions.
#ifndef ENTENTE_ZLIB_H
#define ENTENTE_ZLIB_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The status of ent_gunzip when the output would exceed its maximum length.
#define ENT_ZLIB_TOO_LARGE (-100)

/// Decompresses gzip data (one or more members; dictzip files are gzip) into a malloc'd
/// buffer (*out, *out_length; free with ent_zlib_free), at most max_length bytes. Returns 0 on
/// success, ENT_ZLIB_TOO_LARGE when the output would be longer than max_length (nothing is
/// returned then: a compressed bomb never fills the memory), or a zlib error code (negative)
/// and sets *error_offset to the input offset reached. Calls inflate.
int32_t ent_gunzip(const uint8_t *data, int64_t length, int64_t max_length, uint8_t **out,
                   int64_t *out_length, int64_t *error_offset);

/// Inflates one raw deflate block sequence (no header: a dictzip chunk, which ends with a full
/// flush) into out (capacity bytes). Returns 0 and sets *out_length, or a zlib error code.
int32_t ent_inflate_raw(const uint8_t *data, int64_t length, uint8_t *out, int64_t capacity,
                        int64_t *out_length);

void ent_zlib_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
