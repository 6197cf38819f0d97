package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianAndPercentilesUseTheNearestRank() {
    List<Long> values = List.of(9L, 1L, 5L, 3L, 7L, 2L, 8L, 4L, 6L, 10L);
    assertThat(Stats.median(values)).isEqualTo(5L);
    assertThat(Stats.percentile(values, 95)).isEqualTo(10L);
    assertThat(Stats.percentile(values, 10)).isEqualTo(1L);
    assertThat(Stats.median(List.of(42L))).isEqualTo(42L);
  }

  @Test
  void noValuesIsAnError() {
    assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void speedRatioIsTheInverseRatioOfTheTimesToTwoDecimals() {
    assertThat(Stats.speedRatio(1000, 2000)).isEqualTo(0.5);
    assertThat(Stats.speedRatio(2220, 2679)).isEqualTo(0.83);
    assertThat(Stats.speedRatio(3000, 1000)).isEqualTo(3.0);
  }

  @Test
  void timeRatioIsTheRatioOfTheTimesToTwoDecimals() {
    assertThat(Stats.timeRatio(1500, 1000)).isEqualTo(1.5);
    assertThat(Stats.timeRatio(2679, 2220)).isEqualTo(1.21);
    assertThat(Stats.timeRatio(5, 0)).as("no division by zero").isEqualTo(5.0);
  }
}
