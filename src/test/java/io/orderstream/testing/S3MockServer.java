package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Adobe S3Mock 5.2.0 (the {@code exec} jar from Maven Central) as a local S3 server in its own JVM:
 * plain HTTP on 127.0.0.1 and a free port, objects in a temporary folder. One server serves the
 * whole test JVM ({@link #shared()}); tests use buckets of their own.
 *
 * <p>S3Mock checks no signatures, so any key pair is accepted; the pipelines under test still get
 * theirs from the standard AWS chain ({@link #credentialsEnv()}), which is what a real store needs.
 * S3Mock also opens a second HTTP connector of its own ({@code com.adobe.testing.s3mock.httpPort});
 * it is given a free port too, and the tests never use it.
 */
public final class S3MockServer {
  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key";
  public static final String REGION = "us-east-1";

  private static S3MockServer shared;

  private final ServerProcess process;
  private final String endpoint;

  private S3MockServer(ServerProcess process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The test JVM's server, started on first use and stopped when the JVM exits. */
  public static synchronized S3MockServer shared() {
    if (shared == null || !shared.process.alive()) {
      shared = start(Path.of("target", "servers", "s3mock-" + ProcessHandle.current().pid()));
    }
    return shared;
  }

  public static S3MockServer start(Path folder) {
    int port = ServerProcess.freePort();
    int spare = ServerProcess.freePort();
    try {
      Files.createDirectories(folder.resolve("store"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        List.of(
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            ServerJars.s3Mock().toString(),
            "--server.address=127.0.0.1",
            "--server.port=" + port,
            "--server.ssl.enabled=false",
            "--com.adobe.testing.s3mock.httpPort=" + spare,
            "--com.adobe.testing.s3mock.store.root=" + folder.resolve("store").toAbsolutePath(),
            "--com.adobe.testing.s3mock.store.retain-files-on-exit=false");
    String endpoint = "http://127.0.0.1:" + port;
    return new S3MockServer(
        ServerProcess.start("S3Mock", args, folder.resolve("s3mock.log"), endpoint + "/"),
        endpoint);
  }

  public String endpoint() {
    return endpoint;
  }

  /** Creates a bucket (no-op when it exists). */
  public S3MockServer createBucket(String bucket) {
    try {
      HttpURLConnection put =
          (HttpURLConnection) URI.create(endpoint + "/" + bucket).toURL().openConnection();
      put.setRequestMethod("PUT");
      int status = put.getResponseCode();
      put.disconnect();
      if (status != 200 && status != 409) {
        throw new IllegalStateException(
            "S3Mock answered " + status + " to creating bucket " + bucket);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The standard s3a settings for this server, as {@code spark.hadoop.*} keys a pipeline takes in
   * {@code --conf}; no credentials among them.
   */
  public Map<String, String> sparkSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    s3aSettings().forEach((k, v) -> settings.put("spark.hadoop." + k, v));
    return settings;
  }

  public Map<String, String> s3aSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.endpoint", endpoint);
    settings.put("fs.s3a.endpoint.region", REGION);
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.s3a.connection.ssl.enabled", "false");
    // fail fast when the server is gone instead of retrying for minutes
    settings.put("fs.s3a.attempts.maximum", "2");
    settings.put("fs.s3a.retry.limit", "2");
    return settings;
  }

  /** What a child pipeline's environment holds: the AWS chain's standard variables. */
  public Map<String, String> credentialsEnv() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", REGION);
  }

  /**
   * Applies the s3a settings and, for the test's own reads and writes only, the keys as s3a
   * settings (the test JVM cannot set its own environment variables).
   */
  public void configure(Configuration hadoop) {
    s3aSettings().forEach(hadoop::set);
    hadoop.set("fs.s3a.access.key", ACCESS_KEY);
    hadoop.set("fs.s3a.secret.key", SECRET_KEY);
  }
}
