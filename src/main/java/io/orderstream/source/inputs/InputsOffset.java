package io.orderstream.source.inputs;

import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * How many batches of inputs have been planned: batch {@code n} covers the offsets from {@code n}
 * to {@code n + 1}, and its inputs are {@link InputLog} entry {@code n}.
 */
final class InputsOffset extends Offset {
  private final long planned;

  InputsOffset(long planned) {
    this.planned = planned;
  }

  static InputsOffset parse(String json) {
    String digits = json.replaceAll("[^0-9]", "");
    if (!json.contains("\"planned\"") || digits.isEmpty()) {
      throw new IllegalArgumentException("Not an orderstream inputs offset: " + json);
    }
    return new InputsOffset(Long.parseLong(digits));
  }

  long planned() {
    return planned;
  }

  @Override
  public String json() {
    return "{\"planned\":" + planned + "}";
  }
}
