package io.orderstream.tools.generate;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * How a piece of free text is spelled in an event. Real events mix three spellings, so the
 * generator does too: plain upper-case ASCII ("SAO PAULO"), correct UTF-8 ("São Paulo"), and
 * double-encoded UTF-8, the bytes of UTF-8 read back as Latin-1 ("SÃ£o Paulo").
 */
enum Text {
  UPPER_ASCII,
  UTF8,
  DOUBLE_ENCODED;

  String apply(String text) {
    return switch (this) {
      case UPPER_ASCII -> stripAccents(text).toUpperCase(Locale.ROOT);
      case UTF8 -> text;
      case DOUBLE_ENCODED -> doubleEncode(text);
    };
  }

  /** UTF-8 bytes decoded as Latin-1: the corruption seen in the sample events. */
  static String doubleEncode(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  static String stripAccents(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }

  /** URL slug: lower-case ASCII words joined by '-'. */
  static String slug(String text) {
    return stripAccents(text)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-|-$)", "");
  }
}
