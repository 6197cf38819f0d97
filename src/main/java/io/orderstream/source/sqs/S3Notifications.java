package io.orderstream.source.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.source.sqs.S3Notification.S3Object;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of an SQS message as an S3 event notification, the JSON S3 sends to a queue (or to
 * an SNS topic, which wraps it as a string in {@code Message}): {@code Records[]} with {@code
 * eventSource} "aws:s3", {@code eventName} "ObjectCreated:*", and {@code s3.bucket.name}, {@code
 * s3.object.key} (URL-encoded, a space as '+'), {@code size}, {@code sequencer}.
 *
 * <p>Parsed with Jackson, which Spark already carries, rather than the SDK's event-notification
 * module: four fields are needed, and a message that is not an S3 event must be recognised as such,
 * not fail.
 */
public final class S3Notifications {
  private static final ObjectMapper JSON = new ObjectMapper();

  private S3Notifications() {}

  public static S3Notification parse(String body) {
    JsonNode root = tree(body);
    if (root == null || !root.isObject()) {
      return S3Notification.ignored("not JSON");
    }
    if (root.path("Type").asText().equals("Notification") && root.path("Message").isTextual()) {
      return parse(root.path("Message").asText()); // delivered through SNS
    }
    if (root.path("Event").asText().equals("s3:TestEvent")) {
      return S3Notification.ignored("s3:TestEvent");
    }
    if (!root.path("Records").isArray()) {
      return S3Notification.ignored("not an S3 event notification");
    }
    List<S3Object> created = new ArrayList<>();
    for (JsonNode record : root.path("Records")) {
      if (record.path("eventSource").asText().equals("aws:s3")
          && record.path("eventName").asText().startsWith("ObjectCreated:")) {
        JsonNode s3 = record.path("s3");
        String bucket = s3.path("bucket").path("name").asText("");
        String key = decode(s3.path("object").path("key").asText(""));
        if (!bucket.isEmpty() && !key.isEmpty()) {
          created.add(
              new S3Object(
                  bucket,
                  key,
                  s3.path("object").path("size").asLong(-1),
                  s3.path("object").path("sequencer").asText("")));
        }
      }
    }
    return S3Notification.of(created);
  }

  /** S3 encodes keys as HTML forms do: '+' is a space, '%2B' a plus. */
  static String decode(String key) {
    try {
      return URLDecoder.decode(key, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return key; // a '%' without two hex digits after it: S3 did not encode this key
    }
  }

  private static JsonNode tree(String body) {
    try {
      return body == null ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
