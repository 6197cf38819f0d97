package io.orderstream.config;

import io.orderstream.error.Errors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code personal-columns} does to the columns a table definition marks personal (a customer's
 * name, e-mail, phone and document; a delivery address's receiver and street) when their rows are
 * written. Keys and foreign keys are never changed: they are computed from the clear values before
 * this applies.
 */
public enum PersonalColumns {
  /** Written as the event holds them (trimmed, repaired). The default. */
  KEEP,
  /**
   * Written as the SHA-256 HMAC of the value, keyed by {@code personal-columns-salt}, in hex: equal
   * values still compare and join equal, and without the salt a guessed value cannot be checked
   * against the table.
   */
  HASH,
  /**
   * Written as null; the column stays in the schema, so readers and the export's DDL still work.
   */
  DROP;

  /** The shortest salt {@link #HASH} accepts: 128 bits of a hex or base64 secret. */
  public static final int MIN_SALT_LENGTH = 16;

  /**
   * Checks that {@code salt} can key the hash when this mode hashes.
   *
   * @param origin how the user named the salt setting, for the message
   * @throws io.orderstream.error.OrderstreamException (exit 2) naming origin, never the salt
   */
  public void requireSalt(String salt, String origin) {
    if (this == HASH && salt.length() < MIN_SALT_LENGTH) {
      throw Errors.invalidSecretSetting(
          origin,
          salt.length(),
          "a secret of at least "
              + MIN_SALT_LENGTH
              + " characters with personal-columns=hash (such as the output of openssl rand -hex"
              + " 16); keep it: another salt hashes the same values differently");
    }
  }

  /** The value as typed: {@code keep}, {@code hash}, {@code drop}. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** As typed, so settings print as the user would write them. */
  @Override
  public String toString() {
    return text();
  }

  /** The values as typed, for help and error messages. */
  static List<String> texts() {
    return Arrays.stream(values()).map(PersonalColumns::text).toList();
  }

  /**
   * @throws IllegalArgumentException when {@code text} names no value
   */
  static PersonalColumns parse(String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(value -> value.text().equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a personal-columns value: " + text));
  }
}
