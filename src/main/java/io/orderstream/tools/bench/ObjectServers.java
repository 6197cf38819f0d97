package io.orderstream.tools.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local S3 and SQS servers the objects part measures against (such as those {@code
 * scripts/s3-local} starts), and how each party reaches them: the measured runs through the
 * standard {@code fs.s3a.*} settings and the AWS chain's environment variables, as a user's run
 * would; the benchmark itself, which uploads and announces the objects, through clients with the
 * same keys. Local servers check no signatures, so the keys are fixed.
 */
record ObjectServers(URI s3, URI sqs) {
  static final String REGION = "us-east-1";
  private static final String ACCESS_KEY = "orderstream-bench";
  private static final String SECRET_KEY = "orderstream-bench";

  /** The standard s3a settings for the S3 server, without credentials. */
  Map<String, String> s3aSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.endpoint", s3.toString());
    settings.put("fs.s3a.endpoint.region", REGION);
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.s3a.connection.ssl.enabled", Boolean.toString("https".equals(s3.getScheme())));
    return settings;
  }

  /** The s3a settings as the {@code --conf spark.hadoop.*} arguments of {@code orderstream run}. */
  List<String> runConfArguments() {
    List<String> args = new ArrayList<>();
    s3aSettings()
        .forEach(
            (key, value) -> args.addAll(List.of("--conf", "spark.hadoop." + key + "=" + value)));
    return args;
  }

  /** What a measured run's environment adds: the AWS chain's standard variables. */
  Map<String, String> credentialsEnvironment() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", REGION);
  }

  /** Hadoop settings for the benchmark's own uploads: the s3a settings and the keys. */
  Configuration hadoop() {
    Configuration hadoop = new Configuration();
    s3aSettings().forEach(hadoop::set);
    hadoop.set("fs.s3a.access.key", ACCESS_KEY);
    hadoop.set("fs.s3a.secret.key", SECRET_KEY);
    return hadoop;
  }

  S3Client s3Client() {
    return S3Client.builder()
        .endpointOverride(s3)
        .forcePathStyle(true)
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .build();
  }

  SqsClient sqsClient() {
    return SqsClient.builder()
        .endpointOverride(sqs)
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }
}
