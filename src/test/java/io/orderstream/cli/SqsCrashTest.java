package io.orderstream.cli;

import static io.orderstream.testing.Background.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.ops.CheckResult;
import io.orderstream.ops.TableComparison;
import io.orderstream.ops.TableIntegrity;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.testing.AwsKeyProperties;
import io.orderstream.testing.ChildPipeline;
import io.orderstream.testing.CrashSite;
import io.orderstream.testing.CrashWatch;
import io.orderstream.testing.ElasticMqServer;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.S3MockServer;
import io.orderstream.testing.S3Notifier;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash safety in notification mode, against the real local servers: a backlog announced on the
 * queue one notification per object, run in child JVMs killed with SIGKILL between two table writes
 * of a batch and after a batch wrote every table but before its messages were deleted; a last run
 * (in the test JVM, warm: the kills are what needs child JVMs) finishes. The tables must pass the
 * integrity check and equal an uninterrupted folder run's over the same files, and the queue must
 * end empty: the messages the killed runs held come back after their visibility timeout, name
 * objects already planned, and are deleted unread.
 */
@SparkTest
class SqsCrashTest {
  private static final Logger LOG = LoggerFactory.getLogger(SqsCrashTest.class);
  private static final String BUCKET = "sqs-crash-test";
  private static final String PREFIX = "s3a://" + BUCKET + "/incoming/";
  private static final long SEED = 20261129L;
  private static final int ORDERS = 6;

  /** Objects per batch of the crashed pipeline: the backlog takes two batches or more. */
  private static final int MAX_FILES = 16;

  /** Short, so that the messages a killed run held are visible again before the last run. */
  private static final int VISIBILITY_SECONDS = 3;

  /** Guards against a child that hangs; no assertion is about time. */
  private static final Duration PATIENCE = Duration.ofMinutes(10);

  @TempDir Path dir;
  private ElasticMqServer sqs;
  private String queueUrl;
  private S3Notifier notifier;
  private ChildPipeline child;

  /** The uninterrupted run, in this JVM, beside the children. */
  private CompletableFuture<Void> reference;

  @AfterEach
  void stopChildAndReference() throws InterruptedException {
    if (child != null && child.alive()) {
      child.kill();
    }
    awaitQuietly(reference);
  }

  @Test
  void
      killedBetweenTableWritesAndBeforeItsMessagesAreDeletedEndsInTheUninterruptedTablesAndAnEmptyQueue()
          throws Exception {
    S3MockServer s3 = S3MockServer.shared().createBucket(BUCKET);
    Configuration hadoop = PipelineHarness.spark().sparkContext().hadoopConfiguration();
    s3.configure(hadoop);
    sqs = ElasticMqServer.shared();
    queueUrl = sqs.createQueue("sqs-crash-test", VISIBILITY_SECONDS);
    notifier = new S3Notifier(hadoop, BUCKET, sqs.client(), queueUrl);
    List<Path> files = CrashWatch.backlog(dir.resolve("events"), ORDERS, SEED);
    CrashWatch watch = new CrashWatch(checkpoint(), tables("crashed"), PATIENCE);
    for (Path file : files) {
      notifier.upload(BUCKET, "incoming/" + file.getFileName(), file);
    }
    // The reference runs in this JVM while the children run (see CrashLoopTest); kills wait for
    // what the child has written, so they land where they are meant to either way.
    reference = CompletableFuture.runAsync(() -> runReference(dir.resolve("events")));

    child = start(s3);
    watch.awaitSite(
        child, site -> site.batch() == 0 && site.tablesWritten() > 0 && !site.latestWritten());
    CrashSite first = watch.kill(child);
    // The restart replays that batch, whose messages the killed run held; the kill must land in a
    // batch this run planned itself, so that its own messages are the ones not yet deleted.
    child = start(s3);
    watch.awaitSite(child, site -> site.latestWritten() && site.batch() > first.batch());
    // Not deleted yet, whether still in flight or visible again (a batch outlives the short
    // visibility timeout, so in-flight counts cannot single the batch's messages out).
    long notDeleted = notifier.messagesLeft();
    CrashSite second = watch.kill(child);
    LOG.info(
        "kills landed: {}; {}, {} messages not deleted",
        first.describe(),
        second.describe(),
        notDeleted);
    assertThat(first.insideBatch()).isTrue();
    assertThat(notDeleted)
        .as("the batch's messages were still on the queue when it was killed")
        .isPositive();

    // The killed runs' messages are invisible until their timeout; the last run must find them.
    // It runs in this JVM, warm, once the reference is done (one query name per session).
    Thread.sleep(Duration.ofSeconds(VISIBILITY_SECONDS + 1).toMillis());
    reference.join();
    // The SQS client's credentials chain: the children had them in their environment.
    try (AwsKeyProperties keys = AwsKeyProperties.setLocal()) {
      new Pipeline(lastRun(s3), PipelineHarness.spark()).run();
    }

    assertThat(
            PipelineHarness.failed(
                new TableIntegrity(PipelineHarness.spark(), tables("crashed").toString()).check()))
        .as("integrity of the crashed pipeline's tables")
        .isEmpty();
    assertThat(
            PipelineHarness.failed(
                new TableComparison(
                        PipelineHarness.spark(),
                        tables("crashed").toString(),
                        tables("reference").toString())
                    .compare()))
        .as(
            "tables that differ from the uninterrupted folder run (the quarantine names its inputs by their URIs)")
        .extracting(CheckResult::table)
        .containsExactly("quarantine");
    assertThat(quarantined("crashed"))
        .as("the two bad objects, quarantined once each")
        .hasSize(2)
        .isEqualTo(quarantined("reference"));
    assertThat(notifier.messagesLeft()).as("messages left on the queue").isZero();
  }

  // ---------------------------------------------------------------- runs

  private void runReference(Path events) {
    RunConfig config =
        new RunConfig(
            events.toString(),
            tables("reference").toString(),
            dir.resolve("reference/checkpoint").toString(),
            true,
            Duration.ofSeconds(1),
            1000,
            "local[2]",
            Map.of());
    new Pipeline(config, PipelineHarness.spark()).run();
  }

  /** The children's settings, for the last run in this JVM (whose session has S3Mock's). */
  private RunConfig lastRun(S3MockServer s3) {
    return new RunConfig(
            PREFIX,
            tables("crashed").toString(),
            checkpoint().toString(),
            true,
            Duration.ofSeconds(1),
            MAX_FILES,
            "local[2]",
            Map.of())
        .with(Setting.SOURCE, "sqs")
        .with(Setting.QUEUE_URL, queueUrl)
        .with(Setting.SQS_ENDPOINT, sqs.endpoint())
        .with(Setting.SQS_REGION, S3MockServer.REGION);
  }

  private ChildPipeline start(S3MockServer s3) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--source",
                "sqs",
                "--queue-url",
                queueUrl,
                "--sqs-endpoint",
                sqs.endpoint(),
                "--input",
                PREFIX,
                "--tables",
                tables("crashed").toString(),
                "--checkpoint",
                checkpoint().toString(),
                "--max-files-per-trigger",
                Integer.toString(MAX_FILES)));
    s3.sparkSettings().forEach((key, value) -> args.addAll(List.of("--conf", key + "=" + value)));
    return ChildPipeline.start(dir.resolve("crashed.log"), args, s3.credentialsEnv());
  }

  private Path tables(String name) {
    return dir.resolve(name).resolve("tables");
  }

  private Path checkpoint() {
    return dir.resolve("crashed").resolve("checkpoint");
  }

  /** File name and reason of each quarantined input, wherever it was read from. */
  private List<String> quarantined(String run) {
    return PipelineHarness.spark()
        .read()
        .format("delta")
        .load(tables(run).resolve("quarantine").toString())
        .select("source", "reason")
        .collectAsList()
        .stream()
        .map(
            row ->
                row.getString(0).substring(row.getString(0).lastIndexOf('/') + 1)
                    + " "
                    + row.getString(1))
        .sorted()
        .toList();
  }
}
