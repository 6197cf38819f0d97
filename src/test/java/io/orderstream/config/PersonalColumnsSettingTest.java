package io.orderstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code personal-columns} and its salt, as the resolver reads and checks them. */
class PersonalColumnsSettingTest {
  private static final String SALT = "0123456789abcdef-salt";

  @TempDir Path dir;

  @BeforeEach
  void createDefaultInput() throws IOException {
    Files.createDirectories(dir.resolve("samples/events"));
  }

  private ConfigResolver resolver() {
    return ConfigResolver.in(dir);
  }

  private static void assertUsageError(Runnable action, String message) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            OrderstreamException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessage(message);
  }

  // ---------------------------------------------------------------- values

  @Test
  void personalColumnsDefaultsToKeepWithNoSalt() {
    RunConfig config = resolver().resolve();

    assertThat(config.value(Setting.PERSONAL_COLUMNS)).isEqualTo(PersonalColumns.KEEP);
    assertThat(config.value(Setting.PERSONAL_COLUMNS_SALT)).isEmpty();
  }

  @Test
  void personalColumnsFromEachSourceIgnoringCase() throws IOException {
    Path file = Files.writeString(dir.resolve("run.properties"), "personal-columns=Drop\n");

    assertThat(resolver().configFile(file).resolve().value(Setting.PERSONAL_COLUMNS))
        .isEqualTo(PersonalColumns.DROP);
    assertThat(
            resolver()
                .environment(
                    Map.of(
                        "ORDERSTREAM_PERSONAL_COLUMNS",
                        "HASH",
                        "ORDERSTREAM_PERSONAL_COLUMNS_SALT",
                        SALT))
                .resolve()
                .value(Setting.PERSONAL_COLUMNS))
        .isEqualTo(PersonalColumns.HASH);
    assertThat(
            resolver()
                .commandLine(Map.of("personal-columns", " keep "))
                .configFile(file)
                .resolve()
                .value(Setting.PERSONAL_COLUMNS))
        .isEqualTo(PersonalColumns.KEEP);
  }

  @Test
  void hashWithSaltResolvesTheSaltAsGiven() {
    RunConfig config =
        resolver()
            .commandLine(Map.of("personal-columns", "hash"))
            .environment(Map.of("ORDERSTREAM_PERSONAL_COLUMNS_SALT", SALT))
            .resolve();

    assertThat(config.value(Setting.PERSONAL_COLUMNS_SALT)).isEqualTo(SALT);
  }

  // ---------------------------------------------------------------- errors: exit 2, one message

  @Test
  void unknownModeIsRejectedNamingTheSourceTheValueAndTheChoices() {
    assertUsageError(
        () -> resolver().environment(Map.of("ORDERSTREAM_PERSONAL_COLUMNS", "mask")).resolve(),
        "Invalid value for ORDERSTREAM_PERSONAL_COLUMNS: 'mask'; expected one of keep, hash, drop");
  }

  @Test
  void hashWithoutSaltIsRejectedNamingTheSaltSetting() {
    assertUsageError(
        () -> resolver().commandLine(Map.of("personal-columns", "hash")).resolve(),
        "Invalid value for --personal-columns-salt: (hidden, 0 characters); expected a secret of"
            + " at least 16 characters with personal-columns=hash (such as the output of openssl"
            + " rand -hex 16); keep it: another salt hashes the same values differently");
  }

  @Test
  void hashWithShortSaltIsRejectedWithoutShowingTheSalt() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("run.properties"),
            "personal-columns=hash\npersonal-columns-salt=too-short\n");

    assertThatThrownBy(() -> resolver().configFile(file).resolve())
        .isInstanceOfSatisfying(
            OrderstreamException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageStartingWith(
            "Invalid value for personal-columns-salt: (hidden, 9 characters); expected")
        .message()
        .doesNotContain("too-short");
  }

  @Test
  void dropAndKeepNeedNoSalt() {
    assertThat(
            resolver()
                .commandLine(Map.of("personal-columns", "drop"))
                .resolve()
                .value(Setting.PERSONAL_COLUMNS))
        .isEqualTo(PersonalColumns.DROP);
  }
}
