package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The object runs get the folder run's settings (same batch size, their own tables and checkpoint)
 * and differ only in what they read and how they reach the servers.
 */
class ObjectsBenchTest {
  private static final List<String> RUN = List.of("io.orderstream.cli.Main", "run");
  private static final ObjectServers SERVERS =
      new ObjectServers(URI.create("http://127.0.0.1:9191"), URI.create("http://127.0.0.1:9324"));
  private static final String PREFIX = "s3a://orderstream-bench/backlog-1/";
  private static final Path FOLDER = Path.of("work/objects/s3");

  @Test
  void listingRunIsTheFolderRunReadingThePrefixWithTheS3aSettings() {
    List<String> listing =
        ObjectsBench.listingArguments(RUN, PREFIX, FOLDER, BenchSize.SMALL, SERVERS);

    List<String> folderRun = BacklogBench.runArguments(RUN, PREFIX, FOLDER, BenchSize.SMALL);
    assertThat(listing.subList(0, folderRun.size())).isEqualTo(folderRun);
    assertThat(listing.subList(folderRun.size(), listing.size()))
        .containsExactly(
            "--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9191",
            "--conf", "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
            "--conf", "spark.hadoop.fs.s3a.path.style.access=true",
            "--conf", "spark.hadoop.fs.s3a.connection.ssl.enabled=false");
    assertThat(String.join(" ", listing))
        .startsWith("run --once --input " + PREFIX)
        .contains("--max-files-per-trigger " + BenchSize.SMALL.backlogFilesPerTrigger())
        .contains(
            "--tables " + FOLDER.resolve("tables"), "--checkpoint " + FOLDER.resolve("checkpoint"))
        .doesNotContain("--source", "access.key", "secret.key");
  }

  @Test
  void notificationRunAddsTheQueueAndItsEndpoint() {
    String queue = "http://127.0.0.1:9324/000000000000/orderstream-bench-1";

    List<String> sqs =
        ObjectsBench.notificationArguments(RUN, PREFIX, FOLDER, BenchSize.SMALL, SERVERS, queue);

    List<String> added = new ArrayList<>(sqs);
    added.removeAll(ObjectsBench.listingArguments(RUN, PREFIX, FOLDER, BenchSize.SMALL, SERVERS));
    assertThat(added)
        .containsExactly(
            "--source", "sqs", "--queue-url", queue, "--sqs-endpoint", "http://127.0.0.1:9324");
  }

  @Test
  void measuredRunsGetTheirCredentialsFromTheAwsChainsVariables() {
    assertThat(SERVERS.credentialsEnvironment())
        .containsOnlyKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION");
    assertThat(SERVERS.hadoop().get("fs.s3a.access.key"))
        .isEqualTo(SERVERS.credentialsEnvironment().get("AWS_ACCESS_KEY_ID"));
    assertThat(new ObjectServers(URI.create("https://s3.local"), SERVERS.sqs()).s3aSettings())
        .containsEntry("fs.s3a.connection.ssl.enabled", "true");
  }
}
