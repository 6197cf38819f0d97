package io.orderstream.source.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.source.inputs.InputDiscovery.Limits;
import io.orderstream.source.inputs.InputRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDiscoveryTest {
  private static final Limits NO_LIMIT = new Limits(1000, Long.MAX_VALUE);

  @TempDir Path dir;

  // ---------------------------------------------------------------- names

  @Test
  void namesWithUriAndGlobCharactersAreListedAndTheirUrisLeadBackToTheFile() throws IOException {
    List<String> names =
        List.of(
            "a%20b.json",
            "a%b.json",
            "[x].json",
            "q\"uote.json",
            "c:olon.json",
            "sp ace.json",
            "#hash.json",
            "?q.json",
            "{brace}.json",
            "*star.json",
            "ção.json",
            "new\nline.json",
            "back\\slash.json",
            "%41%20literal.json",
            "100%.json");
    for (String name : names) {
      Files.writeString(dir.resolve(name), name);
    }

    List<InputRef> found = discovery(false).next(uri -> false, NO_LIMIT);

    assertThat(found).hasSize(names.size());
    for (InputRef input : found) {
      Path file = Path.of(URI.create(input.uri()));
      assertThat(Files.readString(file)).isEqualTo(file.getFileName().toString());
      assertThat(input.name()).endsWith(file.getFileName().toString());
    }
  }

  @Test
  void stagingNamesStartingWithDotOrUnderscoreAreSkipped() throws IOException {
    Files.writeString(dir.resolve(".part.json.tmp"), "{}");
    Files.writeString(dir.resolve("_copying.json"), "{}");
    Files.writeString(dir.resolve("ok.json"), "{}");

    assertThat(discovery(false).next(uri -> false, NO_LIMIT))
        .extracting(InputRef::name)
        .singleElement()
        .asString()
        .endsWith("/ok.json");
  }

  // ---------------------------------------------------------------- modification times

  @Test
  void filesWithOldModificationTimesAreOfferedOldestFirst() throws IOException {
    Path recent = Files.writeString(dir.resolve("recent.json"), "{}");
    Path old = Files.writeString(dir.resolve("old.json"), "{}");
    Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));

    assertThat(discovery(false).next(uri -> false, NO_LIMIT))
        .extracting(InputRef::uri)
        .containsExactly(old.toUri().toString(), recent.toUri().toString());
  }

  @Test
  void aFileOlderThanEverythingSeenIsStillOfferedLater() throws IOException {
    FolderDiscovery discovery = discovery(false);
    Files.writeString(dir.resolve("new.json"), "{}");
    Set<String> planned = new HashSet<>();
    discovery.next(planned::contains, NO_LIMIT).forEach(input -> planned.add(input.uri()));

    Path staged = Files.writeString(dir.resolve("staged-a-month-ago.json"), "{}");
    Files.setLastModifiedTime(staged, FileTime.from(Instant.now().minusSeconds(30L * 24 * 3600)));

    assertThat(discovery.next(planned::contains, NO_LIMIT))
        .extracting(InputRef::name)
        .singleElement()
        .asString()
        .endsWith("staged-a-month-ago.json");
  }

  // ---------------------------------------------------------------- sub-folders

  @Test
  void subFoldersAreIgnoredUnlessRecursive() throws IOException {
    Files.createDirectories(dir.resolve("a=1/b=2"));
    Files.writeString(dir.resolve("a=1/inner.json"), "{}");
    Files.writeString(dir.resolve("a=1/b=2/deeper.json"), "{}");
    Files.writeString(dir.resolve("top.json"), "{}");

    assertThat(discovery(false).next(uri -> false, NO_LIMIT))
        .extracting(InputRef::name)
        .singleElement()
        .asString()
        .endsWith("/top.json");
    assertThat(discovery(true).next(uri -> false, NO_LIMIT))
        .extracting(InputRef::name)
        .hasSize(3)
        .anyMatch(name -> name.endsWith("a=1/b=2/deeper.json"));
  }

  // ---------------------------------------------------------------- limits

  @Test
  void aBatchStopsAtTheInputOrByteLimitButTakesAtLeastOneInput() throws IOException {
    for (int i = 0; i < 5; i++) {
      Files.writeString(dir.resolve("f" + i + ".json"), "x".repeat(100));
    }
    FolderDiscovery discovery = discovery(false);

    assertThat(discovery.next(uri -> false, new Limits(3, Long.MAX_VALUE))).hasSize(3);
    assertThat(discovery.next(uri -> false, new Limits(1000, 250))).hasSize(2);
    assertThat(discovery.next(uri -> false, new Limits(1000, 10))).hasSize(1);
  }

  @Test
  void plannedInputsAreNotOfferedAgain() throws IOException {
    Files.writeString(dir.resolve("one.json"), "{}");
    FolderDiscovery discovery = discovery(false);
    String uri = discovery.next(u -> false, NO_LIMIT).get(0).uri();

    assertThat(discovery.next(uri::equals, NO_LIMIT)).isEmpty();
  }

  @Test
  void afterFreezeOnlyFilesPresentThenAreOffered() throws IOException {
    Files.writeString(dir.resolve("before.json"), "{}");
    FolderDiscovery discovery = discovery(false);
    discovery.freeze();
    Files.writeString(dir.resolve("after.json"), "{}");

    assertThat(discovery.next(uri -> false, NO_LIMIT))
        .extracting(InputRef::name)
        .singleElement()
        .asString()
        .endsWith("/before.json");
  }

  // ---------------------------------------------------------------- backlog

  @Test
  void waitingCountsTheFilesABatchWouldOfferThatAreNotPlanned() throws IOException {
    for (int i = 0; i < 4; i++) {
      Files.writeString(dir.resolve("f" + i + ".json"), "{}");
    }
    Files.writeString(dir.resolve(".staged.json"), "{}");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/inner.json"), "{}");
    FolderDiscovery discovery = discovery(false);
    Set<String> planned = new HashSet<>();
    discovery.next(uri -> false, new Limits(1, Long.MAX_VALUE)).forEach(f -> planned.add(f.uri()));

    assertThat(discovery.waiting(planned::contains)).isEqualTo(3);
    assertThat(discovery(true).waiting(planned::contains)).isEqualTo(4);
  }

  // ---------------------------------------------------------------- inputs waiting

  @Test
  void eachPlanningRemembersTheFilesItLeftForLaterBatches() throws IOException {
    for (int i = 0; i < 5; i++) {
      Files.writeString(dir.resolve("e" + i + ".json"), "{}");
    }
    FolderDiscovery discovery = discovery(false);
    assertThat(discovery.waitingAfterLastPlan()).as("before any listing").isEmpty();

    List<InputRef> first = discovery.next(uri -> false, new Limits(2, Long.MAX_VALUE));
    assertThat(first).hasSize(2);
    assertThat(discovery.waitingAfterLastPlan()).hasValue(3);

    Set<String> planned = new HashSet<>();
    first.forEach(input -> planned.add(input.uri()));
    discovery.freeze();
    Files.writeString(dir.resolve("after-freeze.json"), "{}");
    assertThat(discovery.next(planned::contains, NO_LIMIT)).hasSize(3);
    assertThat(discovery.waitingAfterLastPlan())
        .as("a file that landed after run --once began waits for the next run")
        .hasValue(1);
  }

  private FolderDiscovery discovery(boolean recursive) {
    return new FolderDiscovery(dir.toString(), new Configuration(), recursive);
  }
}
