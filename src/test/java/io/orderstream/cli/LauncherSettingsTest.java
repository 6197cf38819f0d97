package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's own setting, {@code ORDERSTREAM_CLASS_ARCHIVE}, is checked before anything is
 * built or started, so a wrong value costs nothing but its message. Surefire runs tests from the
 * project folder, so the launcher's path is relative to it.
 */
class LauncherSettingsTest {

  @Test
  void classArchiveSettingOtherThanOnOrOffExitsTwoNamingKeyValueAndChoices() throws Exception {
    Launched launched = launch("yes please");

    assertThat(launched.exitCode()).isEqualTo(2);
    assertThat(launched.stderr())
        .isEqualTo("orderstream: ORDERSTREAM_CLASS_ARCHIVE is 'yes please'; expected on or off\n");
    assertThat(launched.stdout()).isEmpty();
  }

  private record Launched(int exitCode, String stdout, String stderr) {}

  /**
   * Runs {@code bin/orderstream --version} with the setting. Only for wrong values: with a good one
   * the launcher would go on to build the jar, inside this Maven run.
   */
  private static Launched launch(String setting) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "bin/orderstream", "--version");
    builder.environment().put("ORDERSTREAM_CLASS_ARCHIVE", setting);
    Process process = builder.start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Launched(process.exitValue(), stdout, stderr);
  }
}
