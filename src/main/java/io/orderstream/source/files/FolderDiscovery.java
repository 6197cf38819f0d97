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
 * <p>Listing goes through Hadoop's {@link FileSystem#listStatus}, which returns paths, never
 * parses names as glob patterns or URIs: a name with '%', '[', '"', ':' or a space is a name. The
 * modification time only orders the files; it never excludes one.
 */
final class FolderDiscovery implements InputDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(FolderDiscovery.class);

  private final Path folder;
  private final Configuration hadoop;
  private final boolean recursive;
  private final Set<Path> ignoredFolders = new HashSet<>();
  /** Under {@code run --once}: the files that existed when the run began; null otherwise. */
  private Set<String> frozen;

  FolderDiscovery(String folder, Configuration hadoop, boolean recursive) {
    this.folder = new Path(folder);
    this.hadoop = hadoop;
    this.recursive = recursive;
  }

  @Override
  public void freeze() {
    Set<String> now = new HashSet<>();
    list().forEach(file -> now.add(file.getPath().toUri().toString()));
    frozen = now;
  }

  @Override
  public List<InputRef> next(Predicate<String> planned, Limits limits) {
    List<FileStatus> fresh = new ArrayList<>();
    for (FileStatus file : list()) {
      String uri = file.getPath().toUri().toString();
      if (!planned.test(uri) && (frozen == null || frozen.contains(uri))) {
        fresh.add(file);
      }
    }
    fresh.sort(Comparator.comparingLong(FileStatus::getModificationTime)
        .thenComparing(file -> file.getPath().toUri().toString()));
    List<InputRef> batch = new ArrayList<>();
    long bytes = 0;
    for (FileStatus file : fresh) {
      if (batch.size() == limits.inputs() || (!batch.isEmpty() && bytes + file.getLen() > limits.bytes())) {
        break;
      }
      batch.add(new InputRef(file.getPath().toString(), file.getPath().toUri().toString(), file.getLen()));
      bytes += file.getLen();
    }
    return batch;
  }

  private List<FileStatus> list() {
    List<FileStatus> files = new ArrayList<>();
    try {
      collect(folder.getFileSystem(hadoop), folder, files);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the input folder " + folder, e);
    }
    return files;
  }

  private void collect(FileSystem fs, Path dir, List<FileStatus> files) throws IOException {
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
          LOG.warn("Ignoring the sub-folder {} of the input folder; set recursive=true to read sub-folders",
              entry.getPath());
        }
      } else if (entry.isFile()) {
        files.add(entry);
      }
    }
  }
}
