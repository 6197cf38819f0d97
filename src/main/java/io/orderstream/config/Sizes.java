package io.orderstream.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the size syntax users type: a whole number of bytes, or with a binary unit ({@code 64MB},
 * {@code 512k}, {@code 2g}; KB, MB and GB mean KiB, MiB and GiB). Anything else is an {@link
 * IllegalArgumentException}, which {@link Setting} turns into a message naming the key.
 */
final class Sizes {
  private static final Pattern AMOUNT_AND_UNIT =
      Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

  private Sizes() {}

  static long parse(String text) {
    Matcher matcher = AMOUNT_AND_UNIT.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a size: " + text);
    }
    long amount = Long.parseLong(matcher.group(1)); // NumberFormatException: an IAE
    String unit = matcher.group(2) == null ? "b" : matcher.group(2);
    int shift =
        switch (unit.charAt(0)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    if (amount > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("too large: " + text);
    }
    return amount << shift;
  }
}
