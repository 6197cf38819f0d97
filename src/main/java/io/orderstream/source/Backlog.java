package io.orderstream.source;

import java.util.OptionalLong;

/**
 * How many inputs wait to be read: counted as a {@code run --once} starts, what the progress bar
 * counts down ({@link InputSource#backlog}); after each batch, what the batch log and the metrics
 * report ({@link InputSource#waiting}). Unknown for a source that cannot count them.
 *
 * @param inputs files, objects or records not yet read; empty when unknown
 */
public record Backlog(OptionalLong inputs) {

  public Backlog {
    if (inputs.isPresent() && inputs.getAsLong() < 0) {
      throw new IllegalArgumentException("A backlog counts no fewer than 0 inputs: " + inputs);
    }
  }

  public static Backlog of(long inputs) {
    return new Backlog(OptionalLong.of(inputs));
  }

  public static Backlog unknown() {
    return new Backlog(OptionalLong.empty());
  }
}
