package io.orderstream.source.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.RawLocalFileSystem;
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
    Instant arrived = Instant.parse("2024-05-01T12:00:00Z");
    Files.setLastModifiedTime(small, FileTime.from(arrived));
    Path gone = dir.resolve("gone.json");
    List<InputRef> inputs = List.of(ref(small), ref(large), ref(gone));

    List<InternalRow> rows = read(new InputReaderFactory(new Configuration(), 100), inputs);

    assertThat(rows).hasSize(3);
    assertThat(new String(rows.get(0).getBinary(1), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(rows.get(0).isNullAt(2)).isTrue();
    assertThat(rows.get(1).isNullAt(1)).isTrue();
    assertThat(rows.get(1).getUTF8String(2).toString()).isEqualTo("too-large");
    assertThat(rows.get(1).getUTF8String(3).toString())
        .startsWith("the input is 101 bytes, over max-input-size (100 bytes)");
    assertThat(rows.get(2).getUTF8String(2).toString()).isEqualTo("vanished");
    assertThat(rows.get(2).getUTF8String(0).toString()).endsWith("gone.json");
    assertThat(rows.get(0).getLong(4))
        .as("arrived_at: the modification time, in Spark's microseconds")
        .isEqualTo(arrived.toEpochMilli() * 1000);
    assertThat(rows.get(1).isNullAt(4)).as("a too-large input still has its time").isFalse();
    assertThat(rows.get(2).isNullAt(4)).as("a vanished input has none").isTrue();
  }

  @Test
  void readsObjectStoreInputsSeveralAtATimeInTheirOrder() throws IOException {
    List<InputRef> inputs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Path file = Files.writeString(dir.resolve("object-" + i + ".json"), "{\"n\":" + i + "}");
      inputs.add(
          new InputRef("slow:" + file, SlowFileSystem.SCHEME + ":" + file, Files.size(file)));
    }
    inputs.add(
        new InputRef("slow:gone", SlowFileSystem.SCHEME + ":" + dir.resolve("gone.json"), 10));
    Configuration hadoop = new Configuration();
    hadoop.set("fs." + SlowFileSystem.SCHEME + ".impl", SlowFileSystem.class.getName());
    hadoop.setBoolean("fs." + SlowFileSystem.SCHEME + ".impl.disable.cache", true);
    SlowFileSystem.mostOpen.set(0);

    List<InternalRow> rows = read(new InputReaderFactory(hadoop, 100), inputs);

    assertThat(rows).hasSize(41);
    for (int i = 0; i < 40; i++) {
      assertThat(new String(rows.get(i).getBinary(1), StandardCharsets.UTF_8))
          .isEqualTo("{\"n\":" + i + "}");
      assertThat(rows.get(i).getLong(4) / 1000)
          .as("arrived_at from the file status")
          .isEqualTo(Files.getLastModifiedTime(dir.resolve("object-" + i + ".json")).toMillis());
    }
    assertThat(rows.get(40).getUTF8String(2).toString()).isEqualTo("vanished");
    assertThat(SlowFileSystem.mostOpen.get())
        .isGreaterThan(1)
        .isLessThanOrEqualTo(ReadAhead.IN_FLIGHT);
  }

  @Test
  void aStorageFailureOfOneObjectFailsTheTask() throws IOException {
    Path file = Files.writeString(dir.resolve("unreadable.json"), "{}");
    Configuration hadoop = new Configuration();
    hadoop.set("fs." + SlowFileSystem.SCHEME + ".impl", SlowFileSystem.class.getName());
    hadoop.setBoolean("fs." + SlowFileSystem.SCHEME + ".impl.disable.cache", true);
    Path other = Files.writeString(dir.resolve("other.json"), "{}");
    List<InputRef> inputs =
        List.of(
            new InputRef("slow:other", SlowFileSystem.SCHEME + ":" + other, 2),
            new InputRef("slow:unreadable", SlowFileSystem.SCHEME + ":" + file, 2));

    assertThatThrownBy(() -> read(new InputReaderFactory(hadoop, 100), inputs))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("Cannot read slow:unreadable")
        .hasRootCauseMessage("connection reset");
  }

  /**
   * The local disk under another scheme, each open taking 20 ms, counting opens at the same time; a
   * file named {@code unreadable.json} fails as a broken connection would.
   */
  public static final class SlowFileSystem extends RawLocalFileSystem {
    static final String SCHEME = "slow";
    static final AtomicInteger mostOpen = new AtomicInteger();
    private static final AtomicInteger open = new AtomicInteger();

    @Override
    public URI getUri() {
      return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
      mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
      try {
        Thread.sleep(20);
        if (f.getName().equals("unreadable.json")) {
          throw new IOException("connection reset");
        }
        return super.open(f, bufferSize);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      } finally {
        open.decrementAndGet();
      }
    }
  }

  private static InputRef ref(Path file) {
    return new InputRef("file:" + file, file.toUri().toString(), 0);
  }

  private static List<InternalRow> read(InputReaderFactory factory, List<InputRef> inputs)
      throws IOException {
    List<InternalRow> rows = new ArrayList<>();
    try (PartitionReader<InternalRow> reader =
        factory.createReader(new InputSlices.InputSlice(inputs))) {
      while (reader.next()) {
        rows.add(reader.get().copy());
      }
    }
    return rows;
  }
}
