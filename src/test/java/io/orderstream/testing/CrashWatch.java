package io.orderstream.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the crash tests share: a backlog with the usual trouble in it, and a child pipeline watched
 * through what it writes ({@link CrashSite}) until it reaches the point where it is to be killed.
 *
 * @param checkpoint the killed pipeline's checkpoint
 * @param tables the killed pipeline's tables
 * @param patience how long a child may take to reach a kill point; guards against a child that
 *     hangs, no assertion is about time
 */
public record CrashWatch(Path checkpoint, Path tables, Duration patience) {

  /**
   * Polls what the child has written until {@code reached} holds; fails if the child exits first.
   */
  public void awaitSite(ChildPipeline child, Predicate<CrashSite> reached)
      throws InterruptedException {
    Instant giveUp = Instant.now().plus(patience);
    while (!reached.test(CrashSite.of(checkpoint, tables))) {
      assertThat(child.alive())
          .as("the child is still running; its log:%n%s", child.log())
          .isTrue();
      assertThat(Instant.now())
          .as("the child reached the kill point in time; its log:%n%s", child.log())
          .isBefore(giveUp);
      Thread.sleep(5);
    }
  }

  /** SIGKILL for a child that must still be running; returns where it stopped. */
  public CrashSite kill(ChildPipeline child) throws InterruptedException {
    assertThat(child.alive())
        .as("the child is still running at its kill; its log:%n%s", child.log())
        .isTrue();
    child.kill();
    return CrashSite.of(checkpoint, tables);
  }

  /**
   * Writes generated events of {@code orders} orders (duplicates, late events) and two bad files
   * into {@code events}; returns the files in an order shuffled by {@code seed}.
   */
  public static List<Path> backlog(Path events, int orders, long seed) throws IOException {
    EventWriter.write(
        SampleGenerator.generate(GeneratorSpec.of(orders, seed).withDuplicates(0.05).withLate(0.1)),
        events);
    for (String bad : List.of("not-json.json", "truncated.json")) {
      Files.copy(PipelineHarness.fixture("bad").resolve(bad), events.resolve(bad));
    }
    List<Path> files;
    try (Stream<Path> listed = Files.list(events)) {
      files = new ArrayList<>(listed.sorted().toList());
    }
    Collections.shuffle(files, new Random(seed));
    return files;
  }
}
