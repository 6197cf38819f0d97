package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.source.files.FolderInputSource;
import io.orderstream.testing.AwsKeyProperties;
import io.orderstream.testing.ElasticMqServer;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.RefusedStart;
import io.orderstream.testing.S3ProxyServer;
import io.orderstream.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wrong AWS credentials against a server that checks signatures (S3Proxy): the run ends with exit 2
 * within 30 s, one line naming the location's setting and saying the credentials were refused (not
 * "create the folder"), and nothing written. A bucket with the right keys passes the same check, so
 * the refusal is the credentials' doing.
 *
 * <p>Each bucket gets its own keys through s3a's per-bucket settings on the shared session, so the
 * other S3 tests' settings stay untouched.
 */
@SparkTest
class S3CredentialsTest {
  private static final String RIGHT = "credentials-right";
  private static final String WRONG_KEY = "credentials-wrong-key";
  private static final String WRONG_SECRET = "credentials-wrong-secret";

  @TempDir static Path servers;
  @TempDir Path dir;
  private static S3ProxyServer s3;

  @BeforeAll
  static void startServer() {
    s3 = S3ProxyServer.start(servers.resolve("s3proxy"));
    Configuration hadoop = PipelineHarness.spark().sparkContext().hadoopConfiguration();
    configureBucket(hadoop, RIGHT, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    configureBucket(hadoop, WRONG_KEY, "no-such-access-key", S3ProxyServer.SECRET_KEY);
    configureBucket(hadoop, WRONG_SECRET, S3ProxyServer.ACCESS_KEY, "not-the-secret-key");
    for (String bucket : new String[] {RIGHT, WRONG_KEY, WRONG_SECRET}) {
      // an object under incoming/, so checking that prefix takes real requests (s3a answers a
      // bucket's root without one)
      s3.createBucket(bucket).putObject(bucket, "incoming/event.json", "{}");
    }
  }

  @AfterAll
  static void stopServer() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void theRightKeysPassTheInputCheck() {
    RunConfig config = config("s3a://" + RIGHT + "/incoming/");

    assertThatCode(() -> new FolderInputSource(config).validate(PipelineHarness.spark()))
        .doesNotThrowAnyException();
  }

  @Test
  void anUnknownAccessKeyIsReportedOnTheInput() {
    assertRefused(config("s3a://" + WRONG_KEY + "/incoming/"), "input");
  }

  @Test
  void aWrongSecretIsReportedOnTheInput() {
    assertRefused(config("s3a://" + WRONG_SECRET + "/incoming/"), "input");
  }

  @Test
  void refusedTablesAreReportedOnTheTables() throws Exception {
    Path input = Files.createDirectories(dir.resolve("input"));
    RunConfig config = config(input.toString(), "s3a://" + WRONG_SECRET + "/tables");

    assertRefused(config, "tables");
  }

  @Test
  void notificationModeReportsTheRefusedBucketOnTheInput() {
    ElasticMqServer sqs = ElasticMqServer.shared();
    RunConfig config =
        config("s3a://" + WRONG_KEY + "/incoming/")
            .with(Setting.SOURCE, "sqs")
            .with(Setting.QUEUE_URL, sqs.createQueue("s3-credentials-test", 30))
            .with(Setting.SQS_ENDPOINT, sqs.endpoint())
            .with(Setting.SQS_REGION, S3ProxyServer.REGION);
    // the queue client reads the AWS chain (system properties here); ElasticMQ accepts any key
    try (AwsKeyProperties keys =
        AwsKeyProperties.set("no-such-access-key", S3ProxyServer.SECRET_KEY)) {
      assertRefused(config, "input");
    }
  }

  private void assertRefused(RunConfig config, String setting) {
    assertThat(RefusedStart.of(config, dir).getMessage())
        .startsWith("Invalid value for " + setting + ":")
        .contains("refused the credentials")
        .contains("AWS_ACCESS_KEY_ID")
        .doesNotContain("create it")
        .doesNotContain("\n");
  }

  private RunConfig config(String input) {
    return config(input, dir.resolve("tables").toString());
  }

  private RunConfig config(String input, String tables) {
    return new RunConfig(
        input,
        tables,
        dir.resolve("checkpoint").toString(),
        true,
        Duration.ofSeconds(1),
        10,
        "local[2]",
        Map.of());
  }

  private static void configureBucket(
      Configuration hadoop, String bucket, String accessKey, String secretKey) {
    String prefix = "fs.s3a.bucket." + bucket + ".";
    hadoop.set(prefix + "endpoint", s3.endpoint());
    hadoop.set(prefix + "endpoint.region", S3ProxyServer.REGION);
    hadoop.set(prefix + "path.style.access", "true");
    hadoop.set(prefix + "connection.ssl.enabled", "false");
    hadoop.set(prefix + "access.key", accessKey);
    hadoop.set(prefix + "secret.key", secretKey);
  }
}
