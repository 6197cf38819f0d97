package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.SparkSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * {@code orderstream check} takes its Spark settings from the same sources as {@code run}: the
 * command line, the environment, the {@code --config} file. A stand-in session source records the
 * settings and ends the command there, so no test starts Spark.
 */
class CheckCommandSettingsTest {
  @TempDir Path dir;

  private final Map<String, String> environment = new HashMap<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private SparkSettings checkedWith;

  @Test
  void checkTakesMasterFromTheEnvironmentAndSparkKeysFromTheConfigFile() throws IOException {
    environment.put("ORDERSTREAM_SPARK_MASTER", "local[3]");
    Path config =
        Files.writeString(
            dir.resolve("check.properties"),
            "spark.master=local[1]\nspark.sql.shuffle.partitions=3\n");

    check("--config", config.toString());

    assertThat(checkedWith)
        .isEqualTo(new SparkSettings("local[3]", Map.of("spark.sql.shuffle.partitions", "3")));
  }

  @Test
  void checkMasterOptionBeatsTheEnvironmentAndConfBeatsTheFile() throws IOException {
    environment.put("ORDERSTREAM_SPARK_MASTER", "local[3]");
    Path config =
        Files.writeString(dir.resolve("check.properties"), "spark.sql.shuffle.partitions=3\n");

    check(
        "--config",
        config.toString(),
        "--master",
        "local[2]",
        "--conf",
        "spark.sql.shuffle.partitions=5");

    assertThat(checkedWith)
        .isEqualTo(new SparkSettings("local[2]", Map.of("spark.sql.shuffle.partitions", "5")));
  }

  @Test
  void checkWithoutSettingsUsesRunsDefaultMaster() {
    check();

    assertThat(checkedWith).isEqualTo(new SparkSettings("local[*]", Map.of()));
  }

  @Test
  void checkBadEnvironmentValueExitsTwoNamingTheVariable() {
    environment.put("ORDERSTREAM_SPARK_MASTER", " ");

    int exit = check();

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for ORDERSTREAM_SPARK_MASTER: ' '");
    assertThat(checkedWith).isNull();
  }

  @Test
  void checkConfigFileWithUnknownKeyExitsTwoNamingTheKey() throws IOException {
    Path config = Files.writeString(dir.resolve("check.properties"), "tabels=/data\n");

    int exit = check("--config", config.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("tabels");
    assertThat(checkedWith).isNull();
  }

  // ---------------------------------------------------------------- fixtures

  private int check(String... args) {
    SparkSessionSource recording =
        new SparkSessionSource() {
          @Override
          public <T> T use(String appName, SparkSettings settings, Function<SparkSession, T> work) {
            checkedWith = settings;
            throw new IllegalStateException("stand-in session source: this test starts no Spark");
          }
        };
    IFactory factory =
        new IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            return type == CheckCommand.class
                ? type.cast(new CheckCommand(environment, dir, recording))
                : CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine cli = Main.commandLine(factory);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] full =
        Stream.concat(Stream.of("check", "--tables", dir.toString()), Stream.of(args))
            .toArray(String[]::new);
    return cli.execute(full);
  }
}
