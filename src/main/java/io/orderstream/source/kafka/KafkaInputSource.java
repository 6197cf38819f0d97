package io.orderstream.source.kafka;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import io.orderstream.event.RejectReason;
import io.orderstream.source.Backlog;
import io.orderstream.source.InputRows;
import io.orderstream.source.InputSource;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records of Kafka topics ({@code --source kafka}) through Spark's own Kafka source: each record is
 * one input named {@code topic/partition/offset}, its value the content (one event, a JSON array of
 * events or JSON Lines, as a file would hold). Keys are not read: which event of an order wins is
 * decided by the events themselves, never by arrival order.
 *
 * <p>Exactly once: the offsets each batch reads are written to the streaming checkpoint before the
 * batch runs, and each table write carries the batch's Delta transaction id, so a batch replayed
 * after a crash reads the same records and changes no table twice. A record with no value (a
 * tombstone) is quarantined {@code empty}; one over {@code max-input-size} {@code too-large},
 * unread.
 *
 * <p>When records the checkpoint still has to read were deleted by retention, the run stops (exit
 * 1) naming topic, partition and offsets, unless {@code kafka-fail-on-data-loss=false}: then it
 * skips to the oldest record still there and goes on. That is checked at start, against the
 * checkpoint's offset log, before Spark's source runs (see {@link KafkaDataLoss}).
 */
public final class KafkaInputSource implements InputSource {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaInputSource.class);
  private final KafkaSettings settings;
  private final long maxInputSize;
  private final String checkpoint;

  /** The session's Hadoop settings, for the checkpoint's offset log; set when the stream starts. */
  private Configuration hadoop;

  /** Asked where the partitions end after each batch; opened by the first batch. */
  private KafkaCluster endsOfPartitions;

  public KafkaInputSource(RunConfig config) {
    this.settings = KafkaSettings.of(config);
    this.maxInputSize = config.value(Setting.MAX_INPUT_SIZE);
    this.checkpoint = config.checkpoint();
  }

  /**
   * Checks the settings together, then asks the cluster (bounded in time) whether it is there and
   * has the topic: Spark's source would wait for either without end.
   */
  @Override
  public void validate(SparkSession spark) {
    settings.check();
    try (KafkaCluster cluster =
        KafkaCluster.connect(
            settings.servers(), settings.clientSettings(), Setting.KAFKA_BOOTSTRAP_SERVERS.key())) {
      if (settings.topic() != null) {
        cluster.requireTopic(settings.topic(), Setting.KAFKA_TOPIC.key());
      } else {
        cluster.requireMatch(settings.pattern(), Setting.KAFKA_TOPIC_PATTERN.key());
      }
      checkNothingLost(cluster, spark.sparkContext().hadoopConfiguration());
    }
  }

  /**
   * Stops (exit 1) when records between the checkpoint's resume point and the oldest record Kafka
   * still holds were deleted unread, unless {@code kafka-fail-on-data-loss=false}: then it says
   * what is skipped and Spark's source, told the same, goes on from the oldest record.
   */
  private void checkNothingLost(KafkaCluster cluster, Configuration hadoop) {
    Map<TopicPartition, Long> resumeAt = CheckpointOffsets.resumeAt(checkpoint, hadoop);
    if (resumeAt.isEmpty()) {
      return;
    }
    KafkaDataLoss.gaps(resumeAt, cluster.earliestOffsets(resumeAt.keySet()))
        .ifPresent(
            lost -> {
              if (settings.failOnDataLoss()) {
                throw Errors.kafkaDataLoss(lost, topics(), null);
              }
              LOG.warn(
                  "Kafka data loss on {}: {}; going on without them, as kafka-fail-on-data-loss=false says",
                  topics(),
                  lost);
            });
  }

  private String topics() {
    return settings.topic() != null ? settings.topic() : settings.pattern().pattern();
  }

  /**
   * The records between batch {@code batchId}'s end offsets (its {@code offsets/N} in the
   * checkpoint) and each partition's end, asked of the cluster after the batch: Spark's source
   * commits no consumer group offsets, so the cluster's own lag tools cannot tell. Offsets count
   * records (a transaction's markers too, so a transactional producer's count is a little high).
   * Unknown when the cluster does not answer: the batch is committed and must not wait for this.
   */
  @Override
  public Backlog waiting(long batchId) {
    if (hadoop == null) {
      return Backlog.unknown();
    }
    try {
      Map<TopicPartition, Long> batchEnds = CheckpointOffsets.endOf(checkpoint, batchId, hadoop);
      if (batchEnds.isEmpty()) {
        return Backlog.unknown();
      }
      if (endsOfPartitions == null) {
        endsOfPartitions =
            KafkaCluster.connect(
                settings.servers(),
                settings.clientSettings(),
                Setting.KAFKA_BOOTSTRAP_SERVERS.key());
      }
      Map<TopicPartition, Long> ends = endsOfPartitions.latestOffsets(batchEnds.keySet());
      long behind = 0;
      for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        behind += Math.max(0, end.getValue() - batchEnds.get(end.getKey()));
      }
      return Backlog.of(behind);
    } catch (RuntimeException e) {
      LOG.debug("Could not count the records waiting after batch {}", batchId, e);
      return Backlog.unknown();
    }
  }

  @Override
  public void close() {
    if (endsOfPartitions != null) {
      endsOfPartitions.close();
      endsOfPartitions = null;
    }
  }

  @Override
  public Dataset<Row> stream(SparkSession spark) {
    hadoop = spark.sessionState().newHadoopConf();
    Dataset<Row> records =
        spark.readStream().format("kafka").options(settings.sourceOptions()).load();
    Column value = col("value");
    Column tombstone = value.isNull();
    Column tooLarge = length(value).gt(maxInputSize);
    return records.select(
        concat_ws("/", col("topic"), col("partition").cast("string"), col("offset").cast("string"))
            .as(InputRows.SOURCE),
        when(tooLarge, lit(null).cast("binary")).otherwise(value).as(InputRows.CONTENT),
        when(tombstone, lit(RejectReason.EMPTY.code()))
            .when(tooLarge, lit(RejectReason.TOO_LARGE.code()))
            .as(InputRows.PROBLEM),
        when(tombstone, lit("the record has no value (a tombstone)"))
            .when(
                tooLarge,
                concat(
                    lit("the record's value is "),
                    length(value).cast("string"),
                    lit(" bytes, over max-input-size (" + maxInputSize + " bytes)")))
            .as(InputRows.DETAIL),
        // The producer's time, or the broker's under LogAppendTime: the topic's setting decides.
        col("timestamp").as(InputRows.ARRIVED_AT));
  }

  @Override
  public Optional<OrderstreamException> explain(Throwable failure) {
    return KafkaDataLoss.explain(failure, settings);
  }

  /**
   * Spark 4.1.1's Kafka source fails its progress report after the first batch of a restart that
   * replays a batch planned before a crash: {@code KafkaMicroBatchStream.metrics} reads the latest
   * offsets, which only planning a new batch sets (SPARK-55271, fixed after 4.1.1). The replayed
   * batch and its commit are written by then; a second start plans its batches normally.
   */
  @Override
  public boolean restartClears(Throwable failure) {
    return KafkaProgressBug.matches(failure);
  }

  @Override
  public String describe() {
    String topics =
        settings.topic() != null
            ? "Kafka topic " + settings.topic()
            : "Kafka topics matching " + settings.pattern().pattern();
    return topics + " at " + settings.servers();
  }
}
