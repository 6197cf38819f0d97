package io.orderstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The lifecycle fixture drained by the folder source in one batch, once per test JVM: the tables
 * the same events must end in whichever way they arrive (S3 listing, SQS, Kafka). Each of those
 * test classes used to run it for itself, a warm batch and eleven table creations each.
 *
 * <p>Shared, so read only: compare with its tables, never run a pipeline on its folders.
 */
public final class LifecycleReference {
  public static final String FIXTURE = "lifecycle";

  private static PipelineHarness reference;

  private LifecycleReference() {}

  /** The reference's tables, made on first use. */
  public static synchronized Path tables() {
    if (reference == null) {
      Path root =
          Path.of("target", "lifecycle-reference-" + ProcessHandle.current().pid())
              .toAbsolutePath();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
      PipelineHarness harness =
          new PipelineHarness(root).add(FIXTURE, PipelineHarness.fixtureNames(FIXTURE));
      assertThat(harness.runOnce().batches()).as("the reference run's batches").isEqualTo(1);
      reference = harness;
    }
    return reference.tables();
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover folder under target/ is harmless; mvn clean removes it
    }
  }
}
