package io.orderstream.source.inputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's view of an {@link InputDiscovery}: each micro-batch is one entry of the {@link InputLog},
 * planned (discovered and recorded) before Spark writes the batch's offset, so Spark's offset and
 * commit logs give the same exactly-once guarantees as with its own file source.
 *
 * <p>Unlike Spark's file source it tracks every input by URI for the life of the checkpoint (no
 * {@code maxFileAge}: a file with an old modification time is read like any other), lists without
 * glob patterns (any file name works), and never infers partitions from sub-folder names.
 */
final class InputStream implements MicroBatchStream, SupportsTriggerAvailableNow {
  private static final Logger LOG = LoggerFactory.getLogger(InputStream.class);

  private final InputDiscovery discovery;
  private final InputLog log;
  private final InputDiscovery.Limits limits;
  private final InputReaderFactory readers;
  private final int parallelism;
  private Set<String> planned;

  InputStream(
      InputDiscovery discovery,
      InputLog log,
      InputDiscovery.Limits limits,
      InputReaderFactory readers,
      int parallelism) {
    this.discovery = discovery;
    this.log = log;
    this.limits = limits;
    this.readers = readers;
    this.parallelism = parallelism;
  }

  @Override
  public Offset initialOffset() {
    return new InputsOffset(0);
  }

  @Override
  public Offset deserializeOffset(String json) {
    return InputsOffset.parse(json);
  }

  @Override
  public ReadLimit getDefaultReadLimit() {
    return ReadLimit.allAvailable(); // the discovery applies the limits itself
  }

  @Override
  public void prepareForTriggerAvailableNow() {
    discovery.freeze();
  }

  @Override
  public Offset latestOffset() {
    throw new UnsupportedOperationException("latestOffset(Offset, ReadLimit) is the entry point");
  }

  /**
   * Plans batch {@code start}: an entry already in the log (planned before a crash, before Spark
   * recorded its offset) is taken as it is; otherwise the discovery's next inputs are recorded.
   */
  @Override
  public Offset latestOffset(Offset startOffset, ReadLimit limit) {
    long next = startOffset == null ? 0 : ((InputsOffset) startOffset).planned();
    if (log.read(next).isPresent()) {
      return new InputsOffset(next + 1);
    }
    Set<String> seen = planned();
    List<InputRef> inputs = discovery.next(seen::contains, limits);
    if (inputs.isEmpty()) {
      // Before the first batch Spark counts any offset as new data; no offset at all means no
      // batch,
      // so a stream over an empty folder does not commit an empty batch 0.
      return next == 0 ? null : new InputsOffset(next);
    }
    log.write(next, inputs);
    inputs.forEach(input -> seen.add(input.uri()));
    LOG.debug("batch {}: {} inputs planned", next, inputs.size());
    return new InputsOffset(next + 1);
  }

  @Override
  public InputPartition[] planInputPartitions(Offset start, Offset end) {
    long from = ((InputsOffset) start).planned();
    long to = ((InputsOffset) end).planned();
    List<InputRef> inputs = new ArrayList<>();
    for (long batch = from; batch < to; batch++) {
      long missing = batch;
      inputs.addAll(
          log.read(batch)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "The checkpoint's input log has no batch " + missing)));
    }
    return InputSlices.of(inputs, parallelism);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    return readers;
  }

  @Override
  public void commit(Offset end) {
    long planned = ((InputsOffset) end).planned();
    if (planned > 0) {
      discovery.committed(planned - 1);
    }
  }

  @Override
  public void stop() {
    discovery.stop();
  }

  /** URIs of every input recorded so far: read once from the log, then kept up to date. */
  private Set<String> planned() {
    if (planned == null) {
      planned = log.uris();
      LOG.debug("{} inputs known from the checkpoint", planned.size());
    }
    return planned;
  }
}
