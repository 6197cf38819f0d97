package io.orderstream.event;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The winning-event rank: dat_atui to the nanosecond, then version (missing lowest), then hash. */
@SparkTest
class EventOrderTest {
  private static final StructType EVENTS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("updated_at", DataTypes.TimestampType)
          .add("updated_at_nanos", DataTypes.IntegerType)
          .add("version", DataTypes.LongType)
          .add("event_hash", DataTypes.StringType)
          .add("label", DataTypes.StringType);
  private static final Timestamp SECOND = Timestamp.from(Instant.parse("2024-05-01T10:00:00Z"));

  @Test
  void laterNanosecondBeatsHigherVersionWithinOneMicrosecond() {
    assertThat(winner(row(SECOND, 900, 1L, "a", "later"), row(SECOND, 100, 2L, "b", "earlier")))
        .isEqualTo("later");
  }

  @Test
  void equalInstantGoesToTheHigherVersionAndMissingVersionLoses() {
    assertThat(winner(row(SECOND, 500, 1L, "a", "v1"), row(SECOND, 500, 2L, "b", "v2")))
        .isEqualTo("v2");
    assertThat(winner(row(SECOND, 500, null, "z", "none"), row(SECOND, 500, 1L, "a", "v1")))
        .isEqualTo("v1");
  }

  @Test
  void aLaterMicrosecondBeatsAnyNanosecondsOfTheOneBefore() {
    Timestamp microLater = Timestamp.from(Instant.parse("2024-05-01T10:00:00.000001Z"));
    assertThat(winner(row(SECOND, 999, 9L, "a", "earlier"), row(microLater, 0, 1L, "b", "later")))
        .isEqualTo("later");
  }

  @Test
  void missingNanosecondsRankAsZero() {
    assertThat(winner(row(SECOND, null, 5L, "a", "stored"), row(SECOND, 1, 1L, "b", "new")))
        .isEqualTo("new");
    assertThat(winner(row(SECOND, null, 5L, "a", "stored"), row(SECOND, 0, 1L, "b", "new")))
        .isEqualTo("stored");
  }

  private static Row row(Timestamp at, Integer nanos, Long version, String hash, String label) {
    return RowFactory.create("O1", at, nanos, version, hash, label);
  }

  private static String winner(Row... rows) {
    Dataset<Row> events = SparkTestSession.get().createDataFrame(List.of(rows), EVENTS);
    return EventOrder.bestPerOrder(events).select(col("label")).first().getString(0);
  }
}
