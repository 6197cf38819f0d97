package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.sink.ManifestLog;
import io.orderstream.testing.ChildPipeline;
import io.orderstream.testing.LifecycleReference;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.S3MockServer;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * S3 end to end on a real local S3 server (S3Mock): input, tables and checkpoint all on s3a://, the
 * pipeline in its own JVM configured by nothing but {@code spark.hadoop.fs.s3a.*} settings and
 * credentials from the standard AWS environment variables. The tables must equal those the folder
 * source makes from the same events ({@code orderstream check --same-as}), and everything the
 * project writes outside Delta must be there under its final name, with no temporary object left.
 */
@SparkTest
class S3PipelineTest {
  private static final String BUCKET = "s3-pipeline-test";
  private static final String ROOT = "s3a://" + BUCKET;

  @TempDir static Path dir;
  private static S3MockServer s3;
  private static FileSystem bucket;
  private static ChildPipeline child;

  @BeforeAll
  static void runBothPipelines() throws Exception {
    s3 = S3MockServer.shared().createBucket(BUCKET);
    Configuration hadoop = PipelineHarness.spark().sparkContext().hadoopConfiguration();
    s3.configure(hadoop);
    bucket = new org.apache.hadoop.fs.Path(ROOT + "/").getFileSystem(hadoop);
    for (String name : PipelineHarness.fixtureNames(LifecycleReference.FIXTURE)) {
      bucket.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(
              PipelineHarness.fixture(LifecycleReference.FIXTURE).resolve(name).toUri()),
          new org.apache.hadoop.fs.Path(ROOT + "/incoming/" + name));
    }
    // 14 of the 26 objects per batch: two batches, so the second lists the prefix after the first
    // committed (each batch of a cold child JVM costs about half a minute, so not three).
    List<String> args =
        new ArrayList<>(
            List.of(
                "--input",
                ROOT + "/incoming/",
                "--tables",
                ROOT + "/tables",
                "--checkpoint",
                ROOT + "/checkpoint",
                "--max-files-per-trigger",
                "14"));
    s3.sparkSettings().forEach((key, value) -> args.addAll(List.of("--conf", key + "=" + value)));
    child = ChildPipeline.start(dir.resolve("s3-run.log"), args, s3.credentialsEnv());
    LifecycleReference.tables(); // made beside the child when no earlier class made it
    assertThat(child.exitCode()).as("the s3a run's exit code; its log:%n%s", child.log()).isZero();
  }

  @Test
  void lifecycleThroughS3ListingEndsInTheFolderSourcesTables() {
    StringWriter out = new StringWriter();
    CommandLine cli =
        Main.commandLine(
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                return type == CheckCommand.class
                    ? type.cast(
                        new CheckCommand(
                            java.util.Map.of(),
                            java.nio.file.Path.of("").toAbsolutePath(),
                            SparkSessionSource.existing(PipelineHarness.spark())))
                    : CommandLine.defaultFactory().create(type);
              }
            });
    cli.setOut(new PrintWriter(out));

    int exit =
        cli.execute(
            "check",
            "--tables",
            ROOT + "/tables",
            "--same-as",
            LifecycleReference.tables().toString());

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("same rows").doesNotContain("FAIL");
  }

  @Test
  void s3RunWritesIdentityAndManifestsUnderFinalNamesWithNoTemporaryObjects() throws IOException {
    List<String> keys = keys(ROOT + "/");

    assertThat(keys).contains("checkpoint/" + "orderstream.properties");
    assertThat(keys)
        .filteredOn(k -> k.startsWith("tables/" + ManifestLog.FOLDER + "/"))
        .isNotEmpty()
        .allMatch(k -> k.matches(".*/\\d{20}\\.json"));
    assertThat(keys)
        .as("temporary or probe objects left behind")
        .noneMatch(k -> k.endsWith(".tmp") || k.contains("orderstream-write-check"));
    assertThat(child.log()).contains("Started");
  }

  private static List<String> keys(String root) throws IOException {
    List<String> keys = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files =
        bucket.listFiles(new org.apache.hadoop.fs.Path(root), true);
    while (files.hasNext()) {
      keys.add(files.next().getPath().toUri().getPath().substring(1));
    }
    return keys;
  }
}
