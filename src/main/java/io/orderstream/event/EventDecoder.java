package io.orderstream.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Turns the text of one input file into events and rejections; never throws for bad input.
 *
 * <p>A file holds one JSON document (pretty-printed or not), a JSON array of documents, or JSON
 * Lines (one document per line). A file that is not one document but has lines that are whole
 * documents by themselves is read as JSON Lines: each line is decoded alone, so one broken line
 * costs only that line. Plain Java, so it runs inside Spark tasks and in unit tests alike.
 */
public final class EventDecoder {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final EventNormalizer normalizer = new EventNormalizer();

  /**
   * Decodes a file's bytes. Bytes that are not UTF-8 are quarantined, not read with replacement
   * characters: a file that is one JSON document is one rejection; in a JSON Lines file only the
   * lines holding such bytes are rejected, so the valid lines beside them still land.
   */
  public List<DecodeResult> decodeBytes(byte[] content, String source) {
    Optional<String> text = Utf8.decode(content);
    if (text.isPresent()) {
      return decodeFile(text.get(), source);
    }
    if (isCompleteDocument(stripByteOrderMark(Utf8.lenient(content)))) {
      return List.of(notUtf8(content, source, 0));
    }
    List<byte[]> lines = splitLines(content);
    if (lines.size() > 1
        && lines.stream()
            .anyMatch(l -> Utf8.decode(l).filter(EventDecoder::isCompleteDocument).isPresent())) {
      return decodeByteLines(lines, source);
    }
    return List.of(notUtf8(content, source, 0));
  }

  /**
   * The normalized form of a stored event's raw JSON, as {@link #decodeBytes} would give it (empty
   * when that gives anything but one event), without what only a new event needs: its content hash,
   * and its normalized text, which a reader of the tree would parse back. What the status histories
   * read stored events with.
   */
  public Optional<JsonNode> normalizedStored(String raw) {
    JsonNode tree;
    try {
      tree = JSON.readTree(raw);
    } catch (JsonProcessingException notOneDocument) {
      tree = null;
    }
    if (tree == null || !tree.isObject()) {
      // Not one object (no stored event is): whatever a file of this text decodes to.
      List<DecodeResult> decoded = decodeBytes(raw.getBytes(StandardCharsets.UTF_8), "");
      return decoded.size() == 1 && decoded.get(0) instanceof DecodeResult.Event event
          ? Optional.of(readBack(event.normalizedJson()))
          : Optional.empty();
    }
    try {
      return Optional.of(normalizer.normalize(tree));
    } catch (InvalidEventException noLongerValid) {
      return Optional.empty();
    }
  }

  private static JsonNode readBack(String normalizedJson) {
    try {
      return JSON.readTree(normalizedJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the decoder wrote JSON it cannot read back", e);
    }
  }

  public List<DecodeResult> decodeFile(String content, String source) {
    String text = stripByteOrderMark(content == null ? "" : content);
    if (text.isBlank()) {
      return List.of(
          new DecodeResult.Rejected(RejectReason.EMPTY, "the file is empty", text, source, 0));
    }
    List<DecodeResult> whole = decodeDocumentText(text, source, 0);
    if (!(whole.get(0) instanceof DecodeResult.Rejected rejected)
        || (rejected.reason() != RejectReason.NOT_JSON
            && rejected.reason() != RejectReason.TRUNCATED)) {
      return whole;
    }
    String[] lines = text.split("\r?\n");
    return isJsonLines(lines) ? decodeLines(lines, source) : whole;
  }

  private List<DecodeResult> decodeByteLines(List<byte[]> lines, String source) {
    List<DecodeResult> results = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      byte[] line = lines.get(i);
      Optional<String> text = Utf8.decode(line);
      if (text.isEmpty()) {
        results.add(notUtf8(line, source, i + 1L));
      } else if (!text.get().isBlank()) {
        results.addAll(
            decodeDocumentText(
                i == 0 ? stripByteOrderMark(text.get()) : text.get(), source, i + 1L));
      }
    }
    return results;
  }

  private static DecodeResult.Rejected notUtf8(byte[] bytes, String source, long line) {
    String what = line == 0 ? "the file" : "the line";
    return new DecodeResult.Rejected(
        RejectReason.NOT_UTF8, what + " is not valid UTF-8", Utf8.lenient(bytes), source, line);
  }

  /**
   * Lines of raw bytes, split at LF with a CR before it dropped; a newline byte is never part of a
   * multi-byte character.
   */
  private static List<byte[]> splitLines(byte[] content) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        int end = i > start && content[i - 1] == '\r' ? i - 1 : i;
        if (i < content.length || start < content.length) {
          lines.add(java.util.Arrays.copyOfRange(content, start, end));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  private List<DecodeResult> decodeLines(String[] lines, String source) {
    List<DecodeResult> results = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        results.addAll(decodeDocumentText(lines[i], source, i + 1L));
      }
    }
    return results;
  }

  private List<DecodeResult> decodeDocumentText(String text, String source, long line) {
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      RejectReason reason = endedEarly(e) ? RejectReason.TRUNCATED : RejectReason.NOT_JSON;
      return List.of(new DecodeResult.Rejected(reason, e.getOriginalMessage(), text, source, line));
    }
    if (tree == null || tree.isMissingNode()) {
      return List.of(
          new DecodeResult.Rejected(RejectReason.EMPTY, "no JSON value", text, source, line));
    }
    if (tree.isArray() && tree.isEmpty()) {
      return List.of(
          new DecodeResult.Rejected(
              RejectReason.EMPTY, "the JSON array holds no events", text, source, line));
    }
    if (tree.isArray()) {
      List<DecodeResult> results = new ArrayList<>(tree.size());
      tree.forEach(
          element -> results.add(decodeDocument(element, element.toString(), source, line)));
      return results;
    }
    return List.of(decodeDocument(tree, text, source, line));
  }

  /** Decodes one parsed document; {@code raw} is kept as it arrived. */
  DecodeResult decodeDocument(JsonNode document, String raw, String source, long line) {
    try {
      ObjectNode normalized = normalizer.normalize(document);
      return new DecodeResult.Event(
          normalized.get(EventSchema.ORDER_ID).asText(),
          // From the event as sent: the normalized text is cut to Spark's microseconds.
          Timestamps.parse(document.get(EventSchema.UPDATED_AT).asText()).orElseThrow(),
          normalized.hasNonNull(EventSchema.VERSION_FIELD)
              ? normalized.get(EventSchema.VERSION_FIELD).asLong()
              : null,
          contentHash(document),
          raw,
          normalized.toString(),
          source,
          line);
    } catch (InvalidEventException e) {
      return new DecodeResult.Rejected(e.reason(), e.getMessage(), raw, source, line);
    }
  }

  /**
   * Jackson reports an end right after a comma as a plain parse error, not as {@link
   * JsonEOFException}.
   */
  private static boolean endedEarly(JsonProcessingException e) {
    return e instanceof JsonEOFException
        || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
  }

  /** Several lines, at least one of which is a whole JSON document by itself. */
  private static boolean isJsonLines(String[] lines) {
    return lines.length > 1
        && java.util.Arrays.stream(lines).anyMatch(EventDecoder::isCompleteDocument);
  }

  private static boolean isCompleteDocument(String line) {
    String trimmed = line.trim();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
      return false;
    }
    try {
      JSON.readTree(trimmed);
      return true;
    } catch (JsonProcessingException notComplete) {
      return false;
    }
  }

  /** Formatting-independent: the same event pretty-printed or on one line hashes alike. */
  private static String contentHash(JsonNode document) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest = sha.digest(document.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static String stripByteOrderMark(String text) {
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }
}
