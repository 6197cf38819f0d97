package io.orderstream.tools.generate.fuzz;

import java.util.List;

/**
 * One file of a fuzz corpus: its bytes and what each input in it must become.
 *
 * @param kind the shape it tests, e.g. {@code jsonl-broken-line} or {@code wrong-type-money-object}
 * @param inputs in decoding order; the index of an input is its quarantine position
 */
public record FuzzFile(String name, String kind, byte[] content, List<FuzzInput> inputs) {
  public FuzzFile {
    inputs = List.copyOf(inputs);
  }

  public long events() {
    return inputs.stream().filter(FuzzInput.Lands.class::isInstance).count();
  }

  public long quarantined() {
    return inputs.size() - events();
  }
}
