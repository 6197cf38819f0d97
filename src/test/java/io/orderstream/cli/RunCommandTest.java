package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.pipeline.RunSummary;
import io.orderstream.pipeline.RunSummary.TableCount;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Drives {@code orderstream run} through {@link Main#commandLine(IFactory)} with a stand-in
 * environment and pipeline, so no test reads the real environment or starts Spark.
 */
class RunCommandTest {

  @TempDir Path dir;

  private final Map<String, String> environment = new HashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private RunConfig ranWith;
  private RunSummary summary = new RunSummary(0, List.of());

  @BeforeEach
  void createDefaultInput() throws IOException {
    Files.createDirectories(dir.resolve("samples/events"));
  }

  // ---------------------------------------------------------------- fixtures

  private int run(String... args) {
    return StandInCli.execute(
        RunCommand.class,
        () -> new RunCommand(environment, dir, (config, onBatch) -> pipeline(config)),
        out,
        err,
        "run",
        args);
  }

  private RunSummary pipeline(RunConfig config) {
    ranWith = config;
    return summary;
  }

  private List<String> errLines() {
    return err.toString().lines().toList();
  }

  // ---------------------------------------------------------------- help

  @Test
  void helpListsEveryOptionWithItsDefault() {
    CommandLine cli = Main.commandLine(); // the real factory: help must not need the stand-ins
    cli.setOut(new PrintWriter(out, true));

    int exitCode = cli.execute("run", "--help");

    assertThat(exitCode).isZero();
    String help = out.toString().replaceAll("\\s+", " ");
    for (Setting<?> setting : Setting.all()) {
      String synopsis =
          setting == Setting.PROGRESS
              ? " --\\[no-\\]progress " // a flag and its negation, no value
              : " " + setting.option() + "\\[?=" + setting.label();
      assertThat(help)
          .containsPattern(synopsis)
          .contains(
              "Default: "
                  + setting.defaultValue()
                  + "; env "
                  + setting.envVar()
                  + "; file key "
                  + setting.key()
                  + ".");
    }
    assertThat(help)
        .contains("--config=FILE", "--conf=KEY=VALUE", "Default: none")
        .contains("the command line, the environment variable, the --config file, the default");
  }

  // ---------------------------------------------------------------- errors: exit 2, one line

  @Test
  void runBadValueExitsTwoWithOneLineNamingOption() {
    int exitCode = run("--trigger-interval", "fast");

    assertThat(exitCode).isEqualTo(2);
    assertThat(errLines())
        .containsExactly(
            "orderstream: Invalid value for --trigger-interval:"
                + " 'fast'; expected a duration such as 500ms, 5s, 2m or PT5S");
    assertThat(out.toString()).isEmpty();
    assertThat(ranWith).isNull();
  }

  @Test
  void runBadPersonalColumnsExitsTwoNamingOptionValueAndChoices() {
    int exitCode = run("--personal-columns", "mask");

    assertThat(exitCode).isEqualTo(2);
    assertThat(errLines())
        .containsExactly(
            "orderstream: Invalid value for --personal-columns: 'mask'; expected one of keep, hash,"
                + " drop");
    assertThat(ranWith).isNull();
  }

  @Test
  void runHashWithShortSaltExitsTwoWithoutShowingTheSalt() {
    environment.put("ORDERSTREAM_PERSONAL_COLUMNS_SALT", "pepper-7");

    assertThat(run("--personal-columns", "hash")).isEqualTo(2);
    assertThat(errLines())
        .singleElement()
        .asString()
        .startsWith(
            "orderstream: Invalid value for ORDERSTREAM_PERSONAL_COLUMNS_SALT: (hidden, 8"
                + " characters); expected a secret of at least 16 characters")
        .doesNotContain("pepper-7");
    assertThat(ranWith).isNull();
  }

  @Test
  void runBadEnvironmentValueNamesTheVariable() {
    environment.put("ORDERSTREAM_MAX_FILES_PER_TRIGGER", "0");

    assertThat(run()).isEqualTo(2);
    assertThat(errLines())
        .containsExactly(
            "orderstream: Invalid value for"
                + " ORDERSTREAM_MAX_FILES_PER_TRIGGER: '0'; expected a positive whole number such as 1000");
  }

  @Test
  void runUnknownConfigFileKeyExitsTwo() throws IOException {
    Files.writeString(dir.resolve("o.properties"), "inptu=x\n");

    assertThat(run("--config", dir.resolve("o.properties").toString())).isEqualTo(2);
    assertThat(errLines())
        .singleElement()
        .asString()
        .startsWith("orderstream: Unknown setting 'inptu' in config file");
  }

  @Test
  void runMissingInputExitsTwo() {
    assertThat(run("--input", "nowhere")).isEqualTo(2);
    assertThat(errLines())
        .singleElement()
        .asString()
        .startsWith("orderstream: Invalid value for --input: '" + dir.resolve("nowhere") + "'");
  }

  @Test
  void runUnknownOptionExitsTwo() {
    assertThat(run("--inptu", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option", "'--inptu'");
  }

  @Test
  void runConfWithoutEqualsExitsTwo() {
    assertThat(run("--conf", "spark.ui.enabled")).isEqualTo(2);
    assertThat(err.toString()).contains("--conf");
  }

  @Test
  void runConfNonSparkKeyExitsTwo() {
    assertThat(run("--conf", "fs.s3a.access.key=AKIA")).isEqualTo(2);
    assertThat(errLines())
        .singleElement()
        .asString()
        .startsWith("orderstream: Invalid value for --conf: 'fs.s3a.access.key'")
        .doesNotContain("AKIA");
  }

  // ---------------------------------------------------------------- precedence through the CLI

  @Test
  void runOptionBeatsEnvironmentBeatsConfigFile() throws IOException {
    Files.writeString(
        dir.resolve("o.properties"),
        "trigger-interval=1m\nmax-files-per-trigger=10\nspark.master=local[1]\n");
    environment.put("ORDERSTREAM_MAX_FILES_PER_TRIGGER", "20");
    environment.put("ORDERSTREAM_SPARK_MASTER", "local[2]");

    int exitCode = run("--config", "o.properties", "--master", "local[3]");

    assertThat(exitCode).isZero();
    assertThat(ranWith.triggerInterval()).isEqualTo(Duration.ofMinutes(1)); // file over default
    assertThat(ranWith.maxFilesPerTrigger()).isEqualTo(20); // environment over file
    assertThat(ranWith.sparkMaster()).isEqualTo("local[3]"); // command line over environment
  }

  @Test
  void runOnceFlagAndExplicitFalse() {
    environment.put("ORDERSTREAM_ONCE", "true");
    assertThat(run("--once=false")).isZero();
    assertThat(ranWith.once()).isFalse();

    environment.clear();
    assertThat(run("--once")).isZero();
    assertThat(ranWith.once()).isTrue();
  }

  @Test
  void progressIsOnByDefaultNoProgressTurnsItOffAndEitherFlagBeatsTheEnvironment() {
    assertThat(run("--once")).isZero();
    assertThat(ranWith.value(Setting.PROGRESS)).isTrue();

    assertThat(run("--once", "--no-progress")).isZero();
    assertThat(ranWith.value(Setting.PROGRESS)).isFalse();

    environment.put("ORDERSTREAM_PROGRESS", "false");
    assertThat(run("--once")).isZero();
    assertThat(ranWith.value(Setting.PROGRESS)).isFalse();
    assertThat(run("--once", "--progress")).isZero();
    assertThat(ranWith.value(Setting.PROGRESS)).isTrue();
  }

  @Test
  void runConfPassesSparkSettingsThrough() {
    assertThat(run("--conf", "spark.sql.shuffle.partitions=8", "--conf", "spark.a=b=c")).isZero();

    assertThat(ranWith.sparkConf())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("spark.sql.shuffle.partitions", "8", "spark.a", "b=c"));
  }

  // ---------------------------------------------------------------- output

  @Test
  void runPrintsTablesWithRowCountsAligned() {
    summary =
        new RunSummary(
            3,
            List.of(
                new TableCount("dim_customer", 12),
                new TableCount("fact_order_line", 1234),
                new TableCount("dim_date", 5)));

    assertThat(run("--once")).isZero();

    assertThat(out.toString().lines())
        .containsExactly("dim_customer       12", "fact_order_line  1234", "dim_date            5");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void listingOfNoTablesIsEmpty() {
    assertThat(RunCommand.listing(List.of())).isEmpty();
  }
}
