package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.config.PersonalColumns;
import io.orderstream.error.OrderstreamException;
import io.orderstream.model.ColumnDef;
import io.orderstream.model.CustomerTable;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks every start makes on existing tables read their logs: a start whose tables need
 * nothing runs no Spark job, and one whose tables need something still gets it done.
 */
@SparkTest
class TableCreatorTest {
  private static final TableDef LATEST = OrderEventLatestTable.DEFINITION;
  private static final String GROUP = "table-creator-test";
  private static final String LAST = "table-creator-test: last job";
  private static final String GROUP_KEY = "spark.jobGroup.id";
  private static final String DESCRIPTION_KEY = "spark.job.description";

  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void aStartWhoseTablesNeedNothingRunsNoSparkJob() throws InterruptedException {
    TableLocations locations = new TableLocations(dir.toString());
    TableCreator creator = new TableCreator(spark, locations);
    creator.createMissing(Tables.all());
    appendLatest(locations.pathOf(LATEST.name()), 7);

    assertThat(sparkJobsOf(() -> creator.createMissing(Tables.all()))).isZero();
  }

  @Test
  void rowsStoredWithoutNanosecondsAreFilledFromTheirRawEventAtTheNextStart()
      throws InterruptedException {
    TableLocations locations = new TableLocations(dir.toString());
    TableCreator creator = new TableCreator(spark, locations);
    creator.createMissing(List.of(LATEST));
    String path = locations.pathOf(LATEST.name());
    appendLatest(path, null);

    // The log counts nulls in the column, so Spark looks for them and fills them; this also shows
    // the count above hears the jobs of the pool's threads.
    assertThat(sparkJobsOf(() -> creator.createMissing(List.of(LATEST)))).isPositive();

    Map<String, Integer> nanos =
        spark.read().format("delta").load(path).collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> r.getAs("order_id"),
                    r -> r.getAs(OrderEventLatestTable.UPDATED_AT_NANOS)));
    assertThat(nanos).containsExactlyInAnyOrderEntriesOf(Map.of("order-a", 789, "order-b", 0));
  }

  @Test
  void aTableWrittenWithAnotherPersonalColumnsModeStillRefusesToStart() {
    TableLocations locations = new TableLocations(dir.toString());
    TableDef customer = Tables.byName(CustomerTable.NAME);
    new TableCreator(spark, locations).createMissing(List.of(customer));

    PersonalDataMask dropping = new PersonalDataMask(PersonalColumns.DROP, "");
    TableCreator dropper = new TableCreator(spark, locations, dropping);
    assertThatThrownBy(() -> dropper.createMissing(List.of(customer)))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageContaining(CustomerTable.NAME);
  }

  /**
   * Two order_event_latest rows: order-a's event at a time with nanoseconds (789 below its
   * microsecond), order-b's without a fraction; {@code nanos} is what both store in the column.
   */
  private void appendLatest(String path, Integer nanos) {
    Column[] columns =
        LATEST.columns().stream()
            .map(c -> value(c, nanos).cast(c.type()).as(c.name()))
            .toArray(Column[]::new);
    spark
        .createDataFrame(
            List.of(
                RowFactory.create("order-a", "{\"dat_atui\":\"2024-05-01T10:00:00.123456789Z\"}"),
                RowFactory.create("order-b", "{\"dat_atui\":\"2024-05-01T11:00:00Z\"}")),
            new StructType().add("o", "string").add("raw", "string"))
        .select(columns)
        .coalesce(1)
        .write()
        .format("delta")
        .mode("append")
        .save(path);
  }

  private static Column value(ColumnDef column, Integer nanos) {
    return switch (column.name()) {
      case "order_id" -> col("o");
      case "raw_event" -> col("raw");
      case OrderEventLatestTable.UPDATED_AT -> lit(Timestamp.valueOf("2024-05-01 10:00:00"));
      case OrderEventLatestTable.UPDATED_AT_NANOS -> lit(nanos);
      default -> lit(null);
    };
  }

  /**
   * The Spark jobs {@code work} started, on any thread: the pool threads that create tables carry
   * the caller's job group. A last job of the group, once heard, shows every earlier one was heard
   * too (the listener bus keeps their order).
   */
  private long sparkJobsOf(Runnable work) throws InterruptedException {
    AtomicInteger jobs = new AtomicInteger();
    CountDownLatch last = new CountDownLatch(1);
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart start) {
            Properties properties = start.properties();
            if (properties == null || !GROUP.equals(properties.getProperty(GROUP_KEY))) {
              return;
            }
            if (LAST.equals(properties.getProperty(DESCRIPTION_KEY))) {
              last.countDown();
            } else {
              jobs.incrementAndGet();
            }
          }
        };
    SparkContext context = spark.sparkContext();
    context.addSparkListener(listener);
    try {
      context.setJobGroup(GROUP, GROUP, false);
      work.run();
      context.setJobDescription(LAST);
      spark.range(1).count();
      assertThat(last.await(60, TimeUnit.SECONDS)).as("the last job heard").isTrue();
      return jobs.get();
    } finally {
      context.clearJobGroup();
      context.setJobDescription(null);
      context.removeSparkListener(listener);
    }
  }
}
