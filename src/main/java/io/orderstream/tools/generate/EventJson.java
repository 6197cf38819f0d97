package io.orderstream.tools.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;

/**
 * Jackson set up the way the events are spelled: non-ASCII escaped as {@code \\uXXXX} (so the
 * double-encoded text stays visible byte for byte), shortest round-trip doubles on every JVM, and
 * either one line per event or the sample files' layout (4-space indent, {@code "key": value}).
 */
final class EventJson {
  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
              .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
              .build());

  private static final ObjectWriter COMPACT = MAPPER.writer();
  private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

  private EventJson() {}

  static String pretty(JsonNode node) {
    return write(PRETTY, node);
  }

  static String compact(JsonNode node) {
    return write(COMPACT, node);
  }

  private static String write(ObjectWriter writer, JsonNode node) {
    try {
      return writer.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write a generated event as JSON", e);
    }
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
