package io.orderstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
