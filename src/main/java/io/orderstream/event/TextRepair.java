package io.orderstream.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes double encoding: UTF-8 bytes that were read as Latin-1 ({@code "SÃ£o Paulo"} for {@code
 * "São Paulo"}).
 *
 * <p>A string is repaired only when every character fits in one Latin-1 byte, at least one is above
 * ASCII, and those bytes form valid UTF-8. Real Latin-1 text almost never does (an accented letter
 * followed by a C1 control or a continuation symbol), so correct text is left alone.
 */
public final class TextRepair {
  private TextRepair() {}

  public static String repair(String text) {
    if (text == null || !looksDoubleEncoded(text)) {
      return text;
    }
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    CharsetDecoder strictUtf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return strictUtf8.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return text;
    }
  }

  private static boolean looksDoubleEncoded(String text) {
    boolean sawLeadByte = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0xFF) {
        return false;
      }
      // 0xC2..0xF4 are the only bytes that can start a multi-byte UTF-8 sequence.
      if (c >= 0xC2 && c <= 0xF4) {
        sawLeadByte = true;
      }
    }
    return sawLeadByte;
  }
}
