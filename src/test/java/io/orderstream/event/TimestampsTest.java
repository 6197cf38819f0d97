package io.orderstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The event's ISO-8601 instants are read in every spelling the feed uses and written back in one
 * layout.
 */
class TimestampsTest {

  // --- parse

  @Test
  void parseZuluInstantGivesThatInstant() {
    assertThat(Timestamps.parse("2023-07-26T19:22:05.262Z"))
        .contains(Instant.parse("2023-07-26T19:22:05.262Z"));
  }

  @Test
  void parseWithOffsetGivesTheUtcInstant() {
    assertThat(Timestamps.parse("2023-07-26T16:22:05.262-03:00"))
        .contains(Instant.parse("2023-07-26T19:22:05.262Z"));
    assertThat(Timestamps.parse("2023-07-26T21:22:05+02:00"))
        .contains(Instant.parse("2023-07-26T19:22:05Z"));
  }

  @Test
  void parseWithoutOffsetReadsItAsUtc() {
    assertThat(Timestamps.parse("2023-07-26T19:22:05.262"))
        .contains(Instant.parse("2023-07-26T19:22:05.262Z"));
  }

  @Test
  void parseSurroundingWhiteSpaceIsIgnored() {
    assertThat(Timestamps.parse(" 2023-07-26T19:22:05Z\n"))
        .contains(Instant.parse("2023-07-26T19:22:05Z"));
  }

  @Test
  void parseGarbageIsEmpty() {
    assertThat(Timestamps.parse("ontem 16:52")).isEmpty();
    assertThat(Timestamps.parse("")).isEmpty();
    assertThat(Timestamps.parse("2023-13-45T19:22:05Z")).isEmpty();
    assertThat(Timestamps.parse("2023-07-26")).isEmpty();
    assertThat(Timestamps.parse("1690399325262")).isEmpty();
  }

  @Test
  void parseYearOutsideTheCanonicalLayoutIsEmpty() {
    assertThat(Timestamps.parse("0000-06-01T00:00:00Z")).isEmpty();
    assertThat(Timestamps.parse("-0005-06-01T00:00:00Z")).isEmpty();
    assertThat(Timestamps.parse("+10000-06-01T00:00:00Z")).isEmpty();
    assertThat(Timestamps.parse("9999-12-31T23:00:00-05:00")).isEmpty();
  }

  // --- canonical layout

  @Test
  void canonicalWritesUtcWithMicroseconds() {
    assertThat(Timestamps.canonical(Instant.parse("2023-07-26T19:22:05.262123Z")))
        .isEqualTo("2023-07-26T19:22:05.262123Z");
    assertThat(Timestamps.canonical(Instant.parse("2023-07-26T19:22:05Z")))
        .isEqualTo("2023-07-26T19:22:05.000000Z");
  }

  @Test
  void canonicalDropsDigitsBeyondMicroseconds() {
    assertThat(Timestamps.canonical(Instant.parse("2023-07-26T19:22:05.262123999Z")))
        .isEqualTo("2023-07-26T19:22:05.262123Z");
  }

  @Test
  void canonicalParsedBackGivesTheSameInstant() {
    for (String text :
        new String[] {
          "2023-07-26T19:22:05.262123Z",
          "2024-02-29T00:00:00.000001Z",
          "0001-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999999Z"
        }) {
      Instant instant = Instant.parse(text);

      assertThat(Timestamps.parse(Timestamps.canonical(instant))).as(text).contains(instant);
    }
  }

  @Test
  void canonicalOfAnOffsetInstantIsUtc() {
    Instant instant = Timestamps.parse("2023-07-26T16:22:05.5-03:00").orElseThrow();

    assertThat(Timestamps.canonical(instant)).isEqualTo("2023-07-26T19:22:05.500000Z");
  }

  // --- the common layout's fast path against java.time

  @Test
  void randomInstantsInEverySpellingParseAsJavaTimeParsesThem() {
    Random random = new Random(20261202);
    for (int i = 0; i < 50_000; i++) {
      String text = randomSpelling(random);

      assertThat(Timestamps.parse(text)).as(text).isEqualTo(javaTime(text));
    }
  }

  @Test
  void nearMissesParseAsJavaTimeParsesThem() {
    for (String text :
        new String[] {
          "2023-07-26T19:22:05.Z",
          "2023-07-26T19:22:05.1234567891Z",
          "2023-07-26T19:22:05.262z",
          "2023-07-26T19:22:05.262+0300",
          "2023-07-26T19:22:05.262+03",
          "2023-07-26T19:22:05.262+03:00:00",
          "2023-07-26T19:22:05.262+18:00",
          "2023-07-26T19:22:05.262+18:01",
          "2023-07-26T19:22:05.262-00:30",
          "2023-07-26T19:22:05.262+03:60",
          "2023-07-26T24:00:00Z",
          "2023-07-26T23:59:60Z",
          "2023-02-29T00:00:00Z",
          "2024-02-29T00:00:00Z",
          "2023-07-26 19:22:05Z",
          "2023-07-26T19:22Z",
          "2023-07-26T19:22:05ZZ",
          "2023-7-26T19:22:05Z",
          "2023-07-26T19:22:0xZ",
          "2023-07-26T19:22:05.26a2Z",
          "0000-12-31T23:59:59.999999999-01:00",
          "0001-01-01T00:00:00+01:00",
          "9999-12-31T23:59:59.999999999Z",
          "9999-12-31T23:59:59.999999999-00:01",
          "+2023-07-26T19:22:05Z",
          "２０２３-07-26T19:22:05Z"
        }) {
      assertThat(Timestamps.parse(text)).as(text).isEqualTo(javaTime(text));
    }
  }

  @Test
  void canonicalWritesWhatTheFormatterWrites() {
    DateTimeFormatter formatter =
        DateTimeFormatter.ofPattern(EventSchema.TIMESTAMP_PATTERN).withZone(ZoneOffset.UTC);
    Random random = new Random(7);
    long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 50_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(
              first + (long) (random.nextDouble() * (last - first)), random.nextInt(1_000_000_000));

      assertThat(Timestamps.canonical(instant))
          .as(instant.toString())
          .isEqualTo(formatter.format(instant));
    }
    for (String edge :
        new String[] {
          "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z"
        }) {
      Instant instant = Instant.parse(edge);

      assertThat(Timestamps.canonical(instant)).as(edge).isEqualTo(formatter.format(instant));
    }
  }

  /** What {@link Timestamps#parse} answered before its fast path: java.time's ISO parsers. */
  private static Optional<Instant> javaTime(String text) {
    String trimmed = text.trim();
    Instant parsed;
    try {
      parsed = OffsetDateTime.parse(trimmed).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        parsed = LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException notIso) {
        return Optional.empty();
      }
    }
    boolean inRange =
        !parsed.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
            && !parsed.isAfter(Instant.parse("9999-12-31T23:59:59.999999999Z"));
    return inRange ? Optional.of(parsed) : Optional.empty();
  }

  /** A valid or nearly valid instant: any field may be out of range, any fraction length. */
  private static String randomSpelling(Random random) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                random.nextInt(10_000),
                random.nextInt(14),
                random.nextInt(33),
                random.nextInt(26),
                random.nextInt(61),
                random.nextInt(62)));
    int fraction = random.nextInt(12) - 1;
    if (fraction >= 0) {
      text.append('.');
      for (int i = 0; i < fraction; i++) {
        text.append(random.nextInt(10));
      }
    }
    switch (random.nextInt(4)) {
      case 0 -> text.append('Z');
      case 1 -> {}
      default ->
          text.append(
              String.format(
                  "%s%02d:%02d",
                  random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(62)));
    }
    return text.toString();
  }
}
