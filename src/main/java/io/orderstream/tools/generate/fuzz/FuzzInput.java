package io.orderstream.tools.generate.fuzz;

import io.orderstream.event.RejectReason;
import java.time.Instant;
import java.util.List;

/**
 * One input of a fuzz file, in the order the decoder meets it: a whole-file document, an element of
 * a top-level array, or a non-blank line of a JSON Lines file. A file the decoder cannot split (not
 * UTF-8, not JSON, empty) is one input.
 */
public sealed interface FuzzInput {

  /**
   * A valid event that must land.
   *
   * @param orderId the order id the pipeline must store (after trimming, and as text for a number)
   * @param version {@code num_ulti_vers_sist}; null when the event has none
   * @param mustKeep texts that must survive in {@code order_event_latest.raw_event} when it wins
   */
  record Lands(String orderId, Instant datAtui, Long version, List<String> mustKeep)
      implements FuzzInput {
    public Lands {
      mustKeep = List.copyOf(mustKeep);
    }
  }

  /** An input that must be quarantined with this reason. */
  record Quarantined(RejectReason reason) implements FuzzInput {}
}
