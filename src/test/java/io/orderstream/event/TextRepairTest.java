package io.orderstream.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Double-encoded text (UTF-8 bytes read as Latin-1) is repaired; every other text is left as it is.
 */
class TextRepairTest {

  // --- double-encoded text is repaired

  @Test
  void repairDoubleEncodedCityGivesUtf8Text() {
    assertThat(TextRepair.repair("S\u00c3\u00a3o Paulo")).isEqualTo("São Paulo");
  }

  @Test
  void repairDoubleEncodedEscapesGiveUtf8Text() {
    assertThat(TextRepair.repair("Padr\u00c3\u00a3o")).isEqualTo("Padrão");
    assertThat(TextRepair.repair("Rua das Hort\u00c3\u00aansias")).isEqualTo("Rua das Hortênsias");
  }

  @Test
  void repairDoubleEncodedFourByteSequenceGivesSupplementaryCharacter() {
    assertThat(TextRepair.repair("ok \u00f0\u009f\u0098\u0080")).isEqualTo("ok \uD83D\uDE00");
  }

  // --- correct text is untouched

  @Test
  void repairPlainAsciiReturnsItUnchanged() {
    String ascii = "Rua das Flores, 123 - APTO 4";

    assertThat(TextRepair.repair(ascii)).isSameAs(ascii);
  }

  @Test
  void repairCorrectAccentedLatin1TextReturnsItUnchanged() {
    assertThat(TextRepair.repair("Açaí")).isEqualTo("Açaí");
    assertThat(TextRepair.repair("São Paulo")).isEqualTo("São Paulo");
    assertThat(TextRepair.repair("JOÃO BRANDÃO")).isEqualTo("JOÃO BRANDÃO");
  }

  @Test
  void repairTextWithCharactersAboveLatin1ReturnsItUnchanged() {
    assertThat(TextRepair.repair("Entrega — São Paulo")).isEqualTo("Entrega — São Paulo");
    assertThat(TextRepair.repair("€ 10")).isEqualTo("€ 10");
    // Looks double-encoded, but a character above 0xFF means it was never a Latin-1 reading.
    assertThat(TextRepair.repair("S\u00c3\u00a3o — centro")).isEqualTo("S\u00c3\u00a3o — centro");
  }

  @Test
  void repairLeadByteWithoutContinuationReturnsItUnchanged() {
    assertThat(TextRepair.repair("\u00c3")).isEqualTo("\u00c3");
    assertThat(TextRepair.repair("caf\u00c3")).isEqualTo("caf\u00c3");
  }

  @Test
  void repairNullReturnsNull() {
    assertThat(TextRepair.repair(null)).isNull();
  }

  @Test
  void repairEmptyReturnsEmpty() {
    assertThat(TextRepair.repair("")).isEmpty();
  }
}
