// entente_xml.h: libxml2's SAX2 parser for Entente, behind stdint-only types and functions.
//
// Only <stdint.h> and <stddef.h> types cross this header; every <libxml/...> include stays in
// entente_xml.c. Text crosses as UTF-8, places as byte offsets (int64_t) into the parsed buffer.
#ifndef ENTENTE_XML_H
#define ENTENTE_XML_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One attribute of a start tag. `value` is not NUL-terminated and keeps two kinds of reference
/// for the caller to replace: `&#38;` stands for '&', and `&name;` for an entity of the
/// document's internal subset (libxml2 leaves those to the application).
typedef struct ent_xml_attribute {
  const char *prefix;  // NULL when the name has none
  const char *local_name;
  const uint8_t *value;
  int64_t length;
} ent_xml_attribute;

/// What ent_xml_parse reports, in document order. A callback returning nonzero stops the parse
/// (ent_xml_parse then returns ENT_XML_STOPPED); the caller keeps its own reason.
typedef struct ent_xml_handler {
  void *context;
  /// A start tag: `tag_offset` is its '<', `end_offset` its '>' or the '/' of "/>".
  int32_t (*start_element)(void *context, const char *prefix, const char *local_name,
                           const ent_xml_attribute *attributes, int32_t attribute_count,
                           int64_t tag_offset, int64_t end_offset);
  /// An end tag at `offset` (its '<', or the '/' of an empty-element tag).
  int32_t (*end_element)(void *context, const char *prefix, const char *local_name,
                         int64_t offset);
  /// Character data, a CDATA section's content, or a predefined or character reference's text.
  int32_t (*characters)(void *context, const uint8_t *text, int64_t length);
  /// A general entity declared in the internal subset: its replacement text (character
  /// references replaced), or NULL for an external entity (SYSTEM or PUBLIC), never loaded.
  void (*entity_declaration)(void *context, const char *name, const uint8_t *replacement);
  /// A reference in content to an entity other than the five predefined ones, its '&' at
  /// `offset`: the caller takes its text into the content itself (libxml2 only goes on past it).
  /// Never called for a reference in an attribute value, where libxml2 keeps `&name;` instead.
  int32_t (*entity_reference)(void *context, const char *name, int64_t offset);
} ent_xml_handler;

/// The first fatal error libxml2 reported.
typedef struct ent_xml_error {
  /// libxml2's error code (xmlParserErrors: 76 is XML_ERR_TAG_NAME_MISMATCH…).
  int32_t code;
  /// The byte offset libxml2 had reached when it found the problem.
  int64_t offset;
  /// libxml2's message, without its final line break.
  char message[256];
  /// The names libxml2 gives with the error (str1, str2; for a mismatched end tag the open
  /// element and the end tag found), or empty.
  char name1[128];
  char name2[128];
} ent_xml_error;

enum {
  ENT_XML_OK = 0,
  /// The document is not well-formed: *error says where and why.
  ENT_XML_MALFORMED = 1,
  /// A handler callback returned nonzero.
  ENT_XML_STOPPED = 2,
  /// libxml2 could not allocate its parser.
  ENT_XML_NO_MEMORY = 3,
  /// The document is longer than ENT_XML_MAXIMUM_LENGTH bytes.
  ENT_XML_TOO_LARGE = 4,
};

/// The longest document ent_xml_parse takes (libxml2's memory parser counts bytes in an int).
#define ENT_XML_MAXIMUM_LENGTH INT32_MAX

/// libxml2's codes (xmlParserErrors) for the errors Entente words itself.
enum {
  ENT_XML_ERR_DOCUMENT_EMPTY = 4,
  ENT_XML_ERR_DOCUMENT_END = 5,
  ENT_XML_ERR_INVALID_HEX_CHARREF = 6,
  ENT_XML_ERR_INVALID_DEC_CHARREF = 7,
  ENT_XML_ERR_INVALID_CHAR = 9,
  ENT_XML_ERR_LT_IN_ATTRIBUTE = 38,
  ENT_XML_ERR_ATTRIBUTE_NOT_STARTED = 39,
  ENT_XML_ERR_ATTRIBUTE_NOT_FINISHED = 40,
  ENT_XML_ERR_ATTRIBUTE_WITHOUT_VALUE = 41,
  ENT_XML_ERR_ATTRIBUTE_REDEFINED = 42,
  ENT_XML_ERR_COMMENT_NOT_FINISHED = 45,
  ENT_XML_ERR_PI_NOT_FINISHED = 47,
  ENT_XML_ERR_CDATA_NOT_FINISHED = 63,
  ENT_XML_ERR_SPACE_REQUIRED = 65,
  ENT_XML_ERR_NAME_REQUIRED = 68,
  ENT_XML_ERR_GT_REQUIRED = 73,
  ENT_XML_ERR_TAG_NAME_MISMATCH = 76,
  ENT_XML_ERR_TAG_NOT_FINISHED = 77,
};

/// Parses the UTF-8 document `bytes` into `handler` with libxml2's SAX2 parser
/// (xmlCreateMemoryParserCtxt, xmlParseDocument) and the options XML_PARSE_HUGE (no size
/// limit), XML_PARSE_NONET and XML_PARSE_IGNORE_ENC, without XML_PARSE_DTDLOAD, XML_PARSE_NOENT or
/// XML_PARSE_DTDVALID: no external DTD or entity is ever loaded. Stops at the first fatal error.
int32_t ent_xml_parse(const uint8_t *bytes, int64_t length, const ent_xml_handler *handler,
                      ent_xml_error *error);

/// libxml2's version ("20914").
const char *ent_xml_version(void);

#ifdef __cplusplus
}
#endif

#endif
