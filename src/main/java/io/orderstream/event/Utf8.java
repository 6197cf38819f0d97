package io.orderstream.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads file bytes as UTF-8, strictly: a file with invalid bytes is quarantined rather than landed
 * with replacement characters in place of what the sender meant.
 */
final class Utf8 {
  private Utf8() {}

  static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** For the quarantine's raw copy: invalid bytes become U+FFFD. */
  static String lenient(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
