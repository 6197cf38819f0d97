package io.orderstream.store.localfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's raw local file system, but setting permissions through {@code java.nio} instead of a
 * {@code chmod} process.
 *
 * <p>Without Hadoop's native library (which no Maven artifact ships) every file Hadoop creates with
 * a permission, data files, Delta commits, checksums, checkpoint files, costs a {@code chmod}
 * process forked from the JVM: about 120 per small batch here, measured with strace, on 2 cores
 * with a multi-gigabyte heap. The mode set is the same; only how it is set differs. With the native
 * library, or a mode {@code java.nio} cannot express (the sticky bit), or a file system without
 * POSIX permissions, Hadoop's own way is used.
 */
public class ForklessRawLocalFileSystem extends RawLocalFileSystem {
  /** The permission bits from the owner's read (0400) to the others' execute (0001). */
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OWNER_READ,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_EXECUTE
  };

  @Override
  public void setPermission(Path p, FsPermission permission) throws IOException {
    if (NativeIO.isAvailable() || permission.getStickyBit()) {
      super.setPermission(p, permission);
      return;
    }
    try {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
    } catch (UnsupportedOperationException e) {
      super.setPermission(p, permission);
    }
  }

  /**
   * Hadoop's answer for a path that is not a symbolic link is its plain status, found after a
   * {@code readlink} process said so; {@code java.nio} says so without one.
   */
  @Override
  public FileStatus getFileLinkStatus(Path f) throws IOException {
    if (NativeIO.isAvailable() || Files.isSymbolicLink(pathToFile(f).toPath())) {
      return super.getFileLinkStatus(f);
    }
    return getFileStatus(f);
  }

  /** The nine permission bits of {@code mode} (as in {@code chmod 0644}) as java.nio's set. */
  static Set<PosixFilePermission> posix(short mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & (1 << (BITS.length - 1 - i))) != 0) {
        set.add(BITS[i]);
      }
    }
    return set;
  }
}
