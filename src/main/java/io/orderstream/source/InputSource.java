package io.orderstream.source;

import io.orderstream.error.OrderstreamException;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where a run's inputs come from: a folder or bucket prefix, S3 notifications on a queue, a Kafka
 * topic. The pipeline sees only this: a stream of inputs with the {@link InputRows} columns, a
 * check before anything is written, and two lifecycle calls.
 *
 * <p>An input is one unit a sender delivered (a file, an object, a record). Its {@code source} name
 * is what the quarantine shows; an input that cannot be read at all (gone before it was read, over
 * the size limit) still yields a row, with {@code problem} set, so nothing vanishes silently.
 *
 * <p>Adding a source is one implementation here (or in a sub-package), its settings in {@link
 * io.orderstream.config.Setting}, and one line in {@link InputSources}.
 */
public interface InputSource {

  /**
   * Checks the location or endpoint before the pipeline writes anything.
   *
   * @throws io.orderstream.error.OrderstreamException (exit 2) naming the setting and the fix
   */
  void validate(SparkSession spark);

  /** The streaming inputs, with the {@link InputRows#SCHEMA} columns. */
  Dataset<Row> stream(SparkSession spark);

  /**
   * Counts the inputs a {@code run --once} will read, before its query starts; for the progress bar
   * only, so the pipeline asks only when one is shown. Unknown by default: an SQS queue's message
   * count is approximate and counts messages, not objects (test events and duplicates included), so
   * the SQS source leaves it unknown.
   */
  default Backlog backlog(SparkSession spark) {
    return Backlog.unknown();
  }

  /**
   * Inputs known to be waiting once batch {@code batchId} has committed: for the batch log and the
   * metrics. Unknown by default; the folder source counts the files its last listing left for later
   * batches, the Kafka source the records between the batch's end offsets and the partitions' ends.
   * SQS leaves it unknown: the queue's depth counts messages (test events and duplicates included),
   * not objects, and CloudWatch already serves it.
   */
  default Backlog waiting(long batchId) {
    return Backlog.unknown();
  }

  /** Called on the batch's thread once batch {@code batchId} is in every table and its manifest. */
  default void batchCommitted(long batchId) {}

  /** Called once after the streaming query has ended, normally or not. */
  default void close() {}

  /**
   * The user's message for a failure of the streaming query that this source understands better
   * than a generic "the pipeline stopped" (Kafka's data loss, say); empty for any other failure.
   */
  default Optional<OrderstreamException> explain(Throwable failure) {
    return Optional.empty();
  }

  /**
   * Whether the streaming query may be started again once after {@code failure}: a failure of the
   * source's own bookkeeping that a restart from the checkpoint clears, with nothing lost or read
   * twice. False for everything else, which stops the run.
   */
  default boolean restartClears(Throwable failure) {
    return false;
  }

  /** A phrase for the start-up log line, such as {@code folder /data/in}. */
  String describe();
}
