package io.orderstream.source.inputs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * Splits a batch's inputs into read tasks of similar size: largest first, each to the lightest
 * task, so one big file does not wait behind many small ones.
 */
final class InputSlices {
  /** Small files cost mostly their opening; this is what one counts as, in bytes. */
  private static final long OPEN_COST = 64 * 1024;

  /** A task reads about this much before another is worth starting. */
  private static final long TARGET_BYTES = 64L * 1024 * 1024;

  private InputSlices() {}

  static InputPartition[] of(List<InputRef> inputs, int parallelism) {
    long total = inputs.stream().mapToLong(InputSlices::cost).sum();
    int slices =
        (int) Math.max(1, Math.min(inputs.size(), Math.max(parallelism, total / TARGET_BYTES)));
    List<List<InputRef>> assigned = new ArrayList<>();
    long[] load = new long[slices];
    for (int i = 0; i < slices; i++) {
      assigned.add(new ArrayList<>());
    }
    List<InputRef> bySize = new ArrayList<>(inputs);
    bySize.sort(Comparator.comparingLong(InputRef::size).reversed());
    for (InputRef input : bySize) {
      int lightest = 0;
      for (int i = 1; i < slices; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      assigned.get(lightest).add(input);
      load[lightest] += cost(input);
    }
    return assigned.stream()
        .filter(list -> !list.isEmpty())
        .map(InputSlice::new)
        .toArray(InputPartition[]::new);
  }

  private static long cost(InputRef input) {
    return input.size() + OPEN_COST;
  }

  /** The inputs one task reads. */
  record InputSlice(List<InputRef> inputs) implements InputPartition {}
}
