package io.orderstream.source.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputSlicesTest {

  @Test
  void everyInputLandsInExactlyOneSliceAndBigOnesAreSpreadOut() {
    List<InputRef> inputs = new ArrayList<>();
    inputs.add(new InputRef("big1", "file:/big1", 500L << 20));
    inputs.add(new InputRef("big2", "file:/big2", 500L << 20));
    for (int i = 0; i < 100; i++) {
      inputs.add(new InputRef("s" + i, "file:/s" + i, 1000));
    }

    List<List<InputRef>> slices =
        Arrays.stream(InputSlices.of(inputs, 2))
            .map(p -> ((InputSlices.InputSlice) p).inputs())
            .toList();

    assertThat(slices.stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrderElementsOf(inputs);
    assertThat(slices)
        .noneMatch(slice -> slice.stream().filter(i -> i.name().startsWith("big")).count() > 1);
  }

  @Test
  void fewerInputsThanParallelismGiveOneSliceEach() {
    List<InputRef> inputs = List.of(new InputRef("a", "file:/a", 1));

    assertThat(InputSlices.of(inputs, 8)).hasSize(1);
  }
}
