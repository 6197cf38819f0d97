package io.orderstream.testing;

/**
 * AWS keys set as the JVM's {@code aws.accessKeyId} and {@code aws.secretAccessKey} properties, the
 * one link of the AWS SDK's default credentials chain a test JVM can change (it cannot set its own
 * environment). The SQS client reads the chain; closing clears both properties, so the next test
 * starts without keys.
 */
public final class AwsKeyProperties implements AutoCloseable {
  private static final String ACCESS_KEY = "aws.accessKeyId";
  private static final String SECRET_KEY = "aws.secretAccessKey";

  private AwsKeyProperties() {}

  public static AwsKeyProperties set(String accessKey, String secretKey) {
    System.setProperty(ACCESS_KEY, accessKey);
    System.setProperty(SECRET_KEY, secretKey);
    return new AwsKeyProperties();
  }

  /** The keys of the local S3 and SQS servers the tests start (S3Mock's; ElasticMQ takes any). */
  public static AwsKeyProperties setLocal() {
    return set(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY);
  }

  /** Clears both properties, whoever set them. */
  public static void clear() {
    System.clearProperty(ACCESS_KEY);
    System.clearProperty(SECRET_KEY);
  }

  @Override
  public void close() {
    clear();
  }
}
