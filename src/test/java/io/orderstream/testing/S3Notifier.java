package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Plays S3's part in notification mode, which no local S3 server does: uploads an object to the
 * local S3 server and sends the standard S3 event notification for it (key URL-encoded, a space as
 * '+') to a local SQS queue.
 */
public final class S3Notifier {
  private static final AtomicLong SEQUENCER = new AtomicLong(0x5F000000L);

  private final FileSystem s3;
  private final SqsClient sqs;
  private final String queueUrl;

  public S3Notifier(Configuration hadoop, String bucket, SqsClient sqs, String queueUrl) {
    try {
      this.s3 = new org.apache.hadoop.fs.Path("s3a://" + bucket + "/").getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  /** Uploads {@code file} as {@code key} and announces it. */
  public void upload(String bucket, String key, Path file) {
    try {
      s3.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(file.toUri()),
          new org.apache.hadoop.fs.Path("s3a://" + bucket + "/" + key));
      notifyCreated(bucket, key, Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends an ObjectCreated:Put notification for {@code key} (whether or not the object exists). */
  public void notifyCreated(String bucket, String key, long size) {
    send(createdEvent(bucket, key, size));
  }

  public void send(String body) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
  }

  public static String createdEvent(String bucket, String key, long size) {
    String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
        + "\"eventTime\":\"2026-11-29T12:00:00.000Z\",\"eventName\":\"ObjectCreated:Put\","
        + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
        + bucket
        + "\",\"arn\":\"arn:aws:s3:::"
        + bucket
        + "\"},"
        + "\"object\":{\"key\":\""
        + encoded
        + "\",\"size\":"
        + size
        + ",\"sequencer\":\""
        + Long.toHexString(SEQUENCER.incrementAndGet()).toUpperCase()
        + "\"}}}]}";
  }

  public static String testEvent(String bucket) {
    return "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-29T12:00:00.000Z\","
        + "\"Bucket\":\""
        + bucket
        + "\",\"RequestId\":\"TEST\",\"HostId\":\"TEST\"}";
  }

  /** Messages on the queue, visible and in flight. */
  public long messagesLeft() {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Long.parseLong(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** Messages received but neither deleted nor visible again yet. */
  public long inFlight() {
    return Long.parseLong(
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }
}
