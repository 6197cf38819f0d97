package io.orderstream.source.sqs;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The notification source's settings, checked together: the queue URL (required), an endpoint for a
 * non-AWS server, the region, and the optional s3a prefix objects must be under. Every problem is
 * reported as exit 2 naming the one setting to fix.
 */
record SqsSettings(String queueUrl, String endpoint, String region, Optional<String> prefix) {

  static SqsSettings of(RunConfig config) {
    String queueUrl = config.value(Setting.QUEUE_URL);
    if (queueUrl.isEmpty()) {
      throw Errors.invalidSetting(
          Setting.QUEUE_URL.key(),
          "",
          "the URL of the SQS queue S3 sends its notifications to,"
              + " such as https://sqs.us-east-1.amazonaws.com/123456789012/orders (required with source sqs)");
    }
    requireHttpUrl(Setting.QUEUE_URL, queueUrl);
    String endpoint = config.value(Setting.SQS_ENDPOINT);
    if (!endpoint.isEmpty()) {
      requireHttpUrl(Setting.SQS_ENDPOINT, endpoint);
    }
    return new SqsSettings(
        queueUrl, endpoint.isEmpty() ? null : endpoint, region(config), prefix(config));
  }

  SqsQueue open() {
    try {
      return SqsQueue.open(queueUrl, endpoint, region);
    } catch (SdkClientException e) {
      throw Errors.invalidSetting(
          Setting.SQS_REGION.key(),
          "",
          "an AWS region such as us-east-1, set here or in" + " AWS_REGION (" + reason(e) + ")");
    }
  }

  /** Asks the queue for its attributes: fails, naming the setting, when it cannot be used. */
  void check(SqsQueue queue) {
    try {
      queue.visibilityTimeout();
    } catch (QueueDoesNotExistException e) {
      throw Errors.invalidSetting(
          Setting.QUEUE_URL.key(), queueUrl, "an existing SQS queue (" + reason(e) + ")");
    } catch (SqsException e) {
      int status = e.statusCode();
      String setting = endpoint != null ? Setting.SQS_ENDPOINT.key() : Setting.QUEUE_URL.key();
      throw status == 400 && e.getMessage() != null && e.getMessage().contains("NonExistentQueue")
          ? Errors.invalidSetting(
              Setting.QUEUE_URL.key(), queueUrl, "an existing SQS queue (" + reason(e) + ")")
          : status == 403 || status == 401
              ? Errors.invalidSetting(
                  Setting.QUEUE_URL.key(),
                  queueUrl,
                  "a queue the AWS credentials may read (check "
                      + Errors.AWS_CREDENTIALS_HELP
                      + "; "
                      + reason(e)
                      + ")")
              : Errors.invalidSetting(
                  setting,
                  endpoint != null ? endpoint : queueUrl,
                  "a working SQS endpoint (" + reason(e) + ")");
    } catch (SdkClientException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Unable to load credentials")) {
        // the SDK's own message lists every provider it tried: a screenful for one missing key
        throw Errors.missingAwsCredentials("the SQS queue " + queueUrl);
      }
      String setting = endpoint != null ? Setting.SQS_ENDPOINT.key() : Setting.QUEUE_URL.key();
      throw Errors.invalidSetting(
          setting,
          endpoint != null ? endpoint : queueUrl,
          "an SQS endpoint that can be reached, with AWS credentials in the environment or profile ("
              + reason(e)
              + ")");
    }
  }

  /** The first line of what went wrong, for a one-line message. */
  static String reason(Throwable e) {
    Throwable shown = e;
    while (shown.getMessage() == null && shown.getCause() != null) {
      shown = shown.getCause();
    }
    String message =
        shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }

  private static String region(RunConfig config) {
    String region = config.value(Setting.SQS_REGION);
    if (!region.isEmpty()) {
      return region;
    }
    String fromEnvironment = System.getenv("AWS_REGION");
    return fromEnvironment == null || fromEnvironment.isBlank() ? null : fromEnvironment.strip();
  }

  /**
   * The input setting as a filter: an s3a prefix, or nothing when it was left at its default (the
   * local samples folder, which the resolver may have made absolute, means nothing to a queue). Any
   * other location is a mistake.
   */
  private static Optional<String> prefix(RunConfig config) {
    String input = config.input();
    String unset = Setting.INPUT.defaultValue();
    if (input.equals(unset)
        || input.equals(java.nio.file.Path.of(unset).toAbsolutePath().toString())) {
      return Optional.empty();
    }
    URI uri = URI.create(input.replace(" ", "%20"));
    if (!"s3a".equals(uri.getScheme()) || uri.getAuthority() == null) {
      throw Errors.invalidSetting(
          Setting.INPUT.key(),
          input,
          "with source sqs, an s3a://bucket/prefix/ that notified"
              + " objects must be under, or no input at all");
    }
    return Optional.of(input.endsWith("/") ? input : input + "/");
  }

  private static void requireHttpUrl(Setting<String> setting, String value) {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // reported below with the value
    }
    throw Errors.invalidSetting(setting.key(), value, "an http:// or https:// URL");
  }
}
