package io.orderstream.source.files;

import io.orderstream.source.inputs.InputDiscovery;
import io.orderstream.source.inputs.InputRef;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a folder (local, HDFS, or a bucket prefix through s3a) for files not yet planned, oldest
 * first. Names starting with '.' or '_' are files being staged and are skipped; sub-folders are
 * read when {@code recursive}, else logged once each and left alone.
 *
 * <p>A local folder is listed with java.nio, whose {@code Path.toUri()} encodes every character of
 * a name (a literal {@code %41} stays {@code %41}); Hadoop's {@code Path} reads such a name as an
 * escape, so it serves only other file systems (HDFS, s3a). Nothing is parsed as a glob pattern: a
 * name with '%', '[', '"', ':' or a space is a name. The modification time only orders the files;
 * it never excludes one.
 */
final class FolderDiscovery implements InputDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(FolderDiscovery.class);

  private final Path folder;
  private final Configuration hadoop;
  private final boolean recursive;
  private final Set<Path> ignoredFolders = new HashSet<>();

  /** Under {@code run --once}: the files that existed when the run began; null otherwise. */
  private Set<String> frozen;

  /**
   * Files the last planning listed and left for later batches (or, under {@code run --once}, for
   * the next run); -1 before any. Written by the planning thread, read after the batch commits.
   */
  private volatile long waitingAfterLastPlan = -1;

  FolderDiscovery(String folder, Configuration hadoop, boolean recursive) {
    this.folder = new Path(folder);
    this.hadoop = hadoop;
    this.recursive = recursive;
  }

  @Override
  public void freeze() {
    Set<String> now = new HashSet<>();
    list().forEach(file -> now.add(file.uri()));
    frozen = now;
  }

  /**
   * How many files a listing now offers that are not {@code planned}: the backlog of a {@code run
   * --once}, by the same rules as {@link #next} (staging names and unread sub-folders left out).
   */
  long waiting(Predicate<String> planned) {
    return list().stream().filter(file -> !planned.test(file.uri())).count();
  }

  /**
   * Files the last {@link #next} listing found unplanned and did not take: the inputs waiting once
   * the batch it planned commits. Empty before any listing (a batch replayed from the input log
   * lists nothing).
   */
  OptionalLong waitingAfterLastPlan() {
    long waiting = waitingAfterLastPlan;
    return waiting < 0 ? OptionalLong.empty() : OptionalLong.of(waiting);
  }

  @Override
  public List<InputRef> next(Predicate<String> planned, Limits limits) {
    List<Listed> fresh = new ArrayList<>();
    long unplanned = 0;
    for (Listed file : list()) {
      if (planned.test(file.uri())) {
        continue;
      }
      unplanned++;
      if (frozen == null || frozen.contains(file.uri())) {
        fresh.add(file);
      }
    }
    fresh.sort(Comparator.comparingLong(Listed::modified).thenComparing(Listed::uri));
    List<InputRef> batch = new ArrayList<>();
    long bytes = 0;
    for (Listed file : fresh) {
      if (batch.size() == limits.inputs()
          || (!batch.isEmpty() && bytes + file.size() > limits.bytes())) {
        break;
      }
      batch.add(new InputRef(file.name(), file.uri(), file.size()));
      bytes += file.size();
    }
    waitingAfterLastPlan = unplanned - batch.size();
    return batch;
  }

  private List<Listed> list() {
    List<Listed> files = new ArrayList<>();
    try {
      String scheme = folder.toUri().getScheme();
      if (scheme == null || scheme.equals("file")) {
        collectLocal(java.nio.file.Path.of(folder.toUri().getPath()), files);
      } else {
        collect(folder.getFileSystem(hadoop), folder, files);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the input folder " + folder, e);
    }
    return files;
  }

  /** A listed file: its name for the quarantine, the URI to open it by, size and time. */
  private record Listed(String name, String uri, long size, long modified) {}

  private void collectLocal(java.nio.file.Path dir, List<Listed> files) throws IOException {
    List<java.nio.file.Path> entries;
    try (java.util.stream.Stream<java.nio.file.Path> stream = java.nio.file.Files.list(dir)) {
      entries = stream.toList();
    } catch (java.nio.file.NoSuchFileException removedWhileListing) {
      return;
    }
    for (java.nio.file.Path entry : entries) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      java.nio.file.attribute.BasicFileAttributes attributes;
      try {
        attributes =
            java.nio.file.Files.readAttributes(
                entry, java.nio.file.attribute.BasicFileAttributes.class);
      } catch (java.nio.file.NoSuchFileException removedWhileListing) {
        continue;
      }
      if (attributes.isDirectory()) {
        if (recursive) {
          collectLocal(entry, files);
        } else if (ignoredFolders.add(new Path(entry.toUri()))) {
          LOG.warn(
              "Ignoring the sub-folder {} of the input folder; set recursive=true to read sub-folders",
              entry);
        }
      } else if (attributes.isRegularFile()) {
        files.add(
            new Listed(
                "file:" + entry.toAbsolutePath(),
                entry.toUri().toString(),
                attributes.size(),
                attributes.lastModifiedTime().toMillis()));
      }
    }
  }

  private void collect(FileSystem fs, Path dir, List<Listed> files) throws IOException {
    FileStatus[] entries;
    try {
      entries = fs.listStatus(dir);
    } catch (FileNotFoundException removedWhileListing) {
      return;
    }
    for (FileStatus entry : entries) {
      String name = entry.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      if (entry.isDirectory()) {
        if (recursive) {
          collect(fs, entry.getPath(), files);
        } else if (ignoredFolders.add(entry.getPath())) {
          LOG.warn(
              "Ignoring the sub-folder {} of the input folder; set recursive=true to read sub-folders",
              entry.getPath());
        }
      } else if (entry.isFile()) {
        files.add(
            new Listed(
                entry.getPath().toString(),
                entry.getPath().toUri().toString(),
                entry.getLen(),
                entry.getModificationTime()));
      }
    }
  }
}
