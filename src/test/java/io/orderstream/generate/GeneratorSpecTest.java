package io.orderstream.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorSpecTest {

  @Test
  void ofDefaultsToJsonWithoutDuplicatesOrLateEvents() {
    GeneratorSpec spec = GeneratorSpec.of(5, 1L);

    assertThat(spec.format()).isEqualTo(OutputFormat.JSON);
    assertThat(spec.duplicateFraction()).isZero();
    assertThat(spec.lateFraction()).isZero();
    assertThat(spec.start()).isEqualTo(GeneratorSpec.DEFAULT_START);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -3, GeneratorSpec.MAX_ORDERS + 1})
  void ordersOutOfRangeIsAUsageErrorNamingTheOption(int orders) {
    assertThatThrownBy(() -> GeneratorSpec.of(orders, 1L))
        .isInstanceOf(OrderstreamException.class)
        .hasMessage("Invalid value for --orders: '" + orders + "'; expected a whole number from 1 to "
            + GeneratorSpec.MAX_ORDERS)
        .extracting(e -> ((OrderstreamException) e).exitCode()).isEqualTo(Errors.EXIT_USAGE);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
  void duplicateFractionOutsideZeroToOneIsRejected(double fraction) {
    assertThatThrownBy(() -> GeneratorSpec.of(5, 1L).withDuplicates(fraction))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageStartingWith("Invalid value for --duplicates: '" + fraction + "'")
        .hasMessageContaining("a fraction from 0 to 1");
  }

  @Test
  void lateFractionAboveOneIsRejected() {
    assertThatThrownBy(() -> GeneratorSpec.of(5, 1L).withLate(1.5))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageStartingWith("Invalid value for --late: '1.5'");
  }

  @Test
  void fractionsAtTheBoundsAreAccepted() {
    GeneratorSpec spec = GeneratorSpec.of(5, 1L).withDuplicates(1.0).withLate(0.0);

    assertThat(spec.duplicateFraction()).isEqualTo(1.0);
  }

  @Test
  void eventsPerFileBelowOneIsRejected() {
    assertThatThrownBy(() -> GeneratorSpec.of(5, 1L).withEventsPerFile(0))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageStartingWith("Invalid value for --events-per-file: '0'");
  }

  @Test
  void formatParseAcceptsAnyCase() {
    assertThat(OutputFormat.parse("JSONL")).isEqualTo(OutputFormat.JSONL);
    assertThat(OutputFormat.parse(" json ")).isEqualTo(OutputFormat.JSON);
  }

  @Test
  void formatParseUnknownValueIsAUsageErrorListingTheChoices() {
    assertThatThrownBy(() -> OutputFormat.parse("xml"))
        .isInstanceOf(OrderstreamException.class)
        .hasMessage("Invalid value for --format: 'xml'; expected json or jsonl");
  }
}
