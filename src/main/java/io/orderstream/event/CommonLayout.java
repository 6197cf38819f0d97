package io.orderstream.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The instants nearly every event holds ({@code 2023-07-26T19:22:05.262Z}, an offset such as {@code
 * -03:00}, or none), read and written by hand: {@link Timestamps}' fast path.
 *
 * <p>Why: {@code java.time}'s parsers and formatters were a fifth of the decoder's time, and an
 * event holds a dozen instants. Anything outside this one shape, or a value {@code java.time}
 * refuses, is left to {@link Timestamps}' ISO-8601 parsers, which decide; {@code TimestampsTest}
 * compares both on random instants, offsets and fractions.
 */
final class CommonLayout {
  private CommonLayout() {}

  /**
   * {@code yyyy-MM-ddTHH:mm:ss}, optionally {@code .} and 1 to 9 digits, then {@code Z}, {@code
   * +HH:MM}, {@code -HH:MM} or nothing (UTC); null for any other text or an invalid date or offset.
   */
  static Instant parse(String text) {
    int length = text.length();
    if (length < 19
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int at = 19;
    int nanos = 0;
    if (at < length && text.charAt(at) == '.') {
      int start = ++at;
      while (at < length && at - start < 10 && isDigit(text.charAt(at))) {
        at++;
      }
      int count = at - start;
      if (count == 0 || count > 9) {
        return null;
      }
      nanos = digits(text, start, count);
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset = offset(text, at);
    if (offset == null) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
    } catch (DateTimeException invalid) {
      return null;
    }
  }

  /** UTC, microseconds, four-digit year: for instants within years 0001-9999 only. */
  static String canonical(Instant instant) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(27);
    pad(out, t.getYear(), 4).append('-');
    pad(out, t.getMonthValue(), 2).append('-');
    pad(out, t.getDayOfMonth(), 2).append('T');
    pad(out, t.getHour(), 2).append(':');
    pad(out, t.getMinute(), 2).append(':');
    pad(out, t.getSecond(), 2).append('.');
    return pad(out, t.getNano() / 1000, 6).append('Z').toString();
  }

  /** The offset that ends the text at {@code at}: none is UTC; null if it is not one. */
  private static ZoneOffset offset(String text, int at) {
    int left = text.length() - at;
    if (left == 0) {
      return ZoneOffset.UTC;
    }
    if (left == 1 && text.charAt(at) == 'Z') {
      return ZoneOffset.UTC;
    }
    char sign = text.charAt(at);
    if (left != 6 || (sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
      return null;
    }
    int hours = digits(text, at + 1, 2);
    int minutes = digits(text, at + 4, 2);
    if ((hours | minutes) < 0) {
      return null;
    }
    try {
      return sign == '+'
          ? ZoneOffset.ofHoursMinutes(hours, minutes)
          : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    } catch (DateTimeException outOfRange) {
      return null;
    }
  }

  /** The value of {@code count} ASCII digits from {@code from}; -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static StringBuilder pad(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
