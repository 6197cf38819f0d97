package io.orderstream.source.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderFactoryTest {
  @TempDir Path dir;

  @Test
  void readsEachInputWholeAndMarksVanishedAndTooLargeOnesUnread() throws IOException {
    Path small = Files.writeString(dir.resolve("small [1].json"), "{\"a\":1}");
    Path large = Files.writeString(dir.resolve("large.json"), "x".repeat(101));
    Path gone = dir.resolve("gone.json");
    List<InputRef> inputs = List.of(ref(small), ref(large), ref(gone));

    List<InternalRow> rows = read(new InputReaderFactory(new Configuration(), 100), inputs);

    assertThat(rows).hasSize(3);
    assertThat(new String(rows.get(0).getBinary(1), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(rows.get(0).isNullAt(2)).isTrue();
    assertThat(rows.get(1).isNullAt(1)).isTrue();
    assertThat(rows.get(1).getUTF8String(2).toString()).isEqualTo("too-large");
    assertThat(rows.get(1).getUTF8String(3).toString()).startsWith("the input is 101 bytes, over max-input-size (100 bytes)");
    assertThat(rows.get(2).getUTF8String(2).toString()).isEqualTo("vanished");
    assertThat(rows.get(2).getUTF8String(0).toString()).endsWith("gone.json");
  }

  private static InputRef ref(Path file) {
    return new InputRef("file:" + file, file.toUri().toString(), 0);
  }

  private static List<InternalRow> read(InputReaderFactory factory, List<InputRef> inputs) throws IOException {
    List<InternalRow> rows = new ArrayList<>();
    try (PartitionReader<InternalRow> reader = factory.createReader(new InputSlices.InputSlice(inputs))) {
      while (reader.next()) {
        rows.add(reader.get().copy());
      }
    }
    return rows;
  }
}
