package io.orderstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

  @Test
  void bytesAndBinaryUnitsParse() {
    assertThat(Sizes.parse("512")).isEqualTo(512);
    assertThat(Sizes.parse("2k")).isEqualTo(2048);
    assertThat(Sizes.parse("64MB")).isEqualTo(64L << 20);
    assertThat(Sizes.parse(" 1 GiB ")).isEqualTo(1L << 30);
  }

  @Test
  void otherTextAndOverflowAreRejected() {
    assertThatThrownBy(() -> Sizes.parse("1.5GB")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sizes.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sizes.parse("9999999999999999g"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
