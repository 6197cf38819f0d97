package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code samples/events} is exactly what the command in docs/generate.md produces, and it contains
 * the hard cases the samples are for. If the generator changes on purpose, regenerate the samples
 * with that command.
 */
class BundledSamplesTest {
  /**
   * orderstream generate --out samples/events --orders 40 --seed 42 --duplicates 0.03 --late 0.05
   */
  static final GeneratorSpec SAMPLE_SPEC =
      GeneratorSpec.of(40, 42L).withDuplicates(0.03).withLate(0.05);

  private static final Path SAMPLES = Path.of("samples", "events");
  private static final List<GeneratedEvent> EVENTS = SampleGenerator.generate(SAMPLE_SPEC);

  @Test
  void samplesAreByteForByteTheDocumentedGeneratorOutput() throws IOException {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              EVENTS.stream().map(GeneratedEvent::fileName).toList());
    }
    for (GeneratedEvent e : EVENTS) {
      assertThat(Files.readString(SAMPLES.resolve(e.fileName()), StandardCharsets.UTF_8))
          .as(e.fileName())
          .isEqualTo(e.json() + "\n");
    }
  }

  @Test
  void samplesHaveAboutFortyOrdersInOneHundredFiftyToTwoHundredFiftyFiles() {
    assertThat(ExpectedState.of(EVENTS).orders()).hasSize(40);
    assertThat(EVENTS).hasSizeBetween(150, 250);
  }

  @Test
  void samplesContainTheHardCases() {
    Map<String, List<GeneratedEvent>> byOrder = SampleGeneratorTest.byOrder(EVENTS);
    ExpectedState state = ExpectedState.of(EVENTS);

    assertThat(byOrder.values()).anyMatch(events -> events.size() >= 8);
    assertThat(EVENTS).anyMatch(e -> e.version() == null);
    assertThat(state.orders().values()).anyMatch(o -> o.version() == null);
    assertThat(byOrder.values()).anyMatch(BundledSamplesTest::hasTie);
    assertThat(state.orders().values()).anyMatch(o -> o.lines() >= 2 && o.shipments() >= 2);
    assertThat(state.orders().values()).anyMatch(o -> o.promotions() >= 1);
    assertThat(state.orders().values()).anyMatch(o -> o.promotions() == 2);
    assertThat(EVENTS).anyMatch(e -> e.json().contains("\\u00C3"));
    assertThat(EVENTS.stream().map(GeneratedEvent::json).collect(Collectors.toSet()))
        .hasSizeLessThan(EVENTS.size());
  }

  @Test
  void samplesFileNamesDoNotSortInEventOrder() {
    List<String> byEvent =
        EVENTS.stream().sorted(GeneratedEvent.recency()).map(GeneratedEvent::fileName).toList();

    assertThat(byEvent).isNotEqualTo(byEvent.stream().sorted().toList());
  }

  private static boolean hasTie(List<GeneratedEvent> events) {
    return events.stream().map(GeneratedEvent::datAtui).distinct().count()
        < events.stream().map(e -> e.datAtui() + "/" + e.version()).distinct().count();
  }
}
