package io.orderstream.source.sqs;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import io.orderstream.error.StorageFailure;
import io.orderstream.source.InputSource;
import io.orderstream.source.inputs.InputStreams;
import io.orderstream.store.FailFast;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * S3 event notifications on an SQS queue ({@code --source sqs}): each micro-batch reads exactly the
 * objects the notifications name, never lists a bucket, and the messages are deleted once the batch
 * is in every table (see {@link SqsDiscovery} for when, and why that is safe).
 *
 * <p>{@code --input}, when given as {@code s3a://bucket/prefix/}, limits which objects are read;
 * left at its default, every notified object is read. Objects are read through s3a, configured by
 * the usual {@code spark.hadoop.fs.s3a.*} settings.
 */
public final class SqsInputSource implements InputSource {
  private final RunConfig config;
  private final SqsSettings settings;
  private SqsDiscovery discovery;

  public SqsInputSource(RunConfig config) {
    this.config = config;
    this.settings = SqsSettings.of(config);
  }

  @Override
  public void validate(SparkSession spark) {
    try (SqsQueue queue = settings.open()) {
      settings.check(queue);
    }
    settings.prefix().ifPresent(prefix -> requireBucket(spark, prefix));
  }

  @Override
  public Dataset<Row> stream(SparkSession spark) {
    discovery = new SqsDiscovery(settings.open(), settings.prefix().orElse(null));
    return InputStreams.of(spark, discovery, config);
  }

  /** The batch is in every table and its manifest: its messages can go (see SqsDiscovery). */
  @Override
  public void batchCommitted(long batchId) {
    if (discovery != null) {
      discovery.deleteReceived(batchId);
    }
  }

  @Override
  public void close() {
    if (discovery != null) {
      discovery.stop();
    }
  }

  @Override
  public String describe() {
    return "S3 notifications on "
        + settings.queueUrl()
        + settings.prefix().map(p -> " for objects under " + p).orElse("");
  }

  /**
   * Looks the prefix up once: a missing bucket, an unreachable endpoint or refused credentials stop
   * the run here, naming the input, instead of failing its first batch. The bucket probe alone
   * would not do: s3a takes a 403 on it to mean the bucket exists. A prefix with nothing under it
   * yet is fine. This needs s3:ListBucket on the prefix, as reading tables on S3 does anyway.
   */
  private void requireBucket(SparkSession spark, String prefix) {
    Path path = new Path(prefix);
    try (FileSystem fs = FailFast.open(path, spark.sparkContext().hadoopConfiguration())) {
      fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      // nothing under the prefix yet: notifications will name what arrives
    } catch (IOException | RuntimeException e) {
      throw Errors.invalidSetting(
          Setting.INPUT.key(),
          config.input(),
          "an s3a://bucket/prefix/ in a bucket that exists and can be reached, but "
              + StorageFailure.of(e).explain());
    }
  }
}
