package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.ManifestLog;
import io.orderstream.sink.TableLocations;
import io.orderstream.testing.PostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orderstream export} refusing what it cannot do, each with exit 2 and one line: no
 * manifest, a database that is not there or does not answer, a wrong password, a URL of another
 * database. None of these starts Spark. (The exports themselves: {@code ExportLifecycleTest}.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCommandTest {
  private static final String WRONG_PASSWORD = "not-the-password-7351";
  private static final Duration LIMIT = Duration.ofSeconds(30);

  private PostgresServer postgres;
  @TempDir Path dir;

  @BeforeAll
  void startDatabase() {
    postgres = PostgresServer.start();
  }

  @AfterAll
  void stopDatabase() {
    if (postgres != null) {
      postgres.close();
    }
  }

  // ---- the tables

  @Test
  void tablesWithoutManifestExitTwoSayingRunThePipelineFirst() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("tables"));

    ExportCli.Outcome outcome =
        export(Map.of(), "--tables", empty.toString(), "--jdbc-url", sqlite());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("--tables", "has no manifest", "run the pipeline on it first")
        .hasLineCount(1);
  }

  // ---- the database

  @Test
  void closedPortExitsTwoWithinThirtySeconds() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    long start = System.nanoTime();

    ExportCli.Outcome outcome =
        export(
            Map.of(),
            "--tables",
            tablesWithManifest(),
            "--jdbc-url",
            "jdbc:postgresql://127.0.0.1:" + closed + "/orders",
            "--jdbc-user",
            "postgres");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT);
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("Cannot connect to the database", ":" + closed + "/orders")
        .hasLineCount(1);
  }

  @Test
  void serverThatNeverAnswersExitsTwoWithinThirtySeconds() throws IOException {
    // accepts the TCP connection, then says nothing: only the login timeout ends the wait
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    accepted.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      long start = System.nanoTime();

      ExportCli.Outcome outcome =
          export(
              Map.of(),
              "--tables",
              tablesWithManifest(),
              "--jdbc-url",
              "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/orders",
              "--jdbc-user",
              "postgres");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT);
      assertThat(outcome.exitCode()).isEqualTo(2);
      assertThat(outcome.err()).contains("Cannot connect to the database").hasLineCount(1);
      assertThat(accepted).as("the export did reach the server").isNotEmpty();
    }
  }

  @Test
  void wrongPasswordFromTheEnvironmentExitsTwoWithoutShowingIt() {
    ExportCli.Outcome outcome =
        export(
            Map.of("ORDERSTREAM_JDBC_PASSWORD", WRONG_PASSWORD),
            "--tables",
            tablesWithManifest(),
            "--jdbc-url",
            postgres.jdbcUrl("postgres"),
            "--jdbc-user",
            PostgresServer.USER);

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("password authentication failed")
        .hasLineCount(1)
        .doesNotContain(WRONG_PASSWORD);
    assertThat(outcome.out()).doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void wrongPasswordFromTheConfigFileExitsTwoWithoutShowingIt() throws IOException {
    Path config =
        Files.writeString(
            dir.resolve("export.properties"),
            "jdbc.password=" + WRONG_PASSWORD + "\n" + "jdbc.user=" + PostgresServer.USER + "\n");

    ExportCli.Outcome outcome =
        export(
            Map.of(),
            "--config",
            config.toString(),
            "--tables",
            tablesWithManifest(),
            "--jdbc-url",
            postgres.jdbcUrl("postgres"));

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("password authentication failed")
        .hasLineCount(1)
        .doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void passwordIsNoOption() {
    ExportCli.Outcome outcome =
        export(
            Map.of(),
            "--tables",
            tablesWithManifest(),
            "--jdbc-url",
            sqlite(),
            "--jdbc-password",
            WRONG_PASSWORD);

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("--jdbc-password");
  }

  // ---- the settings

  @Test
  void urlOfAnotherDatabaseExitsTwoNamingTheSetting() {
    ExportCli.Outcome outcome =
        export(
            Map.of(),
            "--tables",
            tablesWithManifest(),
            "--jdbc-url",
            "jdbc:mysql://127.0.0.1/orders?password=secret9");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err())
        .contains("--jdbc-url", "jdbc:postgresql://HOST:PORT/DATABASE or jdbc:sqlite:FILE")
        .doesNotContain("secret9")
        .hasLineCount(1);
  }

  @Test
  void missingUrlExitsTwoNamingTheOptionAndTheVariable() {
    ExportCli.Outcome outcome = export(Map.of(), "--tables", tablesWithManifest());

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("--jdbc-url", "ORDERSTREAM_JDBC_URL").hasLineCount(1);
  }

  @Test
  void badIntervalFromTheEnvironmentExitsTwoNamingTheVariable() {
    ExportCli.Outcome outcome =
        export(
            Map.of("ORDERSTREAM_EXPORT_INTERVAL", "soon"),
            "--tables",
            tablesWithManifest(),
            "--jdbc-url",
            sqlite(),
            "--follow");

    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.err()).contains("ORDERSTREAM_EXPORT_INTERVAL", "'soon'").hasLineCount(1);
  }

  private ExportCli.Outcome export(Map<String, String> environment, String... arguments) {
    return ExportCli.run(environment, dir, List.of(arguments));
  }

  private String sqlite() {
    return "jdbc:sqlite:" + dir.resolve("orders.db");
  }

  /**
   * A tables folder with a manifest and no tables: enough for every check before the first read.
   */
  private String tablesWithManifest() {
    TableLocations locations = new TableLocations(dir.resolve("manifested").toString());
    try {
      new ManifestLog(locations, new Configuration())
          .write(
              new BatchManifest(
                  0, "test-app", Instant.parse("2024-01-01T00:00:00Z"), Map.of("order_item", 1L)));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return locations.root();
  }
}
