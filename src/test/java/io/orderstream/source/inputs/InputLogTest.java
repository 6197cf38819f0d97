package io.orderstream.source.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLogTest {
  @TempDir Path dir;

  @Test
  void aBatchReadsBackExactlyAsWrittenWhateverItsNames() {
    InputLog log = new InputLog(dir.toString(), new Configuration());
    List<InputRef> inputs =
        List.of(
            new InputRef("file:/in/a \"b\".json", "file:/in/a%20%22b%22.json", 12),
            new InputRef("file:/in/new\nline.json", "file:/in/new%0Aline.json", 0));

    log.write(3, inputs);

    assertThat(log.read(3)).contains(inputs);
    assertThat(log.read(4)).isEmpty();
    assertThat(log.batches()).containsExactly(3L);
  }

  @Test
  void urisAreEveryRecordedBatchsInputs() {
    InputLog log = new InputLog(dir.toString(), new Configuration());
    log.write(0, List.of(new InputRef("a", "file:/a", 1), new InputRef("b", "file:/b", 1)));
    log.write(1, List.of(new InputRef("c", "file:/c", 1)));

    assertThat(log.uris()).containsExactlyInAnyOrder("file:/a", "file:/b", "file:/c");
    assertThat(new InputLog(dir.resolve("none").toString(), new Configuration()).uris()).isEmpty();
  }

  @Test
  void writingABatchAgainWithTheSameInputsKeepsItAndOtherInputsAreRefused() {
    InputLog log = new InputLog(dir.toString(), new Configuration());
    List<InputRef> inputs = List.of(new InputRef("a", "file:/a", 1));
    log.write(0, inputs);

    log.write(0, inputs);

    assertThat(log.read(0)).contains(inputs);
    assertThatThrownBy(() -> log.write(0, List.of(new InputRef("b", "file:/b", 1))))
        .isInstanceOf(UncheckedIOException.class)
        .hasRootCauseMessage(
            "Refusing to replace " + dir.resolve("inputs/0") + ": it exists with other content");
  }

  @Test
  void noTemporaryFileIsLeftBeside() throws IOException {
    new InputLog(dir.toString(), new Configuration())
        .write(0, List.of(new InputRef("a", "file:/a", 1)));

    try (var files = Files.list(dir.resolve("inputs"))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")))
          .containsExactly("0");
    }
  }
}
