package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.event.DecodedRows;
import io.orderstream.model.Lineage;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.Winners;
import io.orderstream.testing.OneEventFiles;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The net under the decoder: a derivation that fails with a data error for some events (here a
 * status that does not cast to a number under ANSI mode, a real Spark error from evaluating rows)
 * quarantines exactly those events and derives the rest; other failures propagate untouched.
 */
@SparkTest
class PoisonIsolationTest {
  private static final long BATCH = 7;
  private final SparkSession spark = PipelineHarness.spark();
  private final AtomicInteger derivations = new AtomicInteger();

  // ---------------------------------------------------------------- fixtures

  private static String event(String orderId, String updatedAt, String status) {
    return OneEventFiles.event(orderId, updatedAt, status);
  }

  /** Decoded events of files named {@code f0.json, f1.json, ...}, one event each. */
  private Dataset<Row> events(String... documents) {
    return OneEventFiles.decoded(spark, "f", documents);
  }

  private Dataset<Row> noStoredWinners() {
    return spark.createDataFrame(List.of(), OrderEventLatestTable.DEFINITION.schema());
  }

  /** How many changed orders a derivation's rows are for: one row per order in these tests. */
  private static final ToLongFunction<List<Row>> ROWS = List::size;

  /**
   * Derives the orders' rows, as far as evaluating every column; a status that is not a number
   * fails it under ANSI mode.
   */
  private Function<Winners, List<Row>> statusMustNotBe(String poison) {
    return winners -> {
      derivations.incrementAndGet();
      return winners
          .rows()
          .select(
              col("order_id"),
              col("e.stat_pedi"),
              when(col("e.stat_pedi").equalTo(poison), col("e.stat_pedi").cast("long"))
                  .as("checked"))
          .collectAsList();
    };
  }

  private static List<String> orders(List<Row> derived) {
    return derived.stream().map(r -> r.getString(0)).sorted().toList();
  }

  // ---------------------------------------------------------------- isolated

  @Test
  void eventsFailingTheDerivationAreQuarantinedAndTheOtherOrdersDerived() {
    Dataset<Row> events =
        events(
            event("A", "2024-01-01T00:00:00Z", "PAID"),
                event("B", "2024-01-01T00:00:00Z", "POISON"),
            event("C", "2024-01-01T00:00:00Z", "PAID"), event("D", "2024-01-01T00:00:00Z", "PAID"),
            event("E", "2024-01-01T00:00:00Z", "PAID"),
                event("F", "2024-01-01T00:00:00Z", "POISON"),
            event("G", "2024-01-01T00:00:00Z", "PAID"), event("H", "2024-01-01T00:00:00Z", "PAID"));

    PoisonIsolation.Outcome<List<Row>> outcome =
        PoisonIsolation.derive(events, noStoredWinners(), BATCH, statusMustNotBe("POISON"), ROWS);

    assertThat(orders(outcome.prepared())).containsExactly("A", "C", "D", "E", "G", "H");
    assertThat(outcome.changed()).isEqualTo(6);
    assertThat(outcome.unprocessableCount()).isEqualTo(2);
    List<Row> quarantined = outcome.unprocessable().orderBy("source").collectAsList();
    assertThat(quarantined)
        .extracting(r -> r.<String>getAs("source"))
        .containsExactly("file:/in/f1.json", "file:/in/f5.json");
    assertThat(quarantined)
        .allSatisfy(
            r -> {
              assertThat(r.<String>getAs("kind")).isEqualTo(DecodedRows.KIND_REJECTED);
              assertThat(r.<String>getAs("reason")).isEqualTo("unprocessable");
              assertThat(r.<String>getAs("detail"))
                  .contains("CAST_INVALID_INPUT")
                  .contains("POISON")
                  .doesNotContain("\n");
              assertThat(r.<String>getAs("raw")).contains("POISON");
            });
    // the decoder's rejection columns, so BatchProcessor can union them with its rejections by name
    assertThat(quarantined.get(0).schema().fieldNames())
        .containsExactly(DecodedRows.SCHEMA.fieldNames());
    // the failed batch, 2 halves, 4 quarters, the 4 orders of the 2 failing quarters, the batch
    // without the culprits
    assertThat(derivations.get()).isEqualTo(1 + 2 + 4 + 4 + 1);
  }

  @Test
  void aReplayedBatchQuarantinesTheSameEvents() {
    Dataset<Row> events =
        events(
            event("A", "2024-01-01T00:00:00Z", "PAID"),
            event("B", "2024-01-01T00:00:00Z", "POISON"),
            event("C", "2024-01-01T00:00:00Z", "POISON"));

    List<Row> first =
        PoisonIsolation.derive(events, noStoredWinners(), BATCH, statusMustNotBe("POISON"), ROWS)
            .unprocessable()
            .orderBy("source")
            .collectAsList();
    List<Row> replay =
        PoisonIsolation.derive(events, noStoredWinners(), BATCH, statusMustNotBe("POISON"), ROWS)
            .unprocessable()
            .orderBy("source")
            .collectAsList();

    assertThat(replay).isEqualTo(first).hasSize(2);
  }

  @Test
  void whenTheWinningEventIsQuarantinedTheOrdersNextBestEventWins() {
    Dataset<Row> events =
        events(
            event("A", "2024-01-02T00:00:00Z", "POISON"),
            event("A", "2024-01-01T00:00:00Z", "PAID"),
            event("B", "2024-01-01T00:00:00Z", "PAID"));

    PoisonIsolation.Outcome<List<Row>> outcome =
        PoisonIsolation.derive(events, noStoredWinners(), BATCH, statusMustNotBe("POISON"), ROWS);

    assertThat(outcome.prepared())
        .extracting(r -> r.getString(0) + "=" + r.getString(1))
        .containsExactlyInAnyOrder("A=PAID", "B=PAID");
    assertThat(outcome.unprocessableCount()).isOne();
  }

  @Test
  void everyCopyOfAPoisonedEventIsQuarantined() {
    String poisoned = event("A", "2024-01-01T00:00:00Z", "POISON");
    Dataset<Row> events = events(poisoned, poisoned, event("B", "2024-01-01T00:00:00Z", "PAID"));

    PoisonIsolation.Outcome<List<Row>> outcome =
        PoisonIsolation.derive(events, noStoredWinners(), BATCH, statusMustNotBe("POISON"), ROWS);

    assertThat(orders(outcome.prepared())).containsExactly("B");
    assertThat(outcome.unprocessableCount()).isEqualTo(2);
  }

  @Test
  void withoutAFailureNothingIsQuarantinedAndTheBatchIsDerivedOnce() {
    Dataset<Row> events =
        events(
            event("A", "2024-01-01T00:00:00Z", "PAID"), event("B", "2024-01-01T00:00:00Z", "PAID"));

    PoisonIsolation.Outcome<List<Row>> outcome =
        PoisonIsolation.derive(events, noStoredWinners(), BATCH, statusMustNotBe("POISON"), ROWS);

    assertThat(orders(outcome.prepared())).containsExactly("A", "B");
    assertThat(outcome.unprocessable()).isNull();
    assertThat(derivations.get()).isOne();
  }

  // ---------------------------------------------------------------- not isolated: fails loudly

  @Test
  void anEnvironmentFailureIsRethrownWithoutLookingForCulprits() {
    Dataset<Row> events =
        events(
            event("A", "2024-01-01T00:00:00Z", "PAID"), event("B", "2024-01-01T00:00:00Z", "PAID"));
    UncheckedIOException full =
        new UncheckedIOException(new java.io.IOException("No space left on device"));

    assertThatThrownBy(
            () ->
                PoisonIsolation.derive(
                    events,
                    noStoredWinners(),
                    BATCH,
                    winners -> {
                      derivations.incrementAndGet();
                      throw full;
                    },
                    ROWS))
        .isSameAs(full);
    assertThat(derivations.get()).isOne();
  }

  @Test
  void aBugIsRethrownWithoutLookingForCulprits() {
    Dataset<Row> events =
        events(
            event("A", "2024-01-01T00:00:00Z", "PAID"), event("B", "2024-01-01T00:00:00Z", "PAID"));

    assertThatThrownBy(
            () ->
                PoisonIsolation.derive(
                    events,
                    noStoredWinners(),
                    BATCH,
                    winners -> {
                      derivations.incrementAndGet();
                      return winners.rows().select(col("no_such_column")).collectAsList();
                    },
                    ROWS))
        .isInstanceOf(AnalysisException.class);
    assertThat(derivations.get()).isOne();
  }

  @Test
  void aDataErrorNoSingleOrderCausesIsRethrown() {
    Dataset<Row> events =
        events(
            event("A", "2024-01-01T00:00:00Z", "PAID"), event("B", "2024-01-01T00:00:00Z", "PAID"));

    assertThatThrownBy(
            () ->
                PoisonIsolation.derive(
                    events,
                    noStoredWinners(),
                    BATCH,
                    winners -> {
                      derivations.incrementAndGet();
                      // fails only for two orders together, like a key two orders' rows would share
                      return winners.rows().count() > 1
                          ? spark.sql("select cast('two' as bigint)").collectAsList()
                          : winners.rows().collectAsList();
                    },
                    ROWS))
        .hasMessageContaining("CAST_INVALID_INPUT");
    assertThat(derivations.get()).as("the batch, then each order alone").isEqualTo(3);
  }

  @Test
  void storedWinnersStillDecideWhichOrdersChanged() {
    Dataset<Row> events =
        events(
            event("A", "2024-01-01T00:00:00Z", "POISON"),
            event("B", "2024-01-01T00:00:00Z", "PAID"));
    Dataset<Row> stored =
        spark.createDataFrame(
            List.of(
                RowFactory.create(
                    "B",
                    java.sql.Timestamp.valueOf("2030-01-01 00:00:00"),
                    0,
                    null,
                    "h",
                    "{}",
                    "s",
                    1L)),
            OrderEventLatestTable.DEFINITION.schema());
    assertThat(OrderEventLatestTable.DEFINITION.schema().fieldNames()).contains(Lineage.BATCH_ID);

    PoisonIsolation.Outcome<List<Row>> outcome =
        PoisonIsolation.derive(events, stored, BATCH, statusMustNotBe("POISON"), ROWS);

    assertThat(outcome.prepared()).isNull();
    assertThat(outcome.changed()).isZero();
    assertThat(outcome.unprocessableCount()).isOne();
  }
}
