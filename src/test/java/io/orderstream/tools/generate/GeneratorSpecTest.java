package io.orderstream.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void ordersOutOfRangeIsRejectedNamingTheComponent(int orders) {
    assertThatThrownBy(() -> GeneratorSpec.of(orders, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("orders must be from 1 to " + GeneratorSpec.MAX_ORDERS + ", not " + orders);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
  void duplicateFractionOutsideZeroToOneIsRejected(double fraction) {
    assertThatThrownBy(() -> GeneratorSpec.of(5, 1L).withDuplicates(fraction))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicateFraction must be a fraction from 0 to 1, not " + fraction);
  }

  @Test
  void lateFractionAboveOneIsRejected() {
    assertThatThrownBy(() -> GeneratorSpec.of(5, 1L).withLate(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lateFraction must be a fraction from 0 to 1, not 1.5");
  }

  @Test
  void fractionsAtTheBoundsAreAccepted() {
    GeneratorSpec spec = GeneratorSpec.of(5, 1L).withDuplicates(1.0).withLate(0.0);

    assertThat(spec.duplicateFraction()).isEqualTo(1.0);
  }

  @Test
  void eventsPerFileBelowOneIsRejected() {
    assertThatThrownBy(() -> GeneratorSpec.of(5, 1L).withEventsPerFile(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("eventsPerFile must be from 1 to");
  }
}
