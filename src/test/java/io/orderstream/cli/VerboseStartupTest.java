package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --verbose} in a fresh JVM, as the launcher runs the command: every run logs at DEBUG from
 * its first line. Switching the logging over once it had started lost the switch in about one run
 * in five, so the runs below are several; without the flag, a failure stays one line.
 */
class VerboseStartupTest {
  private static final int RUNS = 5;

  @TempDir Path dir;
  private final String before = System.getProperty(VerboseLogging.START_PROPERTY);

  @AfterEach
  void restoreProperty() {
    if (before == null) {
      System.clearProperty(VerboseLogging.START_PROPERTY);
    } else {
      System.setProperty(VerboseLogging.START_PROPERTY, before);
    }
  }

  @Test
  void everyFreshRunWithTheFlagLogsAtDebug() throws Exception {
    for (int run = 0; run < RUNS; run++) {
      String output = failingRun(true);
      assertThat(output).as("run %d", run).contains("DEBUG UserErrorHandler");
    }
  }

  @Test
  void withoutTheFlagAFailureIsOneLine() throws Exception {
    String output = failingRun(false);

    assertThat(output).doesNotContain("DEBUG").contains("orderstream: Invalid value for --input");
    assertThat(output.strip().lines()).hasSize(1);
  }

  @Test
  void aConfigurationTheUserNamesIsKept() {
    System.setProperty(VerboseLogging.START_PROPERTY, "mine.properties");

    VerboseLogging.chooseAtStart(new String[] {"run", "--verbose"});

    assertThat(System.getProperty(VerboseLogging.START_PROPERTY)).isEqualTo("mine.properties");
  }

  @Test
  void theFlagNamesTheVerboseConfigurationOnTheClassPath() {
    System.clearProperty(VerboseLogging.START_PROPERTY);

    VerboseLogging.chooseAtStart(new String[] {"run", "--once", "--verbose"});

    String named = System.getProperty(VerboseLogging.START_PROPERTY);
    assertThat(VerboseLogging.class.getResource("/" + named)).isNotNull();
    assertThat("/" + named).isEqualTo(VerboseLogging.CONFIGURATION);
  }

  /** {@code run --once} on a missing input folder: exit 2 before any Spark work. */
  private String failingRun(boolean verbose) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(
        List.of(
            "run",
            "--once",
            "--input",
            dir.resolve("missing").toString(),
            "--tables",
            dir.resolve("tables").toString(),
            "--checkpoint",
            dir.resolve("checkpoint").toString()));
    if (verbose) {
      command.add("--verbose");
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isEqualTo(2);
    return output;
  }
}
