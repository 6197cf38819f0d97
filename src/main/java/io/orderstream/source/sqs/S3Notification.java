package io.orderstream.source.sqs;

import java.util.List;

/**
 * What one SQS message says, read by {@link S3Notifications}: the objects it announces as created,
 * or why it announces none (an {@code s3:TestEvent}, a message that is no S3 event, or S3 records
 * of other kinds such as deletions).
 *
 * @param objects the created objects, in the order of the message's records; empty when none
 * @param ignored why the message names no object to read, or null when it names some
 */
public record S3Notification(List<S3Object> objects, String ignored) {

  /** One created object: its bucket, its key (decoded), size and the store's ordering token. */
  public record S3Object(String bucket, String key, long size, String sequencer) {
    /** The object's s3a URI, the input's name as the quarantine and the source log show it. */
    public String uri() {
      return "s3a://" + bucket + "/" + key;
    }
  }

  static S3Notification of(List<S3Object> objects) {
    return new S3Notification(
        List.copyOf(objects), objects.isEmpty() ? "no ObjectCreated record" : null);
  }

  static S3Notification ignored(String why) {
    return new S3Notification(List.of(), why);
  }
}
