package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.testing.AwsKeyProperties;
import io.orderstream.testing.ElasticMqServer;
import io.orderstream.testing.LifecycleReference;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.S3MockServer;
import io.orderstream.testing.S3Notifier;
import io.orderstream.testing.SparkTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Notification mode against real local servers (S3Mock for the objects, ElasticMQ for the queue):
 * the lifecycle events announced one notification each, among an s3:TestEvent, a foreign message,
 * duplicate notifications and an object outside the input prefix, end in exactly the tables the
 * folder source makes from the same files, and the queue ends empty. A second run on the same
 * checkpoint then gets a redelivered notification (nothing changes) and one for an object deleted
 * before it was read (quarantined as vanished).
 *
 * <p>The pipeline runs in this JVM on the shared session; its SQS client takes credentials from the
 * AWS chain's system properties, set here (the test JVM cannot set environment variables).
 */
@SparkTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SqsPipelineTest {
  private static final String BUCKET = "sqs-pipeline-test";
  private static final String PREFIX = "s3a://" + BUCKET + "/incoming/";

  @TempDir static Path dir;
  private static S3Notifier notifier;
  private static String queueUrl;
  private static ElasticMqServer sqs;
  private static List<String> names;

  @BeforeAll
  static void announceLifecycleAmongNoise() {
    S3MockServer s3 = S3MockServer.shared().createBucket(BUCKET);
    s3.configure(PipelineHarness.spark().sparkContext().hadoopConfiguration());
    sqs = ElasticMqServer.shared();
    queueUrl = sqs.createQueue("sqs-pipeline-test", 30);
    AwsKeyProperties.setLocal();
    notifier =
        new S3Notifier(
            PipelineHarness.spark().sparkContext().hadoopConfiguration(),
            BUCKET,
            sqs.client(),
            queueUrl);
    names = PipelineHarness.fixtureNames(LifecycleReference.FIXTURE);
    Path events = PipelineHarness.fixture(LifecycleReference.FIXTURE);

    notifier.send(S3Notifier.testEvent(BUCKET));
    notifier.send("{\"greeting\":\"not an S3 event\"}");
    for (int i = 0; i < names.size(); i++) {
      notifier.upload(BUCKET, "incoming/" + names.get(i), events.resolve(names.get(i)));
      if (i % 5 == 0) {
        notifier.notifyCreated(BUCKET, "incoming/" + names.get(i), 1); // a duplicate notification
      }
    }
    notifier.upload(BUCKET, "elsewhere/" + names.get(0), events.resolve(names.get(0)));
  }

  @AfterAll
  static void clearCredentials() {
    AwsKeyProperties.clear();
  }

  @Test
  @Order(1)
  void lifecycleThroughSqsEndsInTheFolderSourcesTablesAndAnEmptyQueue() {
    runOnce();

    assertThat(check("--tables", tables(), "--same-as", LifecycleReference.tables().toString()))
        .as("orderstream check --same-as the folder run")
        .contains("checks passed")
        .doesNotContain("FAIL");
    assertThat(notifier.messagesLeft()).as("messages left on the queue").isZero();
    assertThat(quarantine()).as("nothing quarantined: noise is skipped, never read").isEmpty();
  }

  @Test
  @Order(2)
  void redeliveredNotificationChangesNothingAndDeletedObjectIsQuarantinedAsVanished() {
    notifier.notifyCreated(BUCKET, "incoming/" + names.get(3), 1);
    notifier.notifyCreated(BUCKET, "incoming/deleted before read.json", 10);

    runOnce();

    assertThat(quarantine())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.getAs("source").toString())
                  .isEqualTo(PREFIX + "deleted before read.json");
              assertThat(row.getAs("reason").toString()).isEqualTo("vanished");
            });
    assertThat(check("--tables", tables(), "--same-as", LifecycleReference.tables().toString()))
        .as("every table but the quarantine still equals the folder run")
        .containsPattern("FAIL +quarantine +same rows")
        .doesNotContainPattern("FAIL\\s+(?!quarantine)\\S");
    assertThat(notifier.messagesLeft()).isZero();
  }

  private static void runOnce() {
    RunConfig config =
        new RunConfig(
                PREFIX,
                tables(),
                dir.resolve("sqs/checkpoint").toString(),
                true,
                Duration.ofSeconds(1),
                10,
                "local[2]",
                Map.of())
            .with(Setting.SOURCE, "sqs")
            .with(Setting.QUEUE_URL, queueUrl)
            .with(Setting.SQS_ENDPOINT, sqs.endpoint())
            .with(Setting.SQS_REGION, S3MockServer.REGION);
    new Pipeline(config, PipelineHarness.spark()).run();
  }

  private static String tables() {
    return dir.resolve("sqs/tables").toString();
  }

  private static List<Row> quarantine() {
    return PipelineHarness.spark()
        .read()
        .format("delta")
        .load(tables() + "/quarantine")
        .collectAsList();
  }

  private static String check(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli =
        Main.commandLine(
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                return type == CheckCommand.class
                    ? type.cast(
                        new CheckCommand(
                            java.util.Map.of(),
                            java.nio.file.Path.of("").toAbsolutePath(),
                            SparkSessionSource.existing(PipelineHarness.spark())))
                    : CommandLine.defaultFactory().create(type);
              }
            });
    cli.setOut(new PrintWriter(out));
    String[] full = new String[args.length + 1];
    full[0] = "check";
    System.arraycopy(args, 0, full, 1, args.length);
    cli.execute(full);
    return out.toString();
  }
}
