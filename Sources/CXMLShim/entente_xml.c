// entente_xml.c: libxml2's SAX2 parser behind entente_xml.h.
#include "entente_xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlversion.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(ENT_XML_ERR_DOCUMENT_EMPTY == XML_ERR_DOCUMENT_EMPTY, "libxml2 error code");
_Static_assert(ENT_XML_ERR_DOCUMENT_END == XML_ERR_DOCUMENT_END, "libxml2 error code");
_Static_assert(ENT_XML_ERR_INVALID_HEX_CHARREF == XML_ERR_INVALID_HEX_CHARREF, "libxml2 error code");
_Static_assert(ENT_XML_ERR_INVALID_DEC_CHARREF == XML_ERR_INVALID_DEC_CHARREF, "libxml2 error code");
_Static_assert(ENT_XML_ERR_INVALID_CHAR == XML_ERR_INVALID_CHAR, "libxml2 error code");
_Static_assert(ENT_XML_ERR_LT_IN_ATTRIBUTE == XML_ERR_LT_IN_ATTRIBUTE, "libxml2 error code");
_Static_assert(ENT_XML_ERR_ATTRIBUTE_NOT_STARTED == XML_ERR_ATTRIBUTE_NOT_STARTED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_ATTRIBUTE_NOT_FINISHED == XML_ERR_ATTRIBUTE_NOT_FINISHED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_ATTRIBUTE_WITHOUT_VALUE == XML_ERR_ATTRIBUTE_WITHOUT_VALUE, "libxml2 error code");
_Static_assert(ENT_XML_ERR_ATTRIBUTE_REDEFINED == XML_ERR_ATTRIBUTE_REDEFINED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_COMMENT_NOT_FINISHED == XML_ERR_COMMENT_NOT_FINISHED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_PI_NOT_FINISHED == XML_ERR_PI_NOT_FINISHED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_CDATA_NOT_FINISHED == XML_ERR_CDATA_NOT_FINISHED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_SPACE_REQUIRED == XML_ERR_SPACE_REQUIRED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_NAME_REQUIRED == XML_ERR_NAME_REQUIRED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_GT_REQUIRED == XML_ERR_GT_REQUIRED, "libxml2 error code");
_Static_assert(ENT_XML_ERR_TAG_NAME_MISMATCH == XML_ERR_TAG_NAME_MISMATCH, "libxml2 error code");
_Static_assert(ENT_XML_ERR_TAG_NOT_FINISHED == XML_ERR_TAG_NOT_FINISHED, "libxml2 error code");

/// One parse: the handler, the buffer, the parser and the place for the first error.
typedef struct parse_state {
  const ent_xml_handler *handler;
  const uint8_t *bytes;
  int64_t length;
  xmlParserCtxtPtr parser;
  ent_xml_error *error;
  int has_error;
  int stopped;
  /// The '/' of the empty-element tag just started, or -1.
  int64_t empty_end;
  /// What every entity lookup hands back: an internal entity with no text, already checked, that
  /// libxml2 keeps as `&name;` in an attribute value and reports through `on_reference` in
  /// content.
  xmlEntity kept;
  ent_xml_attribute *attributes;
  int attribute_capacity;
} parse_state;

/// The byte offset in the document libxml2 has reached (the document's own input, even while
/// it reads a parameter entity of the internal subset).
static int64_t current_offset(xmlParserCtxtPtr parser) {
  if (parser->inputNr < 1) return 0;
  xmlParserInputPtr input = parser->inputTab[0];
  return (int64_t)input->consumed + (int64_t)(input->cur - input->base);
}

static void copy_text(char *out, size_t capacity, const char *text) {
  out[0] = 0;
  if (text == NULL) return;
  strncpy(out, text, capacity - 1);
  out[capacity - 1] = 0;
}

static void record_error(parse_state *state, int code, const char *message, const char *name1,
                         const char *name2) {
  ent_xml_error *error = state->error;
  state->has_error = 1;
  error->code = code;
  error->offset = current_offset(state->parser);
  if (error->offset > state->length) error->offset = state->length;
  copy_text(error->message, sizeof error->message, message);
  size_t length = strlen(error->message);
  while (length > 0 && error->message[length - 1] == '\n') error->message[--length] = 0;
  copy_text(error->name1, sizeof error->name1, name1);
  copy_text(error->name2, sizeof error->name2, name2);
}

static void stop(parse_state *state) {
  state->stopped = 1;
  xmlStopParser(state->parser);
}

static void on_error(void *context, xmlErrorPtr error) {
  parse_state *state = context;
  if (error->level != XML_ERR_FATAL || state->has_error || state->stopped) return;
  record_error(state, error->code, error->message, error->str1, error->str2);
  xmlStopParser(state->parser);
}

static void on_start(void *context, const xmlChar *local_name, const xmlChar *prefix,
                     const xmlChar *uri, int namespace_count, const xmlChar **namespaces,
                     int attribute_count, int defaulted_count, const xmlChar **attributes) {
  (void)uri, (void)namespace_count, (void)namespaces, (void)defaulted_count;
  parse_state *state = context;
  if (attribute_count > state->attribute_capacity) {
    ent_xml_attribute *grown = realloc(state->attributes, sizeof *grown * (size_t)attribute_count);
    if (grown == NULL) return stop(state);
    state->attributes = grown;
    state->attribute_capacity = attribute_count;
  }
  // attributes: local name, prefix, URI, value, end of value for each.
  for (int i = 0; i < attribute_count; i++) {
    const xmlChar **attribute = attributes + 5 * i;
    state->attributes[i] = (ent_xml_attribute){
        .prefix = (const char *)attribute[1],
        .local_name = (const char *)attribute[0],
        .value = attribute[3],
        .length = attribute[4] - attribute[3],
    };
  }
  // libxml2 calls this with its cursor on the tag's '>' or on the '/' of "/>"; the '<' is the
  // last one before (an attribute value holds no '<'). A tag cut short (by the end of the
  // document, or anything else than '>' or "/>" after its name or last attribute) is libxml2's
  // next error: it is refused here, before the handler sees it, without reading past the buffer.
  int64_t end = current_offset(state->parser);
  int is_empty = end + 1 < state->length && state->bytes[end] == '/' && state->bytes[end + 1] == '>';
  if (!is_empty && (end >= state->length || state->bytes[end] != '>')) {
    record_error(state, XML_ERR_GT_REQUIRED, "Couldn't find end of Start Tag",
                 (const char *)local_name, NULL);
    xmlStopParser(state->parser);
    return;
  }
  state->empty_end = is_empty ? end : -1;
  int64_t start = end;
  while (start > 0 && state->bytes[start] != '<') start--;
  if (state->handler->start_element(state->handler->context, (const char *)prefix,
                                    (const char *)local_name, state->attributes,
                                    attribute_count, start, end))
    stop(state);
}

static void on_end(void *context, const xmlChar *local_name, const xmlChar *prefix,
                   const xmlChar *uri) {
  (void)uri;
  parse_state *state = context;
  // An empty-element tag ends at its '/'; otherwise the cursor is past the end tag's '>'.
  int64_t offset = state->empty_end;
  if (offset < 0) {
    offset = current_offset(state->parser) - 1;
    while (offset > 0 && state->bytes[offset] != '<') offset--;
  }
  state->empty_end = -1;
  if (state->handler->end_element(state->handler->context, (const char *)prefix,
                                  (const char *)local_name, offset))
    stop(state);
}

static void on_characters(void *context, const xmlChar *text, int length) {
  parse_state *state = context;
  if (state->handler->characters(state->handler->context, text, length)) stop(state);
}

static void on_entity_declaration(void *context, const xmlChar *name, int type,
                                  const xmlChar *public_id, const xmlChar *system_id,
                                  xmlChar *content) {
  (void)public_id, (void)system_id;
  parse_state *state = context;
  switch (type) {
  case XML_INTERNAL_GENERAL_ENTITY:
    state->handler->entity_declaration(state->handler->context, (const char *)name,
                                       content != NULL ? content : (const xmlChar *)"");
    break;
  case XML_EXTERNAL_GENERAL_PARSED_ENTITY:
  case XML_EXTERNAL_GENERAL_UNPARSED_ENTITY:
    state->handler->entity_declaration(state->handler->context, (const char *)name, NULL);
    break;
  default:  // parameter entities: libxml2 keeps and expands the internal ones itself
    break;
  }
}

/// Every general entity is the handler's, and libxml2 is only told it exists: whatever the name
/// and wherever the reference (content, attribute value, internal subset), the lookup hands back
/// `kept`, an internal entity with empty text marked as checked (`checked = 2`: parsed once, holds
/// no '<'). In an attribute value libxml2 then keeps `&name;` for the caller to expand; in
/// content it parses the empty text (in 2.9.14 xmlParseBalancedChunkMemoryInternal returns at once)
/// and calls the SAX `reference` callback, `on_reference`, which reports the reference. So the
/// lookup reports nothing and need not tell content from attribute values (by libxml2's `instate`
/// or otherwise), and an undeclared or external entity is the handler's to refuse, at its
/// reference. libxml2 also looks an entity up right after its declaration, to store its literal
/// value in `orig`: that copy is freed at the next lookup or at the end.
static xmlEntityPtr on_entity(void *context, const xmlChar *name) {
  parse_state *state = context;
  if (state->kept.orig != NULL) xmlFree(state->kept.orig);
  state->kept = (xmlEntity){
      .type = XML_ENTITY_DECL,
      .name = name,
      .content = (xmlChar *)"",
      .etype = XML_INTERNAL_GENERAL_ENTITY,
      .checked = 2,
  };
  return &state->kept;
}

/// A reference in content to an entity other than the five predefined ones: libxml2's cursor is
/// just past its ';' (an entity name is the same bytes in the document, which libxml2 reads as
/// UTF-8), so its '&' is `strlen(name) + 2` bytes back.
static void on_reference(void *context, const xmlChar *name) {
  parse_state *state = context;
  if (state->stopped || state->has_error) return;
  int64_t offset = current_offset(state->parser) - (int64_t)strlen((const char *)name) - 2;
  if (offset < 0) offset = 0;
  if (state->handler->entity_reference(state->handler->context, (const char *)name, offset))
    stop(state);
}

int32_t ent_xml_parse(const uint8_t *bytes, int64_t length, const ent_xml_handler *handler,
                      ent_xml_error *error) {
  memset(error, 0, sizeof *error);
  if (length <= 0) {
    error->code = XML_ERR_DOCUMENT_EMPTY;
    copy_text(error->message, sizeof error->message, "Document is empty");
    return ENT_XML_MALFORMED;
  }
  if (length > ENT_XML_MAXIMUM_LENGTH) return ENT_XML_TOO_LARGE;
  xmlParserCtxtPtr parser = xmlCreateMemoryParserCtxt((const char *)bytes, (int)length);
  if (parser == NULL) return ENT_XML_NO_MEMORY;
  xmlCtxtUseOptions(parser, XML_PARSE_HUGE | XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
  xmlSAXHandler sax;
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_characters;
  sax.cdataBlock = on_characters;
  sax.entityDecl = on_entity_declaration;
  sax.getEntity = on_entity;
  sax.reference = on_reference;
  sax.serror = on_error;
  memcpy(parser->sax, &sax, sizeof sax);
  parse_state state = {
      .handler = handler,
      .bytes = bytes,
      .length = length,
      .parser = parser,
      .error = error,
      .empty_end = -1,
  };
  parser->userData = &state;
  xmlParseDocument(parser);
  if (!parser->wellFormed && !state.has_error && !state.stopped) {
    // A fatal error that did not reach on_error (libxml2 reports some before the SAX handler
    // is in place): libxml2's last error.
    record_error(&state, parser->lastError.code, parser->lastError.message, NULL, NULL);
  }
  free(state.attributes);
  if (state.kept.orig != NULL) xmlFree(state.kept.orig);
  if (parser->myDoc != NULL) xmlFreeDoc(parser->myDoc);
  xmlFreeParserCtxt(parser);
  if (state.stopped) return ENT_XML_STOPPED;
  if (state.has_error) return ENT_XML_MALFORMED;
  return ENT_XML_OK;
}

const char *ent_xml_version(void) { return xmlParserVersion; }
