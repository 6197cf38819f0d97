package io.orderstream.source.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queue the notifications arrive on: receive, delete, and the start-up check. A thin layer over
 * the AWS SDK's SQS client, so the discovery reads as what it does with messages.
 *
 * <p>Credentials come from the SDK's default chain (environment variables, system properties,
 * profile, container or instance role). The client fails fast (few retries, short timeouts): a
 * queue that cannot be reached is reported at start-up, not retried for minutes.
 */
public final class SqsQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqsQueue.class);

  /** The most SQS returns or deletes per call. */
  static final int MAX_PER_CALL = 10;

  private final SqsClient client;
  private final String queueUrl;

  SqsQueue(SqsClient client, String queueUrl) {
    this.client = client;
    this.queueUrl = queueUrl;
  }

  /**
   * A client for {@code queueUrl}: through {@code endpoint} when given (a non-AWS server), in
   * {@code region}, or the SDK's region chain (AWS_REGION, profile) when null.
   */
  public static SqsQueue open(String queueUrl, String endpoint, String region) {
    SqsClientBuilder builder =
        SqsClient.builder()
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .retryStrategy(RetryMode.STANDARD)
                    .apiCallTimeout(Duration.ofSeconds(40))
                    .build());
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    if (region != null) {
      builder.region(Region.of(region));
    }
    return new SqsQueue(builder.build(), queueUrl);
  }

  /** Reads the queue's visibility timeout: fails when the queue or its endpoint is not there. */
  public Duration visibilityTimeout() {
    String seconds =
        client
            .getQueueAttributes(
                b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
            .attributes()
            .get(QueueAttributeName.VISIBILITY_TIMEOUT);
    return Duration.ofSeconds(Long.parseLong(seconds));
  }

  /** Up to {@link #MAX_PER_CALL} messages; waits up to {@code wait} for the first one. */
  public List<Message> receive(Duration wait) {
    return client
        .receiveMessage(
            b ->
                b.queueUrl(queueUrl)
                    .maxNumberOfMessages(MAX_PER_CALL)
                    .waitTimeSeconds((int) wait.toSeconds()))
        .messages();
  }

  /**
   * Deletes messages by receipt handle. A handle that is no longer valid (the message became
   * visible again and was received anew) is logged: the newer delivery is deleted when it is seen.
   */
  public void delete(List<String> receiptHandles) {
    for (int start = 0; start < receiptHandles.size(); start += MAX_PER_CALL) {
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      List<String> chunk =
          receiptHandles.subList(start, Math.min(receiptHandles.size(), start + MAX_PER_CALL));
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(chunk.get(i))
                .build());
      }
      DeleteMessageBatchResponse response =
          client.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      response
          .failed()
          .forEach(
              f ->
                  LOG.warn(
                      "Could not delete a message from {}: {} {}; it will be received again and skipped",
                      queueUrl,
                      f.code(),
                      f.message()));
    }
  }

  public String url() {
    return queueUrl;
  }

  @Override
  public void close() {
    client.close();
  }
}
