package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ 1.7.1 (an SQS-compatible server) in its own JVM, bound to 127.0.0.1 on a free port,
 * configured by a generated HOCON file. One server serves the whole test JVM ({@link #shared()});
 * tests create queues of their own through {@link #createQueue}.
 */
public final class ElasticMqServer {
  private static ElasticMqServer shared;

  private final ServerProcess process;
  private final String endpoint;

  private ElasticMqServer(ServerProcess process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The test JVM's server, started on first use and stopped when the JVM exits. */
  public static synchronized ElasticMqServer shared() {
    if (shared == null || !shared.process.alive()) {
      shared = start(Path.of("target", "servers", "elasticmq-" + ProcessHandle.current().pid()));
    }
    return shared;
  }

  public static ElasticMqServer start(Path folder) {
    int port = ServerProcess.freePort();
    Path config = folder.resolve("elasticmq.conf").toAbsolutePath();
    try {
      Files.createDirectories(folder);
      Files.writeString(config, hocon(port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> args =
        List.of(
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "-Dconfig.file=" + config,
            "-cp",
            ServerJars.elasticMqClasspath(),
            "org.elasticmq.server.Main");
    String endpoint = "http://127.0.0.1:" + port;
    return new ElasticMqServer(
        ServerProcess.start(
            "ElasticMQ", args, folder.resolve("elasticmq.log"), endpoint + "/?Action=ListQueues"),
        endpoint);
  }

  /** The server's configuration: SQS only, on 127.0.0.1, queues created by the tests. */
  static String hocon(int port) {
    return String.join(
        "\n",
        "include classpath(\"application.conf\")",
        "node-address { protocol = http, host = \"127.0.0.1\", port = "
            + port
            + ", context-path = \"\" }",
        "rest-sqs { enabled = true, bind-port = "
            + port
            + ", bind-hostname = \"127.0.0.1\", sqs-limits = strict }",
        "rest-stats { enabled = false }",
        "");
  }

  public String endpoint() {
    return endpoint;
  }

  /** Creates a queue with this visibility timeout and returns its URL. */
  public String createQueue(String name, int visibilityTimeoutSeconds) {
    try (SqsClient sqs = client()) {
      return sqs.createQueue(
              b ->
                  b.queueName(name)
                      .attributes(
                          java.util.Map.of(
                              QueueAttributeName.VISIBILITY_TIMEOUT,
                              Integer.toString(visibilityTimeoutSeconds))))
          .queueUrl();
    }
  }

  /** An SQS client for the test's own sends and receives. */
  public SqsClient client() {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.of(S3MockServer.REGION))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3MockServer.ACCESS_KEY, S3MockServer.SECRET_KEY)))
        .build();
  }
}
