package io.orderstream.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads the event's ISO-8601 instants and writes them back in the one layout Spark parses. */
public final class Timestamps {
  private static final DateTimeFormatter CANONICAL =
      DateTimeFormatter.ofPattern(EventSchema.TIMESTAMP_PATTERN).withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Parses {@code 2023-07-26T19:22:05.262Z}, any offset, or no offset (taken as UTC). */
  public static Optional<Instant> parse(String text) {
    String trimmed = text.trim();
    try {
      return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
    } catch (DateTimeParseException withoutOffset) {
      try {
        return Optional.of(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException notIso) {
        return Optional.empty();
      }
    }
  }

  /** Microsecond precision, UTC: the precision of Spark's TIMESTAMP. */
  public static String canonical(Instant instant) {
    return CANONICAL.format(instant);
  }
}
