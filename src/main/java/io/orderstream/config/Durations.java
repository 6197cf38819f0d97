package io.orderstream.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration syntax users type, and words durations for them ({@link #describe}): a whole
 * number with a unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}) or ISO-8601 ({@code
 * PT5S}). Anything else is an {@link IllegalArgumentException}, which {@link Setting} and the
 * command-line converters turn into a message naming the setting.
 */
public final class Durations {
  private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    Matcher amountAndUnit = AMOUNT_AND_UNIT.matcher(lower);
    try {
      return amountAndUnit.matches() ? toDuration(amountAndUnit) : Duration.parse(lower);
    } catch (DateTimeException | ArithmeticException e) { // not ISO-8601, or too long to represent
      throw new IllegalArgumentException("not a duration: " + text, e);
    }
  }

  /**
   * For people, rounded down: {@code 45 s} under 2 minutes, {@code 12 min} under 2 hours, else
   * {@code 3 h}.
   */
  public static String describe(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 7200) {
      return seconds / 60 + " min";
    }
    return seconds / 3600 + " h";
  }

  private static Duration toDuration(Matcher amountAndUnit) {
    long amount = Long.parseLong(amountAndUnit.group(1)); // NumberFormatException: an IAE
    return switch (amountAndUnit.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }
}
