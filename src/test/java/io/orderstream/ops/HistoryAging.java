package io.orderstream.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Moves a test's Delta history back in time, as if its commits had been {@code apart} from each
 * other and the newest one {@code apart} ago: every timestamp a commit holds (commitInfo, the
 * removes' deletion time, the adds' modification time) and the modification time of the files it
 * added. Retention rules that count in hours can then be tested in seconds.
 */
final class HistoryAging {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");

  private HistoryAging() {}

  /** Every table under {@code tables}; Delta's cached snapshots are dropped afterwards. */
  static void spreadCommits(Path tables, Duration apart) throws IOException {
    try (Stream<Path> folders = Files.list(tables)) {
      for (Path table : folders.filter(f -> Files.isDirectory(f.resolve("_delta_log"))).toList()) {
        spread(table, apart.toMillis());
      }
    }
    DeltaLog.clearCache();
  }

  private static void spread(Path table, long apartMillis) throws IOException {
    Path log = table.resolve("_delta_log");
    List<Path> commits = new ArrayList<>();
    try (Stream<Path> files = Files.list(log)) {
      files.forEach(
          file -> {
            if (COMMIT.matcher(file.getFileName().toString()).matches()) {
              commits.add(file);
            } else if (file.getFileName().toString().endsWith(".crc")) {
              // Delta's checksums describe the state with the old times, and Hadoop's hidden
              // .*.crc files the old bytes; Delta reads the log without either.
              delete(file);
            }
          });
    }
    long newest = commits.stream().mapToLong(HistoryAging::version).max().orElse(0);
    for (Path commit : commits) {
      long shift = (newest - version(commit) + 1) * apartMillis;
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(commit)) {
        ObjectNode action = (ObjectNode) JSON.readTree(line);
        shiftField(action, "commitInfo", "timestamp", shift);
        shiftField(action, "remove", "deletionTimestamp", shift);
        if (shiftField(action, "add", "modificationTime", shift)) {
          Path added = table.resolve(action.get("add").get("path").asText());
          if (Files.exists(added)) {
            Files.setLastModifiedTime(
                added, FileTime.fromMillis(Files.getLastModifiedTime(added).toMillis() - shift));
          }
        }
        lines.add(JSON.writeValueAsString(action));
      }
      long commitTime = Files.getLastModifiedTime(commit).toMillis();
      Files.write(commit, lines);
      Files.setLastModifiedTime(commit, FileTime.fromMillis(commitTime - shift));
    }
  }

  private static boolean shiftField(ObjectNode action, String kind, String field, long shift) {
    JsonNode node = action.get(kind);
    if (node == null || !node.has(field)) {
      return false;
    }
    ((ObjectNode) node).put(field, node.get(field).asLong() - shift);
    return true;
  }

  private static long version(Path commit) {
    Matcher name = COMMIT.matcher(commit.getFileName().toString());
    if (!name.matches()) {
      throw new IllegalArgumentException(commit.toString());
    }
    return Long.parseLong(name.group(1));
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
