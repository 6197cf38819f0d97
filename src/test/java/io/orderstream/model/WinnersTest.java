package io.orderstream.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The winners' contract is checked where the rows are wrapped: every column missing or of another
 * type is named, and columns outside the contract are dropped.
 */
@SparkTest
class WinnersTest {
  private final SparkSession spark = SparkTestSession.get();

  private Dataset<Row> conforming() {
    return spark.createDataFrame(List.of(), Winners.SCHEMA);
  }

  @Test
  void rowsWithTheContractsColumnsInAnyOrderAreTakenInItsOrderWithoutExtras() {
    Dataset<Row> shuffled =
        conforming()
            .select(col(Winners.EVENT), col(Winners.ORDER_ID), col("*"))
            .drop(Winners.ORDER_ID)
            .withColumn(Winners.ORDER_ID, lit("A"))
            .withColumn("extra", lit(1));

    assertThat(Winners.of(shuffled).rows().schema().fieldNames())
        .containsExactly(Winners.SCHEMA.fieldNames());
  }

  @Test
  void everyMissingOrMistypedColumnIsNamed() {
    Dataset<Row> drifted =
        conforming()
            .drop(Winners.STORED_UPDATED_AT, Winners.RAW)
            .withColumn(Winners.VERSION, col(Winners.VERSION).cast("string"));

    assertThatThrownBy(() -> Winners.of(drifted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version is string, not bigint")
        .hasMessageContaining("raw is missing")
        .hasMessageContaining("stored_updated_at is missing");
  }

  @Test
  void theParsedEventMustHaveTheEventSchema() {
    Dataset<Row> flat = conforming().withColumn(Winners.EVENT, lit("{}"));

    assertThatThrownBy(() -> Winners.of(flat)).hasMessageContaining("e is string, not struct<");
  }
}
