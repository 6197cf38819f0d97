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

  /**
   * The span the canonical layout can write back (four-digit year of era, as Spark's TIMESTAMP):
   * outside it year 0 would be written as year 1 and year -5 as year 6.
   */
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Timestamps() {}

  /**
   * Parses {@code 2023-07-26T19:22:05.262Z}, any offset, or no offset (taken as UTC); empty when it
   * is not such an instant or lies outside years 0001-9999.
   */
  public static Optional<Instant> parse(String text) {
    String trimmed = text.trim();
    Instant common = CommonLayout.parse(trimmed);
    return (common != null ? Optional.of(common) : parseIso(trimmed))
        .filter(i -> !i.isBefore(FIRST) && !i.isAfter(LAST));
  }

  private static Optional<Instant> parseIso(String trimmed) {
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
    if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
      return CANONICAL.format(instant);
    }
    return CommonLayout.canonical(instant);
  }
}
