package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a killed pipeline stopped, read from what it left on disk: the streaming checkpoint writes
 * {@code offsets/N} when batch N starts and {@code commits/N} when it is done, and every table
 * write of batch N carries the Delta transaction id (app id, N) in that table's {@code _delta_log}.
 * The same reading as bench/crash-loop's {@code classify}, so the test and the script count alike.
 *
 * @param batch the batch in progress (started, not committed), or -1 when none was
 * @param tablesWritten tables that already hold a commit of that batch
 * @param latestWritten whether order_event_latest, the last table a batch writes, is among them
 */
public record CrashSite(long batch, int tablesWritten, boolean latestWritten) {

  public static CrashSite of(Path checkpoint, Path tables) {
    OptionalLong started = latest(checkpoint.resolve("offsets"));
    OptionalLong committed = latest(checkpoint.resolve("commits"));
    if (started.isEmpty() || started.getAsLong() <= committed.orElse(-1)) {
      return new CrashSite(-1, 0, false);
    }
    long batch = started.getAsLong();
    List<Path> written =
        tableFolders(tables).stream().filter(t -> hasCommitOfBatch(t, batch)).toList();
    boolean latest =
        written.stream().anyMatch(t -> t.getFileName().toString().equals("order_event_latest"));
    return new CrashSite(batch, written.size(), latest);
  }

  public boolean insideBatch() {
    return batch >= 0;
  }

  public String describe() {
    if (!insideBatch()) {
      return "between batches or in start-up";
    }
    if (latestWritten) {
      return "batch " + batch + ": all tables written, checkpoint not committed";
    }
    return tablesWritten == 0
        ? "batch " + batch + ": before its first table write"
        : "batch " + batch + ": between table writes (" + tablesWritten + " tables written)";
  }

  /**
   * Whether the table's Delta log holds a write of {@code batch} (its transaction id's version).
   */
  public static boolean hasCommitOfBatch(Path table, long batch) {
    Pattern txn = Pattern.compile("\"txn\":\\{\"appId\":\"[^\"]*\",\"version\":" + batch + ",");
    try (Stream<Path> commits = list(table.resolve("_delta_log"))) {
      return commits
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .anyMatch(p -> txn.matcher(read(p)).find());
    }
  }

  /** The greatest numbered file in a checkpoint folder. */
  public static OptionalLong latest(Path folder) {
    try (Stream<Path> files = list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+"))
          .mapToLong(Long::parseLong)
          .max();
    }
  }

  private static List<Path> tableFolders(Path tables) {
    try (Stream<Path> folders = list(tables)) {
      return folders.filter(Files::isDirectory).toList();
    }
  }

  private static Stream<Path> list(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Stream.empty();
    }
    try {
      return Files.list(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      // a commit file being renamed into place while listed: it holds nothing we look for yet
      return "";
    }
  }
}
