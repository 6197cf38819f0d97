package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.pipeline.RunSummary;
import io.orderstream.testing.LogCapture;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orderstream run} logs the settings it resolved (at DEBUG, what {@code --verbose} shows)
 * with every secret masked, wherever the secret came from: {@code --conf}, the environment or the
 * config file.
 */
class SettingsLogTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void runLogsItsSettingsWithoutAnySecretValue() throws IOException {
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(
        dir.resolve("run.properties"),
        "kafka.ssl.truststore.password=truststore-pw-3141\n"
            + "spark.hadoop.fs.azure.account.key.acme.dfs.core.windows.net=azure-key-2718\n");
    Map<String, String> secretsByKey =
        Map.of(
            "spark.hadoop.fs.s3a.access.key", "AKIA-ACCESS-1618",
            "spark.hadoop.fs.s3a.secret.key", "s3-secret-1414",
            "spark.hadoop.fs.s3a.session.token", "session-token-1732",
            "kafka.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\"orders\" password=\"jaas-pw-2236\";",
            "spark.hadoop.hadoop.security.credential.provider.path", "jceks://file/creds-1123");
    List<String> args =
        new java.util.ArrayList<>(List.of("--input", "in", "--config", "run.properties"));
    secretsByKey.forEach((key, value) -> args.addAll(List.of("--conf", key + "=" + value)));
    args.addAll(List.of("--conf", "spark.sql.shuffle.partitions=3", "--personal-columns", "hash"));
    Map<String, String> environment =
        Map.of("ORDERSTREAM_PERSONAL_COLUMNS_SALT", "salt-from-the-environment-0577");

    String logged;
    int exitCode;
    try (LogCapture log = LogCapture.of("io.orderstream", Level.DEBUG)) {
      exitCode =
          StandInCli.execute(
              RunCommand.class,
              () ->
                  new RunCommand(
                      environment, dir, (config, onBatch) -> new RunSummary(0, List.of())),
              out,
              err,
              "run",
              args.toArray(String[]::new));
      logged = log.text();
    }

    assertThat(exitCode).as(err.toString()).isZero();
    assertThat(logged)
        .as("the settings line, with what is not secret shown")
        .contains("Settings: ", "spark.sql.shuffle.partitions=3", "personal-columns=hash")
        .contains(secretsByKey.keySet())
        .contains("personal-columns-salt=*********(redacted)");
    assertThat(logged)
        .doesNotContain(secretsByKey.values())
        .doesNotContain(
            "jaas-pw-2236",
            "salt-from-the-environment-0577",
            "truststore-pw-3141",
            "azure-key-2718");
  }
}
