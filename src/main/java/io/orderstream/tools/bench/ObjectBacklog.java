package io.orderstream.tools.bench;

import io.orderstream.error.Errors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Puts the backlog where the object runs read it: the files uploaded through Hadoop's s3a file
 * system under a prefix of their own in the bench bucket, and one S3 event notification per object
 * sent to a new queue, as S3 would send them. Neither is timed.
 */
final class ObjectBacklog {
  static final String BUCKET = "orderstream-bench";

  /** Uploads side by side: the server, not the benchmark, should be what limits them. */
  private static final int UPLOADERS = 4;

  /** The most entries SQS takes in one batch send. */
  private static final int SEND_BATCH = 10;

  /** Longer than any measured batch, so no message reappears while its batch runs. */
  private static final int VISIBILITY_SECONDS = 900;

  private ObjectBacklog() {}

  /**
   * Creates the bucket when missing; fails naming {@code --s3-endpoint} when the server cannot be
   * used.
   */
  static void createBucket(ObjectServers servers) {
    try (S3Client s3 = servers.s3Client()) {
      if (!exists(s3)) {
        try {
          s3.createBucket(b -> b.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException createdMeanwhile) {
          // another benchmark created it since the head request: what was wanted
        }
      }
    } catch (SdkException e) {
      throw Errors.invalidSetting(
          "--s3-endpoint",
          servers.s3().toString(),
          "a running S3 server such as the one scripts/s3-local starts (" + firstLine(e) + ")");
    }
  }

  private static boolean exists(S3Client s3) {
    try {
      s3.headBucket(b -> b.bucket(BUCKET));
      return true;
    } catch (NoSuchBucketException missing) {
      return false;
    }
  }

  /**
   * Uploads {@code files} as {@code prefix + file name}; {@code prefix} is an s3a URI ending in
   * '/'.
   */
  static void upload(ObjectServers servers, List<Path> files, String prefix) {
    ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADERS);
    try (FileSystem s3 = FileSystem.newInstance(java.net.URI.create(prefix), servers.hadoop())) {
      List<Future<Void>> uploads = new ArrayList<>();
      for (Path file : files) {
        uploads.add(
            uploaders.submit(
                () -> {
                  s3.copyFromLocalFile(
                      new org.apache.hadoop.fs.Path(file.toUri()),
                      new org.apache.hadoop.fs.Path(prefix + file.getFileName()));
                  return null;
                }));
      }
      for (Future<Void> upload : uploads) {
        upload.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot upload the backlog to " + prefix + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Cannot upload the backlog to " + prefix + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while uploading the backlog", e);
    } finally {
      uploaders.shutdownNow();
    }
  }

  /**
   * Creates queue {@code name}; fails naming {@code --sqs-endpoint} when the server cannot be used.
   */
  static String createQueue(ObjectServers servers, String name) {
    try (SqsClient sqs = servers.sqsClient()) {
      return sqs.createQueue(
              b ->
                  b.queueName(name)
                      .attributes(
                          Map.of(
                              QueueAttributeName.VISIBILITY_TIMEOUT,
                              Integer.toString(VISIBILITY_SECONDS))))
          .queueUrl();
    } catch (SdkException e) {
      throw Errors.invalidSetting(
          "--sqs-endpoint",
          servers.sqs().toString(),
          "a running SQS server such as the one scripts/s3-local starts (" + firstLine(e) + ")");
    }
  }

  /** Sends one ObjectCreated:Put notification per file, for key {@code keyPrefix + file name}. */
  static void announce(ObjectServers servers, String queueUrl, List<Path> files, String keyPrefix) {
    try (SqsClient sqs = servers.sqsClient()) {
      for (int from = 0; from < files.size(); from += SEND_BATCH) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = from; i < Math.min(files.size(), from + SEND_BATCH); i++) {
          String body =
              S3EventJson.created(
                  BUCKET, keyPrefix + files.get(i).getFileName(), size(files.get(i)), i + 1L);
          entries.add(
              SendMessageBatchRequestEntry.builder()
                  .id(Integer.toString(i))
                  .messageBody(body)
                  .build());
        }
        var failed = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed();
        if (!failed.isEmpty()) {
          throw new IllegalStateException(
              "The queue refused " + failed.size() + " notifications: " + failed.get(0).message());
        }
      }
    }
  }

  /** Messages still on the queue, visible or in flight: none once a run has drained it. */
  static long messagesLeft(ObjectServers servers, String queueUrl) {
    try (SqsClient sqs = servers.sqsClient()) {
      Map<QueueAttributeName, String> counts =
          sqs.getQueueAttributes(
                  b ->
                      b.queueUrl(queueUrl)
                          .attributeNames(
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
              .attributes();
      return Long.parseLong(counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
          + Long.parseLong(
              counts.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
  }

  static void deleteQueue(ObjectServers servers, String queueUrl) {
    try (SqsClient sqs = servers.sqsClient()) {
      sqs.deleteQueue(b -> b.queueUrl(queueUrl));
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }
}
