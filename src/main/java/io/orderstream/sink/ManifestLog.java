package io.orderstream.sink;

import io.orderstream.store.WriteOnceFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The folder of {@link BatchManifest}s under the tables root, {@value #FOLDER}: written by the
 * pipeline after each batch, read by consistent readers.
 *
 * <p>A manifest is a {@link WriteOnceFile}: a reader sees it whole or not at all, on a file system
 * (written aside, renamed in) and on an object store (created under its name, published on close,
 * never renamed). Files are named by {@link BatchManifest#sequence()}, zero-padded so that names
 * sort in commit order; the newest {@value #KEEP} are kept. A manifest whose name exists already
 * describes the same table state (a replayed batch, or a batch that changed nothing) and is left as
 * it is.
 *
 * <p>Works through the Hadoop FileSystem API, so any URI the tables can live at works here.
 */
public final class ManifestLog {
  /** Where the manifests live, relative to the tables root. */
  public static final String FOLDER = "_orderstream/manifests";

  static final int KEEP = 100;
  private static final Pattern NAME = Pattern.compile("\\d{20}\\.json");

  private final Path folder;
  private final Configuration hadoop;

  public ManifestLog(TableLocations locations, Configuration hadoop) {
    this.folder = new Path(locations.root(), FOLDER);
    this.hadoop = hadoop;
  }

  /** Writes the manifest unless one for the same table state exists, then prunes old ones. */
  public void write(BatchManifest manifest) throws IOException {
    FileSystem fs = folder.getFileSystem(hadoop);
    if (WriteOnceFile.create(fs, new Path(folder, nameOf(manifest)), manifest.toJson())) {
      prune(fs);
    }
  }

  /** The manifest of the newest consistent state, if any was written. */
  public Optional<BatchManifest> latest() throws IOException {
    List<Path> names = names();
    if (names.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(read(names.get(names.size() - 1)));
  }

  /** The oldest manifest kept, if any. */
  public Optional<BatchManifest> oldest() throws IOException {
    List<Path> names = names();
    return names.isEmpty() ? Optional.empty() : Optional.of(read(names.get(0)));
  }

  /** Every manifest kept, oldest first. */
  public List<BatchManifest> all() throws IOException {
    List<BatchManifest> manifests = new ArrayList<>();
    for (Path name : names()) {
      manifests.add(read(name));
    }
    return manifests;
  }

  /**
   * Deletes the manifests older than {@code oldestKept}: after their tables' files are vacuumed
   * they would name states that can no longer be read.
   *
   * @return how many were deleted
   */
  public int deleteOlderThan(BatchManifest oldestKept) throws IOException {
    FileSystem fs = folder.getFileSystem(hadoop);
    int deleted = 0;
    for (Path name : names()) {
      if (name.getName().compareTo(nameOf(oldestKept)) < 0 && fs.delete(name, false)) {
        deleted++;
      }
    }
    return deleted;
  }

  /** Manifest files, oldest first. */
  List<Path> names() throws IOException {
    FileSystem fs = folder.getFileSystem(hadoop);
    if (!fs.exists(folder)) {
      return List.of();
    }
    return Arrays.stream(fs.listStatus(folder))
        .map(FileStatus::getPath)
        .filter(p -> NAME.matcher(p.getName()).matches())
        .sorted((a, b) -> a.getName().compareTo(b.getName()))
        .toList();
  }

  public Path folder() {
    return folder;
  }

  static String nameOf(BatchManifest manifest) {
    return String.format(Locale.ROOT, "%020d.json", manifest.sequence());
  }

  private BatchManifest read(Path file) throws IOException {
    try (InputStream in = file.getFileSystem(hadoop).open(file)) {
      return BatchManifest.fromJson(in.readAllBytes());
    } catch (IOException e) {
      throw new IOException("cannot read manifest " + file + ": " + e.getMessage(), e);
    }
  }

  private void prune(FileSystem fs) throws IOException {
    List<Path> names = names();
    for (Path old : names.subList(0, Math.max(0, names.size() - KEEP))) {
      fs.delete(old, false);
    }
  }
}
