package io.orderstream.store.localfs;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Hadoop's local file system ({@code file:}, with its {@code .crc} checksum files) on {@link
 * ForklessRawLocalFileSystem}: what {@code fs.file.impl} names for orderstream's sessions.
 */
public class ForklessLocalFileSystem extends LocalFileSystem {
  public ForklessLocalFileSystem() {
    super(new ForklessRawLocalFileSystem());
  }
}
