// entente_zlib.c: zlib's inflate behind entente_zlib.h.
#include "entente_zlib.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void ent_zlib_free(void *pointer) { free(pointer); }

int32_t ent_gunzip(const uint8_t *data, int64_t length, int64_t max_length, uint8_t **out,
                   int64_t *out_length, int64_t *error_offset) {
  *out = NULL;
  *out_length = 0;
  *error_offset = 0;
  size_t capacity = (size_t)length * 4 + 1024;
  if (max_length >= 0 && capacity > (size_t)max_length + 1) capacity = (size_t)max_length + 1;
  uint8_t *buffer = malloc(capacity);
  if (!buffer) return Z_MEM_ERROR;
  size_t produced = 0;
  int64_t consumed = 0;
  while (consumed < length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 16 + MAX_WBITS: a gzip header and trailer.
    int status = inflateInit2(&stream, 16 + MAX_WBITS);
    if (status != Z_OK) {
      free(buffer);
      return status;
    }
    stream.next_in = (Bytef *)(data + consumed);
    stream.avail_in = (uInt)((length - consumed) > 0x7fffffff ? 0x7fffffff : (length - consumed));
    do {
      if (produced == capacity) {
        if (max_length >= 0 && produced > (size_t)max_length) {
          inflateEnd(&stream);
          free(buffer);
          *error_offset = consumed;
          return ENT_ZLIB_TOO_LARGE;
        }
        capacity *= 2;
        // One byte past the maximum is enough to know the output is too long.
        if (max_length >= 0 && capacity > (size_t)max_length + 1) capacity = (size_t)max_length + 1;
        uint8_t *grown = realloc(buffer, capacity);
        if (!grown) {
          inflateEnd(&stream);
          free(buffer);
          return Z_MEM_ERROR;
        }
        buffer = grown;
      }
      stream.next_out = buffer + produced;
      stream.avail_out = (uInt)(capacity - produced > 0x7fffffff ? 0x7fffffff : capacity - produced);
      uInt before = stream.avail_out;
      status = inflate(&stream, Z_NO_FLUSH);
      produced += before - stream.avail_out;
      if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR) break;
      if (status == Z_BUF_ERROR && stream.avail_in == 0) break;
    } while (status != Z_STREAM_END);
    consumed += (int64_t)((const uint8_t *)stream.next_in - (data + consumed));
    inflateEnd(&stream);
    if (status != Z_STREAM_END) {
      free(buffer);
      *error_offset = consumed;
      return status == Z_OK || status == Z_BUF_ERROR ? Z_DATA_ERROR : status;
    }
    // Another gzip member may follow; trailing zero padding ends the data.
    while (consumed < length && data[consumed] == 0) consumed++;
  }
  if (max_length >= 0 && produced > (size_t)max_length) {
    free(buffer);
    return ENT_ZLIB_TOO_LARGE;
  }
  *out = buffer;
  *out_length = (int64_t)produced;
  return 0;
}

int32_t ent_inflate_raw(const uint8_t *data, int64_t length, uint8_t *out, int64_t capacity,
                        int64_t *out_length) {
  *out_length = 0;
  if (length > 0x7fffffff || capacity > 0x7fffffff) return Z_BUF_ERROR;
  z_stream stream;
  memset(&stream, 0, sizeof stream);
  // Negative window bits: raw deflate, no header or trailer.
  int status = inflateInit2(&stream, -MAX_WBITS);
  if (status != Z_OK) return status;
  stream.next_in = (Bytef *)data;
  stream.avail_in = (uInt)length;
  stream.next_out = out;
  stream.avail_out = (uInt)capacity;
  status = inflate(&stream, Z_SYNC_FLUSH);
  *out_length = capacity - stream.avail_out;
  inflateEnd(&stream);
  // A chunk ends with a flush, not with the end of the stream (except the last one).
  if (status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && stream.avail_in == 0)) return 0;
  return status == Z_BUF_ERROR ? Z_DATA_ERROR : status;
}
