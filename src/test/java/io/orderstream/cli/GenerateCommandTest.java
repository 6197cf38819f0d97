package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.error.Errors;
import io.orderstream.tools.generate.EventFiles;
import io.orderstream.tools.generate.ExpectedState;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import io.orderstream.tools.generate.fuzz.FuzzCorpus;
import io.orderstream.tools.generate.fuzz.FuzzManifest;
import io.orderstream.tools.generate.fuzz.FuzzSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code orderstream generate} end to end through the real command line, output captured. */
class GenerateCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void generateWritesTheSpecsEventsAndReportsExpectedRows() throws IOException {
    Path target = dir.resolve("events");

    int code =
        run(
            "generate",
            "--out",
            target.toString(),
            "--orders",
            "6",
            "--seed",
            "3",
            "--duplicates",
            "0.1");

    List<GeneratedEvent> expected =
        SampleGenerator.generate(GeneratorSpec.of(6, 3L).withDuplicates(0.1));
    assertThat(code).isZero();
    assertThat(EventFiles.read(target)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(out.toString())
        .contains(
            "Wrote "
                + expected.size()
                + " events of 6 orders in "
                + expected.size()
                + " json files")
        .contains("order_item=" + ExpectedState.of(expected).totals().orderItems());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void generateJsonlWritesFewerFilesThanEvents() throws IOException {
    int code =
        run(
            "generate",
            "--out",
            dir.toString(),
            "--orders",
            "5",
            "--format",
            "JSONL",
            "--events-per-file",
            "10");

    assertThat(code).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files)
          .allMatch(p -> p.toString().endsWith(".jsonl"))
          .hasSizeLessThan(EventFiles.read(dir).size());
    }
  }

  @Test
  void generateFuzzWritesTheCorpusAndItsManifest() throws IOException {
    int code =
        run(
            "generate",
            "fuzz",
            "--out",
            dir.toString(),
            "--orders",
            "3",
            "--seed",
            "4",
            "--size-mb",
            "0.2");

    FuzzCorpus corpus = FuzzCorpus.generate(FuzzSpec.ofMegabytes(4, 3, 0.2));
    assertThat(code).isZero();
    assertThat(Files.readString(dir.resolve(FuzzManifest.FILE_NAME)))
        .isEqualTo(corpus.manifest().toJson());
    assertThat(out.toString())
        .contains("Wrote a fuzz corpus of " + corpus.files().size() + " files")
        .contains(corpus.manifest().inputs() + " inputs");
  }

  @Test
  void generateFuzzWithNegativeSizeExitsWithUsageError() {
    int code =
        run(
            "generate",
            "fuzz",
            "--out",
            dir.resolve("never").toString(),
            "--orders",
            "3",
            "--size-mb",
            "-1");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("Invalid value for --size-mb: '-1.0'");
    assertThat(dir.resolve("never")).doesNotExist();
  }

  @Test
  void generateWithoutFolderOrTopicExitsWithUsageErrorNamingBoth() {
    int code = run("generate", "--orders", "1");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("--out").contains("--kafka-topic");
  }

  @Test
  void generateWithBothFolderAndTopicExitsWithUsageErrorAndWritesNothing() {
    Path target = dir.resolve("never");

    int code = run("generate", "--out", target.toString(), "--kafka-topic", "t", "--orders", "1");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString())
        .contains("--out")
        .contains("--kafka-topic")
        .contains("mutually exclusive");
    assertThat(target).doesNotExist();
  }

  @Test
  void generateFuzzRefusesATopic() {
    Path target = dir.resolve("never");

    int code =
        run("generate", "--kafka-topic", "t", "fuzz", "--out", target.toString(), "--orders", "1");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("Invalid value for --kafka-topic: 't'");
    assertThat(target).doesNotExist();
  }

  @Test
  void generateZeroOrdersExitsWithUsageErrorAndWritesNothing() {
    Path target = dir.resolve("never");

    int code = run("generate", "--out", target.toString(), "--orders", "0");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("Invalid value for --orders: '0'");
    assertThat(target).doesNotExist();
  }

  @Test
  void generateUnknownFormatExitsWithUsageError() {
    int code = run("generate", "--out", dir.toString(), "--orders", "1", "--format", "csv");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString())
        .contains("Invalid value for --format: 'csv'; expected json or jsonl");
  }

  @Test
  void generateIntoAFileExitsWithUsageErrorNamingTheOutOption() throws IOException {
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");

    int code = run("generate", "--out", file.toString(), "--orders", "1");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString())
        .contains("Invalid value for --out: '" + file + "'")
        .contains("not a folder");
  }

  @Test
  void generateDurationWithoutRateExitsWithUsageError() {
    int code = run("generate", "--out", dir.toString(), "--orders", "1", "--duration", "5s");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("Invalid value for --duration: '5s'").contains("--rate");
  }

  @Test
  void generateBadDurationExitsWithUsageError() {
    int code =
        run(
            "generate",
            "--out",
            dir.toString(),
            "--orders",
            "1",
            "--rate",
            "5",
            "--duration",
            "soon");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("Invalid value for --duration: 'soon'");
  }

  @Test
  void generateNonPositiveRateExitsWithUsageError() {
    int code = run("generate", "--out", dir.toString(), "--orders", "1", "--rate", "0");

    assertThat(code).isEqualTo(Errors.EXIT_USAGE);
    assertThat(err.toString()).contains("Invalid value for --rate: '0.0'");
  }

  @Test
  void generateLiveModeStopsAtTheDurationAndSaysSo() {
    int code =
        run(
            "generate",
            "--out",
            dir.toString(),
            "--orders",
            "20",
            "--rate",
            "50",
            "--duration",
            "200ms");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Stopped at the time limit");
    assertThat(EventFiles.read(dir)).hasSize(10);
  }
}
