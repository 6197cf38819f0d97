package io.orderstream.source.inputs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.functional.FutureIO;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads each input of a task whole, on an executor, into one {@link
 * io.orderstream.source.InputRows} row. An input that is gone ({@code vanished}) or larger than the
 * limit ({@code too-large}) gives a row without content and with the reason, so the quarantine
 * accounts for it; any other read failure is the storage's, and fails the batch so that it is
 * retried.
 */
final class InputReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  static final String VANISHED = "vanished";
  static final String TOO_LARGE = "too-large";

  private final SerializableConfiguration hadoop;
  private final long maxInputBytes;

  InputReaderFactory(Configuration hadoop, long maxInputBytes) {
    this.hadoop = new SerializableConfiguration(hadoop);
    this.maxInputBytes = maxInputBytes;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    List<InputRef> inputs = ((InputSlices.InputSlice) partition).inputs();
    if (inputs.stream().allMatch(input -> input.uri().startsWith("file:"))) {
      return new OneByOne(inputs.iterator());
    }
    return new ReadAhead(inputs.iterator(), this::read);
  }

  /** A local disk answers in microseconds, so reading ahead would only add threads. */
  private final class OneByOne implements PartitionReader<InternalRow> {
    private final Iterator<InputRef> inputs;
    private InternalRow current;

    OneByOne(Iterator<InputRef> inputs) {
      this.inputs = inputs;
    }

    @Override
    public boolean next() {
      if (!inputs.hasNext()) {
        return false;
      }
      current = read(inputs.next());
      return true;
    }

    @Override
    public InternalRow get() {
      return current;
    }

    @Override
    public void close() {}
  }

  private InternalRow read(InputRef input) {
    if (input.uri().startsWith("file:")) {
      return readLocal(input);
    }
    Path path = new Path(URI.create(input.uri()));
    try {
      FileSystem fs = path.getFileSystem(hadoop.value());
      FileStatus status = fs.getFileStatus(path);
      if (status.getLen() > maxInputBytes) {
        return tooLarge(input, status.getLen(), status.getModificationTime());
      }
      byte[] content = new byte[(int) status.getLen()];
      // The status just read goes with the open, so an object store does not ask for it again.
      try (FSDataInputStream in =
          FutureIO.awaitFuture(
              fs.openFile(path)
                  .withFileStatus(status)
                  .opt("fs.option.openfile.read.policy", "whole-file")
                  .build())) {
        in.readFully(content);
      }
      return row(input, content, null, null, status.getModificationTime());
    } catch (FileNotFoundException e) {
      return row(input, null, VANISHED, "the input was listed but was gone when it was read", -1);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + input.name(), e);
    }
  }

  /** Local files through java.nio, which decodes every character of the name its URI encoded. */
  private InternalRow readLocal(InputRef input) {
    java.nio.file.Path file = java.nio.file.Path.of(URI.create(input.uri()));
    try {
      java.nio.file.attribute.BasicFileAttributes attributes =
          java.nio.file.Files.readAttributes(
              file, java.nio.file.attribute.BasicFileAttributes.class);
      long modified = attributes.lastModifiedTime().toMillis();
      if (attributes.size() > maxInputBytes) {
        return tooLarge(input, attributes.size(), modified);
      }
      return row(input, java.nio.file.Files.readAllBytes(file), null, null, modified);
    } catch (java.nio.file.NoSuchFileException e) {
      return row(input, null, VANISHED, "the input was listed but was gone when it was read", -1);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + input.name(), e);
    }
  }

  private InternalRow tooLarge(InputRef input, long size, long modified) {
    return row(
        input,
        null,
        TOO_LARGE,
        "the input is "
            + size
            + " bytes, over max-input-size ("
            + maxInputBytes
            + " bytes); split it, or raise max-input-size and the heap with it",
        modified);
  }

  /**
   * @param modifiedMillis the input's modification time (its arrival), -1 when unknown
   */
  private static InternalRow row(
      InputRef input, byte[] content, String problem, String detail, long modifiedMillis) {
    return new GenericInternalRow(
        new Object[] {
          UTF8String.fromString(input.name()),
          content,
          problem == null ? null : UTF8String.fromString(problem),
          detail == null ? null : UTF8String.fromString(detail),
          // Spark holds a TIMESTAMP as microseconds since the epoch.
          modifiedMillis < 0 ? null : modifiedMillis * 1000
        });
  }
}
