package io.orderstream.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files Spark's file source assigned to one micro-batch, read from the source's log in the
 * checkpoint ({@code sources/0/<batch>}, or the {@code .compact} file that absorbed it).
 *
 * <p>Spark reads no row at all from an empty file, so the batch's data cannot tell that one
 * arrived; this list can, and the pipeline quarantines such files instead of losing them silently.
 */
public final class BatchFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchFiles() {}

  /** URIs of the files in batch {@code batchId}, as the source log wrote them. */
  public static List<String> of(String checkpoint, long batchId, Configuration hadoop) {
    Path log = new Path(checkpoint, "sources/0");
    try {
      FileSystem fs = log.getFileSystem(hadoop);
      Path plain = new Path(log, Long.toString(batchId));
      Path compact = new Path(log, batchId + ".compact");
      Path file = fs.exists(plain) ? plain : compact;
      return fs.exists(file) ? entries(fs, file, batchId) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the file source log at " + log, e);
    }
  }

  /** The comparable part of a file's URI, whatever form ({@code file:/}, {@code file:///}) it was written in. */
  public static String pathPart(String uri) {
    return URI.create(uri.replace(" ", "%20")).getPath();
  }

  private static List<String> entries(FileSystem fs, Path file, long batchId) throws IOException {
    List<String> paths = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      String line = reader.readLine(); // the log format version, "v1"
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode entry = JSON.readTree(line);
        if (entry.path("batchId").asLong(-1) == batchId) {
          paths.add(entry.path("path").asText());
        }
      }
    }
    return paths;
  }
}
