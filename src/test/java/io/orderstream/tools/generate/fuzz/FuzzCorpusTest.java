package io.orderstream.tools.generate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.event.DecodeResult;
import io.orderstream.event.EventDecoder;
import io.orderstream.event.RejectReason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fuzz corpus is deterministic, covers every shape, and its manifest says what the decoder
 * does.
 */
class FuzzCorpusTest {
  private static final long SMALL_BIG_FILE = 300_000;

  @Test
  void generateSameSpecGivesSameFilesAndManifest() {
    FuzzCorpus first = FuzzCorpus.generate(new FuzzSpec(7, 5, SMALL_BIG_FILE));
    FuzzCorpus again = FuzzCorpus.generate(new FuzzSpec(7, 5, SMALL_BIG_FILE));
    FuzzCorpus other = FuzzCorpus.generate(new FuzzSpec(8, 5, SMALL_BIG_FILE));

    assertThat(again.files())
        .extracting(FuzzFile::name)
        .isEqualTo(first.files().stream().map(FuzzFile::name).toList());
    for (int i = 0; i < first.files().size(); i++) {
      assertThat(again.files().get(i).content())
          .as(first.files().get(i).name())
          .isEqualTo(first.files().get(i).content());
    }
    assertThat(again.manifest().toJson()).isEqualTo(first.manifest().toJson());
    assertThat(other.manifest().winners().keySet())
        .doesNotContainAnyElementsOf(first.manifest().winners().keySet());
  }

  @Test
  void generateCoversEveryReasonAndEveryShapeAsked() {
    FuzzManifest manifest = FuzzCorpus.generate(new FuzzSpec(1, 10, SMALL_BIG_FILE)).manifest();

    // vanished and too-large are decided by the source before any content is decoded
    Set<RejectReason> fromContent =
        EnumSet.complementOf(EnumSet.of(RejectReason.VANISHED, RejectReason.TOO_LARGE));
    assertThat(manifest.quarantinedByReason().keySet())
        .containsExactlyInAnyOrderElementsOf(fromContent.stream().map(RejectReason::code).toList());
    assertThat(manifest.files())
        .extracting(FuzzManifest.FileEntry::kind)
        .contains(
            "truncated-pretty",
            "truncated-line",
            "money-became-object",
            "raw-nul-byte",
            "escaped-nul-in-text",
            "byte-order-mark",
            "byte-order-mark-pretty",
            "empty-file",
            "empty-object",
            "numbers-as-strings",
            "unknown-fields",
            "missing-optional-objects",
            "huge-unknown-string",
            "deep-unknown-nesting",
            "nesting-beyond-parser-limit",
            "latin-1-file",
            "jsonl-crlf-blank-lines",
            "jsonl-line-holding-array",
            "jsonl-every-broken-line",
            "array-every-broken-element",
            "big-jsonl");
    assertThat(manifest.files())
        .anySatisfy(
            f -> {
              assertThat(f.kind()).startsWith("array-with-");
              assertThat(f.events()).isPositive();
            });
    assertThat(manifest.events() + manifest.quarantined()).isEqualTo(manifest.inputs());
    assertThat(manifest.mustKeep()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void decoderGivesEveryInputTheOutcomeTheManifestNames(long seed) {
    EventDecoder decoder = new EventDecoder();
    FuzzCorpus corpus = FuzzCorpus.generate(new FuzzSpec(seed, 12, SMALL_BIG_FILE));

    for (FuzzFile file : corpus.files()) {
      List<DecodeResult> results = decoder.decodeBytes(file.content(), file.name());
      assertThat(results).as(file.name()).hasSameSizeAs(file.inputs());
      for (int i = 0; i < results.size(); i++) {
        String where = file.name() + " input " + i;
        DecodeResult result = results.get(i);
        if (file.inputs().get(i) instanceof FuzzInput.Lands want) {
          assertThat(result)
              .as(where)
              .isInstanceOfSatisfying(
                  DecodeResult.Event.class,
                  got -> {
                    assertThat(got.orderId()).as(where).isEqualTo(want.orderId());
                    assertThat(got.updatedAt()).as(where).isEqualTo(want.datAtui());
                    assertThat(got.version()).as(where).isEqualTo(want.version());
                    want.mustKeep()
                        .forEach(text -> assertThat(got.rawJson()).as(where).contains(text));
                  });
        } else {
          RejectReason reason = ((FuzzInput.Quarantined) file.inputs().get(i)).reason();
          assertThat(result)
              .as(where)
              .isInstanceOfSatisfying(
                  DecodeResult.Rejected.class,
                  got ->
                      assertThat(got.reason()).as(where + ": " + got.detail()).isEqualTo(reason));
        }
      }
    }
  }

  @Test
  void writePutsEveryFileAndAHiddenManifestThatReadsBack(@TempDir Path dir) throws IOException {
    FuzzCorpus corpus = FuzzCorpus.generate(new FuzzSpec(3, 4, SMALL_BIG_FILE));

    List<Path> written = corpus.write(dir);

    try (Stream<Path> listed = Files.list(dir)) {
      assertThat(listed.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(
                      corpus.files().stream().map(FuzzFile::name),
                      Stream.of(FuzzManifest.FILE_NAME))
                  .toList());
    }
    assertThat(written)
        .allSatisfy(
            p ->
                assertThat(p.getFileName().toString()).doesNotStartWith("_").doesNotStartWith("."));
    assertThat(FuzzManifest.FILE_NAME).startsWith("_");
    FuzzManifest read = FuzzManifest.read(dir.resolve(FuzzManifest.FILE_NAME));
    assertThat(read).isEqualTo(corpus.manifest());
    assertThat(Files.readAllBytes(dir.resolve(corpus.files().get(0).name())))
        .isEqualTo(corpus.files().get(0).content());
  }

  @Test
  void bigFileReachesItsSizeWithWholeOrdersAndBrokenLinesAmongThem() {
    FuzzCorpus corpus = FuzzCorpus.generate(new FuzzSpec(5, 3, 2_000_000));

    FuzzFile big =
        corpus.files().stream().filter(f -> f.kind().equals("big-jsonl")).findFirst().orElseThrow();
    assertThat(big.content().length).isBetween(2_000_000, 2_200_000);
    assertThat(big.quarantined()).isEqualTo(big.inputs().size() / FuzzCorpus.BIG_FILE_BAD_EVERY);
    assertThat(big.events()).isGreaterThan(400);
  }
}
