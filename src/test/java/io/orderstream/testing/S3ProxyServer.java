package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy 4.1.0 in its own JVM on 127.0.0.1, objects on local disk, and, unlike S3Mock, checking
 * every request's AWS signature against one key pair: the server for proving what a user with wrong
 * credentials sees. Started per test class and closed by it.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "proxy-access-key";
  public static final String SECRET_KEY = "proxy-secret-key";
  public static final String REGION = "us-east-1";

  private final ServerProcess process;
  private final String endpoint;

  private S3ProxyServer(ServerProcess process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static S3ProxyServer start(Path folder) {
    int port = ServerProcess.freePort();
    String endpoint = "http://127.0.0.1:" + port;
    Path properties = folder.resolve("s3proxy.properties").toAbsolutePath();
    try {
      Files.createDirectories(folder.resolve("store"));
      Files.writeString(
          properties,
          String.join(
              "\n",
              "s3proxy.endpoint=" + endpoint,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + ACCESS_KEY,
              "s3proxy.credential=" + SECRET_KEY,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + folder.resolve("store").toAbsolutePath(),
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            ServerJars.s3Proxy().toString(),
            "--properties",
            properties.toString());
    // an unsigned request is answered (403), which is all readiness needs
    return new S3ProxyServer(
        ServerProcess.start("S3Proxy", args, folder.resolve("s3proxy.log"), endpoint + "/"),
        endpoint);
  }

  public String endpoint() {
    return endpoint;
  }

  /** Creates a bucket with the right credentials, through the S3 API. */
  public S3ProxyServer createBucket(String bucket) {
    try (S3Client client = client()) {
      client.createBucket(b -> b.bucket(bucket));
    }
    return this;
  }

  /** Writes an object with the right credentials, through the S3 API. */
  public S3ProxyServer putObject(String bucket, String key, String content) {
    try (S3Client client = client()) {
      client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }
    return this;
  }

  private S3Client client() {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  @Override
  public void close() {
    process.close();
  }
}
