package io.orderstream.source;

import java.util.OptionalLong;

/**
 * How many inputs a {@code run --once} has to read, counted as it starts: what the progress bar
 * counts down. Unknown for a source that cannot count them (see {@link InputSource#backlog}).
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
