package io.orderstream.event;

import java.time.Instant;

/** What the decoder made of one event document: a usable event or a rejection with its reason. */
public sealed interface DecodeResult {

  /**
   * Where the document came from: the file, and the line for JSON Lines files (1-based; 0 = whole
   * file).
   */
  String source();

  long line();

  /**
   * A valid event.
   *
   * @param orderId the order it belongs to
   * @param updatedAt {@code dat_atui}, the ordering key, at the precision the event gives it
   * @param version {@code num_ulti_vers_sist}, or null when missing
   * @param eventHash hash of the event's content, the last tie-breaker and the duplicate detector
   * @param rawJson the document as it arrived
   * @param normalizedJson the known fields, type-checked, repaired and in canonical form
   */
  record Event(
      String orderId,
      Instant updatedAt,
      Long version,
      String eventHash,
      String rawJson,
      String normalizedJson,
      String source,
      long line)
      implements DecodeResult {}

  /** An input that cannot be used, kept whole for the quarantine table. */
  record Rejected(RejectReason reason, String detail, String raw, String source, long line)
      implements DecodeResult {}
}
