package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.OrderstreamException;
import io.orderstream.testing.AwsKeyProperties;
import io.orderstream.testing.ElasticMqServer;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.RefusedStart;
import io.orderstream.testing.S3MockServer;
import io.orderstream.testing.ServerProcess;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad configuration of notification mode against the real local servers: each run ends with exit
 * code 2 within 30 s, one line naming the setting, and nothing written (no tables, no checkpoint).
 *
 * <p>Wrong S3 credentials are proven in {@link S3CredentialsTest} against S3Proxy, which checks
 * signatures. Wrong SQS credentials cannot be shown here: ElasticMQ checks none; the code maps an
 * SQS 401/403 to a queue-url message naming the credentials, but only a real AWS account would
 * prove it. Missing credentials need no server's help and are shown.
 */
@SparkTest
class SqsConfigurationTest {
  @TempDir Path dir;
  private static ElasticMqServer sqs;
  private static String queueUrl;

  @BeforeAll
  static void startServers() {
    S3MockServer.shared()
        .createBucket("sqs-configuration-test")
        .configure(PipelineHarness.spark().sparkContext().hadoopConfiguration());
    sqs = ElasticMqServer.shared();
    queueUrl = sqs.createQueue("sqs-configuration-test", 30);
    AwsKeyProperties.setLocal();
  }

  @AfterAll
  static void clearCredentials() {
    AwsKeyProperties.clear();
  }

  @Test
  void missingQueueUrlIsNamed() {
    assertRefused(c -> c.with(Setting.QUEUE_URL, ""), "queue-url");
  }

  @Test
  void unreachableEndpointIsNamed() {
    String nothing = "http://127.0.0.1:" + ServerProcess.freePort();
    assertRefused(c -> c.with(Setting.SQS_ENDPOINT, nothing), "sqs-endpoint");
  }

  @Test
  void missingQueueIsNamed() {
    assertRefused(
        c -> c.with(Setting.QUEUE_URL, sqs.endpoint() + "/000000000000/no-such-queue"),
        "queue-url");
  }

  @Test
  void missingRegionIsNamed() {
    assertThat(System.getenv("AWS_REGION")).as("this test needs AWS_REGION unset").isNull();
    assertThat(Path.of(System.getProperty("user.home"), ".aws", "config"))
        .as("and no AWS profile")
        .doesNotExist();
    assertRefused(c -> c.with(Setting.SQS_REGION, ""), "sqs-region");
  }

  @Test
  void missingCredentialsAreNamedInOneShortLine() {
    assertThat(System.getenv("AWS_ACCESS_KEY_ID")).as("this test needs no AWS key set").isNull();
    assertThat(Path.of(System.getProperty("user.home"), ".aws", "credentials"))
        .as("and no AWS credentials file")
        .doesNotExist();
    AwsKeyProperties.clear();
    try {
      OrderstreamException refused = refusal(config(c -> c));

      assertThat(refused.getMessage())
          .isEqualTo(
              "No AWS credentials for the SQS queue "
                  + queueUrl
                  + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an AWS profile or"
                  + " instance role)");
    } finally {
      AwsKeyProperties.setLocal();
    }
  }

  @Test
  void missingBucketOfTheInputPrefixIsNamed() {
    RunConfig config = config(c -> c);
    RunConfig inMissingBucket =
        new RunConfig(
                "s3a://no-such-bucket/incoming/",
                config.tables(),
                config.checkpoint(),
                true,
                Duration.ofSeconds(1),
                10,
                "local[2]",
                Map.of())
            .with(Setting.SOURCE, "sqs")
            .with(Setting.QUEUE_URL, queueUrl)
            .with(Setting.SQS_ENDPOINT, sqs.endpoint())
            .with(Setting.SQS_REGION, S3MockServer.REGION);
    assertRefused(inMissingBucket, "input");
  }

  @Test
  void localInputFolderIsRefusedInNotificationMode() {
    RunConfig config = config(c -> c);
    RunConfig local =
        new RunConfig(
                dir.toString(),
                config.tables(),
                config.checkpoint(),
                true,
                Duration.ofSeconds(1),
                10,
                "local[2]",
                Map.of())
            .with(Setting.SOURCE, "sqs")
            .with(Setting.QUEUE_URL, queueUrl);
    assertRefused(local, "input");
  }

  private void assertRefused(UnaryOperator<RunConfig> change, String setting) {
    assertRefused(config(change), setting);
  }

  private void assertRefused(RunConfig config, String setting) {
    assertThat(refusal(config).getMessage())
        .startsWith("Invalid value for " + setting + ":")
        .doesNotContain("\n");
  }

  private OrderstreamException refusal(RunConfig config) {
    return RefusedStart.of(config, dir);
  }

  private RunConfig config(UnaryOperator<RunConfig> change) {
    RunConfig config =
        new RunConfig(
                Setting.INPUT.defaultValue(),
                dir.resolve("tables").toString(),
                dir.resolve("checkpoint").toString(),
                true,
                Duration.ofSeconds(1),
                10,
                "local[2]",
                Map.of())
            .with(Setting.SOURCE, "sqs")
            .with(Setting.QUEUE_URL, queueUrl)
            .with(Setting.SQS_ENDPOINT, sqs.endpoint())
            .with(Setting.SQS_REGION, S3MockServer.REGION);
    return change.apply(config);
  }
}
