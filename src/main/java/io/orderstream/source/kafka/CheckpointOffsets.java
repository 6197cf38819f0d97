package io.orderstream.source.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.error.Errors;
import io.orderstream.store.FailFast;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads, from a streaming checkpoint, where Spark's Kafka source will resume: per topic partition,
 * the first offset that no committed batch has read. Read before the query starts, so that records
 * deleted meanwhile can be named before Spark's source meets the gap inside a batch.
 *
 * <p>Spark writes {@code offsets/N} when it plans batch N (a version line, a metadata line, then
 * one line per source: {@code {"topic":{"0":8,"1":7}}}) and {@code commits/N} when batch N is done.
 * A batch planned but not committed is run again from where the last committed batch ended, so that
 * batch's offsets are the resume point; before any commit it is the source's initial offsets, in
 * {@code sources/0/0}. A new checkpoint has neither, and nothing to resume.
 */
public final class CheckpointOffsets {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code offsets/N}: the version line, the batch metadata, then the only source's offsets. */
  private static final int SOURCE_LINE = 2;

  private CheckpointOffsets() {}

  /** The resume offset of each topic partition the checkpoint knows; empty for a new checkpoint. */
  static Map<TopicPartition, Long> resumeAt(String checkpoint, Configuration hadoop) {
    Path root = new Path(checkpoint);
    try (FileSystem fs = FailFast.open(root, hadoop)) {
      OptionalLong committed = latest(fs, new Path(root, "commits"));
      Path offsets = new Path(new Path(root, "offsets"), Long.toString(committed.orElse(-1)));
      if (committed.isPresent() && fs.exists(offsets)) {
        String[] lines = read(fs, offsets).split("\n");
        return lines.length > SOURCE_LINE ? parse(lines[SOURCE_LINE]) : Map.of();
      }
      Path initial = new Path(root, "sources/0/0");
      return fs.exists(initial) ? parse(read(fs, initial)) : Map.of();
    } catch (IOException e) {
      throw Errors.unwritableLocation("checkpoint", checkpoint, e);
    }
  }

  /**
   * Where batch {@code batchId} ends in each topic partition (its {@code offsets/N}: the first
   * offset it did not read); empty when the batch was not planned. The benchmark's Kafka latency
   * tells with it which records a finished batch carried.
   */
  public static Map<TopicPartition, Long> endOf(
      String checkpoint, long batchId, Configuration hadoop) {
    Path offsets = new Path(new Path(checkpoint, "offsets"), Long.toString(batchId));
    try (FileSystem fs = FailFast.open(offsets, hadoop)) {
      if (!fs.exists(offsets)) {
        return Map.of();
      }
      String[] lines = read(fs, offsets).split("\n");
      return lines.length > SOURCE_LINE ? parse(lines[SOURCE_LINE]) : Map.of();
    } catch (IOException e) {
      throw Errors.unwritableLocation("checkpoint", checkpoint, e);
    }
  }

  /**
   * Partition offsets from Spark's JSON; text before the first brace (the initial offsets file's
   * leading zero byte and version line) is skipped. Negative offsets (Spark's "earliest" and
   * "latest" markers) and a missing source offset ({@code -}) name no position and are left out.
   */
  static Map<TopicPartition, Long> parse(String text) throws IOException {
    int start = text.indexOf('{');
    Map<TopicPartition, Long> offsets = new HashMap<>();
    if (start < 0) {
      return offsets;
    }
    JsonNode topics = JSON.readTree(text.substring(start));
    for (Map.Entry<String, JsonNode> topic : topics.properties()) {
      for (Map.Entry<String, JsonNode> partition : topic.getValue().properties()) {
        long offset = partition.getValue().asLong();
        if (offset >= 0) {
          offsets.put(
              new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())), offset);
        }
      }
    }
    return offsets;
  }

  private static OptionalLong latest(FileSystem fs, Path folder) throws IOException {
    if (!fs.exists(folder)) {
      return OptionalLong.empty();
    }
    OptionalLong latest = OptionalLong.empty();
    for (FileStatus file : fs.listStatus(folder)) {
      String name = file.getPath().getName();
      if (name.matches("\\d+") && (latest.isEmpty() || Long.parseLong(name) > latest.getAsLong())) {
        latest = OptionalLong.of(Long.parseLong(name));
      }
    }
    return latest;
  }

  private static String read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
