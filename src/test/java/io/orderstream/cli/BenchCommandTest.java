package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.error.Errors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bench}'s settings are checked before anything is generated or measured. */
class BenchCommandTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void objectsPartWithoutEndpointsExitsWithUsageErrorNamingTheServerToStart() {
    int code =
        run(
            "bench",
            "--parts",
            "objects",
            "--size",
            "small",
            "--work",
            dir.resolve("work").toString(),
            "--out",
            dir.resolve("out").toString(),
            "--sqs-endpoint",
            "http://127.0.0.1:9324");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--s3-endpoint")
        .contains("scripts/s3-local")
        .hasLineCount(1);
    assertThat(dir.resolve("work")).doesNotExist();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void endpointThatIsNotAnHttpUrlExitsWithUsageError() {
    int code =
        run(
            "bench",
            "--parts",
            "objects",
            "--s3-endpoint",
            "127.0.0.1:9191",
            "--sqs-endpoint",
            "http://127.0.0.1:9324");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--s3-endpoint")
        .contains("'127.0.0.1:9191'")
        .contains("an http or https URL");
  }

  @Test
  void exportPartWithoutJdbcUrlExitsWithUsageErrorNamingTheServerToStart() {
    int code =
        run(
            "bench",
            "--parts",
            "export",
            "--size",
            "small",
            "--work",
            dir.resolve("work").toString(),
            "--out",
            dir.resolve("out").toString());

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("--jdbc-url").contains("bench/export").hasLineCount(1);
    assertThat(dir.resolve("work")).doesNotExist();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void kafkaPartWithoutBootstrapServersExitsWithUsageErrorNamingTheBrokerToStart() {
    int code =
        run(
            "bench",
            "--parts",
            "kafka",
            "--size",
            "small",
            "--work",
            dir.resolve("work").toString(),
            "--out",
            dir.resolve("out").toString());

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--kafka-bootstrap-servers")
        .contains("bench/kafka")
        .hasLineCount(1);
    assertThat(dir.resolve("work")).doesNotExist();
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void exportPartAgainstSqliteExitsWithUsageErrorAskingForPostgresql() {
    int code =
        run(
            "bench",
            "--parts",
            "export",
            "--size",
            "small",
            "--work",
            dir.resolve("work").toString(),
            "--out",
            dir.resolve("out").toString(),
            "--jdbc-url",
            "jdbc:sqlite:" + dir.resolve("bench.db"));

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--jdbc-url")
        .contains("jdbc:sqlite:")
        .contains("a PostgreSQL URL")
        .hasLineCount(1);
    assertThat(dir.resolve("work")).doesNotExist();
    assertThat(dir.resolve("bench.db")).doesNotExist();
  }
}
