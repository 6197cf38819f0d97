package io.orderstream.source.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.store.WriteOnceFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The inputs of each micro-batch, one write-once file per batch under the source's folder in the
 * checkpoint ({@code sources/0/inputs/<batch>}): written before the batch runs, so a batch replayed
 * after a crash reads exactly the same inputs, and read at start to know what was seen.
 *
 * <p>A batch file is never rewritten ({@link WriteOnceFile}: renamed in on file systems, one PUT on
 * object stores), so a reader never sees half a file.
 */
public final class InputLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VERSION_LINE = "orderstream-inputs v1";

  private final Path folder;
  private final FileSystem fs;

  public InputLog(String sourceFolder, Configuration hadoop) {
    this.folder = new Path(sourceFolder, "inputs");
    try {
      this.fs = folder.getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the checkpoint's input log at " + folder, e);
    }
  }

  /** The inputs of the batches of a checkpoint ({@code <checkpoint>/sources/0}). */
  public static InputLog ofCheckpoint(String checkpoint, Configuration hadoop) {
    return new InputLog(new Path(checkpoint, "sources/0").toString(), hadoop);
  }

  /** The inputs recorded for {@code batch}, if it was planned. */
  public Optional<List<InputRef>> read(long batch) {
    Path file = new Path(folder, Long.toString(batch));
    try {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      List<InputRef> inputs = new ArrayList<>();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
        String line = reader.readLine();
        if (!VERSION_LINE.equals(line)) {
          throw new IllegalStateException("Not an orderstream input log: " + file);
        }
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) {
            JsonNode entry = JSON.readTree(line);
            inputs.add(
                new InputRef(
                    entry.get("name").asText(),
                    entry.get("uri").asText(),
                    entry.get("size").asLong()));
          }
        }
      }
      return Optional.of(inputs);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the input log " + file, e);
    }
  }

  /** Records the inputs of {@code batch}; a batch already recorded keeps what it has. */
  public void write(long batch, List<InputRef> inputs) {
    Path file = new Path(folder, Long.toString(batch));
    StringBuilder text = new StringBuilder(VERSION_LINE).append('\n');
    for (InputRef input : inputs) {
      ObjectNode entry =
          JSON.createObjectNode()
              .put("name", input.name())
              .put("uri", input.uri())
              .put("size", input.size());
      text.append(entry).append('\n');
    }
    try {
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      if (!WriteOnceFile.create(fs, file, bytes)) {
        requireSame(file, bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot record the inputs of batch " + batch + " at " + file, e);
    }
  }

  /**
   * A batch is planned once: finding other inputs under its name would mean two writers or a bug.
   */
  private void requireSame(Path file, byte[] bytes) throws IOException {
    byte[] existing;
    try (var in = fs.open(file)) {
      existing = in.readAllBytes();
    }
    if (!java.util.Arrays.equals(existing, bytes)) {
      throw new IOException("Refusing to replace " + file + ": it exists with other content");
    }
  }

  /** Batch numbers recorded so far, ascending. */
  public List<Long> batches() {
    try {
      if (!fs.exists(folder)) {
        return List.of();
      }
      List<Long> batches = new ArrayList<>();
      for (FileStatus status : fs.listStatus(folder)) {
        String name = status.getPath().getName();
        if (name.chars().allMatch(Character::isDigit)) {
          batches.add(Long.parseLong(name));
        }
      }
      batches.sort(null);
      return batches;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the input log at " + folder, e);
    }
  }

  /** URIs of every input recorded in any batch so far. */
  public Set<String> uris() {
    Set<String> uris = new HashSet<>();
    for (long batch : batches()) {
      read(batch).ifPresent(inputs -> inputs.forEach(input -> uris.add(input.uri())));
    }
    return uris;
  }

  /** Whether the log's folder exists at all, i.e. the checkpoint was made by this source. */
  public boolean exists() {
    try {
      return fs.exists(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach the input log at " + folder, e);
    }
  }
}
