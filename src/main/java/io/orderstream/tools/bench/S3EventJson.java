package io.orderstream.tools.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The notification S3 sends to a queue when an object is created, for servers that send none (no
 * local S3 server publishes notifications): one {@code ObjectCreated:Put} record in the standard S3
 * event JSON, the key URL-encoded as S3 encodes it (a space as '+', '/' kept).
 */
final class S3EventJson {
  private S3EventJson() {}

  /** {@code sequencer}: orders events of one key, as S3's hexadecimal sequencer does. */
  static String created(String bucket, String key, long size, long sequencer) {
    String encodedKey = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\""
        + ObjectServers.REGION
        + "\","
        + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\","
        + "\"bucket\":{\"name\":\""
        + bucket
        + "\",\"arn\":\"arn:aws:s3:::"
        + bucket
        + "\"},"
        + "\"object\":{\"key\":\""
        + encodedKey
        + "\",\"size\":"
        + size
        + ","
        + "\"sequencer\":\""
        + Long.toHexString(sequencer).toUpperCase(Locale.ROOT)
        + "\"}}}]}";
  }
}
