package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.error.OrderstreamException;
import io.orderstream.model.OrderEventTable;
import io.orderstream.model.OrderItemStatusHistoryTable;
import io.orderstream.model.OrderStatusHistoryTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.StatusHistory;
import io.orderstream.model.Tables;
import io.orderstream.ops.CheckResult;
import io.orderstream.ops.Rebuild;
import io.orderstream.ops.TableComparison;
import io.orderstream.sink.TableLocations;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event log and the status histories through the real streaming query: periods checked by hand
 * against the lifecycle fixture's events, the same histories whatever the arrival order and
 * batching, a late event splitting a period, a dropped line, and {@code rebuild} leaving what the
 * incremental pipeline left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SparkTest
class StatusHistoryPipelineTest {
  private static final String LIFECYCLE = "lifecycle";

  /** Two lines, two shipments, a dat_atui tie (versions 3 and 4), a first event with no version. */
  private static final String TWO_SHIPMENTS = "NSB7087517859962";

  private static final String LINE_ONE = TWO_SHIPMENTS + ":MKU-H6cOkjOLPZjjH";
  private static final String LINE_TWO = TWO_SHIPMENTS + ":MKU-j2wPTF5uArSZ5";

  /** Five events; the PAID one (_4) is the late one in {@link #lateEventSplitsAPeriod}. */
  private static final String LATE_ORDER = "WOZ1830024297368";

  private static final Set<String> HISTORY_TABLES =
      Set.of(OrderEventTable.NAME, OrderStatusHistoryTable.NAME, OrderItemStatusHistoryTable.NAME);

  private PipelineHarness allAtOnce;

  @BeforeAll
  void runAllEventsInOneBatch(@TempDir Path dir) {
    allAtOnce = new PipelineHarness(dir).add(LIFECYCLE, PipelineHarness.fixtureNames(LIFECYCLE));
    assertThat(allAtOnce.runOnce().batches()).isEqualTo(1);
  }

  @Test
  void orderPeriodsOfTheTiedOrderAreTheHandCheckedOnes() {
    assertThat(periods(allAtOnce, OrderStatusHistoryTable.NAME, "order_id", TWO_SHIPMENTS))
        .containsExactly(
            "PRE-ORDER 2024-07-04T13:58:33.181Z 2024-07-04T13:58:35.124Z v=null",
            "IN-PROCESSING 2024-07-04T13:58:35.124Z 2024-07-04T13:58:40.758Z v=0",
            "PAID 2024-07-04T13:58:40.758Z 2024-07-04T18:04:53.541Z v=1",
            "PARTIALLY-BILLED 2024-07-04T18:04:53.541Z 2024-07-04T18:04:54.254Z v=2",
            // the tie at 18:04:54.254: version 4 wins over 3, and no zero-length period is kept
            "PARTIALLY-SENT 2024-07-04T18:04:54.254Z 2024-07-05T03:00:29.737Z v=4",
            "SENT 2024-07-05T03:00:29.737Z 2024-07-05T18:31:01.247Z v=5",
            "PARTIALLY-DELIVERED 2024-07-05T18:31:01.247Z 2024-07-08T18:03:26.260Z v=6",
            "DELIVERED 2024-07-08T18:03:26.260Z null v=7");
  }

  @Test
  void linePeriodsFollowTheirShipmentsAndTheTiesWinner() {
    assertThat(periods(allAtOnce, OrderItemStatusHistoryTable.NAME, "order_item_id", LINE_ONE))
        .containsExactly(
            "PRE-ORDER 2024-07-04T13:58:33.181Z 2024-07-04T13:58:35.124Z v=null",
            "IN-PROCESSING 2024-07-04T13:58:35.124Z 2024-07-04T13:58:40.758Z v=0",
            "PAID 2024-07-04T13:58:40.758Z 2024-07-04T18:04:53.541Z v=1",
            "BILLED 2024-07-04T18:04:53.541Z 2024-07-04T18:04:54.254Z v=2",
            // SENT from the tie's winner on, through two more SENT events: one period
            "SENT 2024-07-04T18:04:54.254Z 2024-07-08T18:03:26.260Z v=4",
            "DELIVERED 2024-07-08T18:03:26.260Z null v=7");
    // The partial shipment: not shipped yet at 18:04:53.541, the line takes the order's status;
    // shipped (BILLED) in version 4 of the tie, while version 3 has no shipment for it.
    assertThat(periods(allAtOnce, OrderItemStatusHistoryTable.NAME, "order_item_id", LINE_TWO))
        .containsExactly(
            "PRE-ORDER 2024-07-04T13:58:33.181Z 2024-07-04T13:58:35.124Z v=null",
            "IN-PROCESSING 2024-07-04T13:58:35.124Z 2024-07-04T13:58:40.758Z v=0",
            "PAID 2024-07-04T13:58:40.758Z 2024-07-04T18:04:53.541Z v=1",
            "PARTIALLY-BILLED 2024-07-04T18:04:53.541Z 2024-07-04T18:04:54.254Z v=2",
            "BILLED 2024-07-04T18:04:54.254Z 2024-07-05T03:00:29.737Z v=4",
            "SENT 2024-07-05T03:00:29.737Z 2024-07-05T18:31:01.247Z v=5",
            "DELIVERED 2024-07-05T18:31:01.247Z null v=6");
  }

  @Test
  void theCurrentPeriodHasTheStatusOfTheCurrentRows() {
    List<Row> orders =
        allAtOnce
            .table("order_item")
            .select("order_id", "order_status")
            .distinct()
            .join(
                allAtOnce
                    .table(OrderStatusHistoryTable.NAME)
                    .where("valid_to IS NULL")
                    .select("order_id", "status"),
                "order_id")
            .collectAsList();
    assertThat(orders).hasSize(5);
    orders.forEach(r -> assertThat(r.<String>getAs("status")).isEqualTo(r.getAs("order_status")));
    List<Row> lines =
        allAtOnce
            .table("order_item")
            .select("id", "item_status")
            .join(
                allAtOnce
                    .table(OrderItemStatusHistoryTable.NAME)
                    .where("valid_to IS NULL")
                    .select(
                        org.apache.spark.sql.functions.col("order_item_id").as("id"),
                        org.apache.spark.sql.functions.col("status")),
                "id")
            .collectAsList();
    assertThat(lines).hasSize((int) allAtOnce.table("order_item").count());
    lines.forEach(r -> assertThat(r.<String>getAs("status")).isEqualTo(r.getAs("item_status")));
  }

  @Test
  void theReferencesTimePerStatusQueryRunsOnTheHistory() {
    List<Row> hours =
        PipelineHarness.spark()
            .sql(
                StatusHistory.TIME_PER_STATUS_SQL.formatted(
                    "delta.`" + allAtOnce.tablesLocation() + "/order_item_status_history`"))
            .collectAsList();
    Row paid =
        hours.stream().filter(r -> "PAID".equals(r.getAs("status"))).findFirst().orElseThrow();
    assertThat(paid.<Long>getAs("periods")).isPositive();
    assertThat(paid.<Double>getAs("avg_hours")).isPositive();
    // NSB's two lines were PAID from 13:58:40.758 to 18:04:53.541 on the same day: 4.1 hours.
    assertThat(hours).extracting(r -> r.<String>getAs("status")).contains("DELIVERED", "SENT");
  }

  @Test
  void theEventLogHoldsEachDistinctEventOnce() {
    List<Row> log = allAtOnce.table(OrderEventTable.NAME).collectAsList();
    assertThat(log).hasSize(26);
    assertThat(log.stream().map(r -> r.<String>getAs("event_hash")).distinct()).hasSize(26);
    Row first =
        allAtOnce.table(OrderEventTable.NAME).where("order_id = '" + TWO_SHIPMENTS + "'").first();
    assertThat(first.<String>getAs("raw_event")).contains(TWO_SHIPMENTS);
  }

  @Test
  void everyArrivalOrderAndBatchingGivesTheSameHistories(@TempDir Path dir) {
    // One event a batch, newest first, for the two orders with ties, late events and shipments
    // (a batch costs seconds here; the lifecycle test shuffles every order over three runs).
    Set<String> twoOrders = Set.of(TWO_SHIPMENTS, LATE_ORDER);
    List<String> names =
        new ArrayList<>(
            PipelineHarness.fixtureNames(LIFECYCLE).stream()
                .filter(n -> n.startsWith(TWO_SHIPMENTS) || n.startsWith(LATE_ORDER))
                .toList());
    Collections.reverse(names);
    PipelineHarness newestFirst =
        new PipelineHarness(dir.resolve("reverse")).add(LIFECYCLE, names).readInOrder(names);
    assertThat(newestFirst.runOnce(1).batches()).isEqualTo(names.size());
    assertThat(histories(newestFirst, twoOrders)).isEqualTo(histories(allAtOnce, twoOrders));

    List<String> all = new ArrayList<>(PipelineHarness.fixtureNames(LIFECYCLE));
    Collections.shuffle(all, new Random(14));
    PipelineHarness shuffled =
        new PipelineHarness(dir.resolve("shuffled")).add(LIFECYCLE, all).readInOrder(all);
    shuffled.runOnce(7);
    // The same files again, under new names: duplicates change nothing.
    PipelineHarness.fixtureNames(LIFECYCLE).stream()
        .limit(9)
        .forEach(
            name ->
                shuffled.write("again-" + name, read(PipelineHarness.fixture(LIFECYCLE), name)));
    shuffled.runOnce();
    assertThat(histories(shuffled)).isEqualTo(histories(allAtOnce));

    // Rebuilt from the event log, the tables equal the incremental ones.
    Path rebuilt = dir.resolve("rebuilt");
    new Rebuild(
            PipelineHarness.spark(),
            new TableLocations(newestFirst.tablesLocation()),
            new TableLocations(rebuilt.toString()),
            "--into",
            PersonalDataMask.KEEP)
        .run();
    List<CheckResult> comparison =
        new TableComparison(
                PipelineHarness.spark(), rebuilt.toString(), newestFirst.tablesLocation())
            .compare();
    assertThat(comparison).hasSize(Tables.all().size());
    assertThat(PipelineHarness.failed(comparison)).isEmpty();
  }

  @Test
  void anEventTwiceInOneBatchIsLoggedOnceFromTheFirstInputByName(@TempDir Path dir) {
    List<String> names = fixturesOf(LATE_ORDER);
    PipelineHarness harness = new PipelineHarness(dir).add(LIFECYCLE, names);
    String copied = names.get(0);
    harness.write("0-copy-" + copied, read(PipelineHarness.fixture(LIFECYCLE), copied));

    assertThat(harness.runOnce().batches()).isEqualTo(1);

    List<Row> log = harness.table(OrderEventTable.NAME).collectAsList();
    assertThat(log).hasSize(names.size());
    assertThat(log)
        .filteredOn(row -> row.<String>getAs("source").contains(copied))
        .singleElement()
        .satisfies(row -> assertThat(row.<String>getAs("source")).contains("0-copy-"));
    assertThat(periods(harness, OrderStatusHistoryTable.NAME, "order_id", LATE_ORDER))
        .isEqualTo(periods(allAtOnce, OrderStatusHistoryTable.NAME, "order_id", LATE_ORDER));
  }

  @Test
  void lateEventSplitsAPeriodWithoutChangingTheWinner(@TempDir Path dir) {
    List<String> names = fixturesOf(LATE_ORDER);
    PipelineHarness harness =
        new PipelineHarness(dir)
            .add(LIFECYCLE, names.stream().filter(n -> !n.endsWith("_4.json")).toList());
    harness.runOnce();
    assertThat(periods(harness, OrderStatusHistoryTable.NAME, "order_id", LATE_ORDER))
        .containsExactly(
            "PRE-ORDER 2024-11-08T16:52:49.375Z 2024-11-08T16:52:54.848Z v=null",
            "IN-PROCESSING 2024-11-08T16:52:54.848Z 2024-11-09T06:13:32.156Z v=0",
            "BILLED 2024-11-09T06:13:32.156Z 2024-11-09T06:13:32.859Z v=0",
            "SENT 2024-11-09T06:13:32.859Z null v=1");
    Row winner = harness.table("order_event_latest").first();

    List<Long> changed = new ArrayList<>();
    harness.add(LIFECYCLE, List.of(LATE_ORDER + "_4.json"));
    harness.runOnce(1000, report -> changed.add(report.ordersChanged()));

    assertThat(changed).containsExactly(0L);
    assertThat(harness.table("order_event_latest").first().<String>getAs("event_hash"))
        .isEqualTo(winner.getAs("event_hash"));
    assertThat(periods(harness, OrderStatusHistoryTable.NAME, "order_id", LATE_ORDER))
        .containsExactly(
            "PRE-ORDER 2024-11-08T16:52:49.375Z 2024-11-08T16:52:54.848Z v=null",
            "IN-PROCESSING 2024-11-08T16:52:54.848Z 2024-11-08T16:53:37.878Z v=0",
            "PAID 2024-11-08T16:53:37.878Z 2024-11-09T06:13:32.156Z v=0",
            "BILLED 2024-11-09T06:13:32.156Z 2024-11-09T06:13:32.859Z v=0",
            "SENT 2024-11-09T06:13:32.859Z null v=1");

    // A late event inside a period of its own status splits nothing.
    Map<String, List<String>> before = histories(harness);
    harness.write(
        "late-same-status.json",
        edited(LATE_ORDER + "_6.json", event -> event.put("dat_atui", "2024-11-08T16:53:00.000Z")));
    harness.runOnce();
    Map<String, List<String>> after = histories(harness);
    assertThat(after.get(OrderStatusHistoryTable.NAME))
        .isEqualTo(before.get(OrderStatusHistoryTable.NAME));
    assertThat(after.get(OrderItemStatusHistoryTable.NAME))
        .isEqualTo(before.get(OrderItemStatusHistoryTable.NAME));
    assertThat(after.get(OrderEventTable.NAME))
        .hasSize(before.get(OrderEventTable.NAME).size() + 1);
  }

  @Test
  void aLineANewerEventDropsIsClosedAndARebuildInPlaceKeepsTheCheckpointGoing(@TempDir Path dir) {
    PipelineHarness incremental =
        new PipelineHarness(dir.resolve("incremental"))
            .add(LIFECYCLE, PipelineHarness.fixtureNames(LIFECYCLE));
    incremental.runOnce();
    incremental.write("dropped-line.json", withoutLineTwo());
    incremental.runOnce();

    assertThat(periods(incremental, OrderItemStatusHistoryTable.NAME, "order_item_id", LINE_TWO))
        .endsWith("DELIVERED 2024-07-05T18:31:01.247Z 2024-07-09T10:00:00Z v=6");
    assertThat(periods(incremental, OrderItemStatusHistoryTable.NAME, "order_item_id", LINE_ONE))
        .endsWith("DELIVERED 2024-07-08T18:03:26.260Z null v=7");
    assertThat(periods(incremental, OrderStatusHistoryTable.NAME, "order_id", TWO_SHIPMENTS))
        .endsWith("DELIVERED 2024-07-08T18:03:26.260Z null v=7");
    assertThat(incremental.table("order_item").where("id = '" + LINE_TWO + "'").count()).isZero();

    // The same two runs with a rebuild in place between them.
    PipelineHarness rebuilt =
        new PipelineHarness(dir.resolve("in-place"))
            .add(LIFECYCLE, PipelineHarness.fixtureNames(LIFECYCLE));
    rebuilt.runOnce();
    Map<String, Long> before = rebuilt.versions();
    TableLocations tables = new TableLocations(rebuilt.tablesLocation());
    Rebuild.Result result =
        new Rebuild(PipelineHarness.spark(), tables, tables, "--into", PersonalDataMask.KEEP).run();
    assertThat(result.events()).isEqualTo(26);
    Map<String, Long> after = rebuilt.versions();
    result
        .rows()
        .keySet()
        .forEach(table -> assertThat(after.get(table)).as(table).isEqualTo(before.get(table) + 1));
    assertThat(after.get(OrderEventTable.NAME)).isEqualTo(before.get(OrderEventTable.NAME));
    assertThat(rebuilt.snapshot()).isEqualTo(allAtOnce.snapshot());
    // The checkpoint goes on: only the new file is read.
    rebuilt.write("dropped-line.json", withoutLineTwo());
    assertThat(rebuilt.runOnce().events()).isEqualTo(1);
    assertThat(rebuilt.snapshot()).isEqualTo(incremental.snapshot());
  }

  @Test
  void tablesWrittenWithoutTheLogGetItSeededFromTheWinners(@TempDir Path dir) {
    PipelineHarness harness =
        new PipelineHarness(dir.resolve("without-log"))
            .add(LIFECYCLE, PipelineHarness.fixtureNames(LIFECYCLE));
    PipelineHarness.spark().conf().set(EventHistory.ENABLED_CONF, "false");
    try {
      harness.runOnce();
    } finally {
      PipelineHarness.spark().conf().unset(EventHistory.ENABLED_CONF);
    }
    assertThat(harness.table(OrderEventTable.NAME).count()).isZero();
    TableLocations tables = new TableLocations(harness.tablesLocation());
    Rebuild refused =
        new Rebuild(
            PipelineHarness.spark(),
            tables,
            new TableLocations(dir.resolve("refused").toString()),
            "--into",
            PersonalDataMask.KEEP);
    assertThatThrownBy(refused::run)
        .isInstanceOf(OrderstreamException.class)
        .hasMessageContaining("5 orders' winners are missing");

    // The next run with the log on seeds it with the five winners; one more event adds to it.
    harness.write("dropped-line.json", withoutLineTwo());
    harness.runOnce();
    assertThat(harness.table(OrderEventTable.NAME).count()).isEqualTo(6);
    assertThat(periods(harness, OrderStatusHistoryTable.NAME, "order_id", TWO_SHIPMENTS))
        .containsExactly("DELIVERED 2024-07-08T18:03:26.260Z null v=7");
    Path rebuilt = dir.resolve("rebuilt");
    new Rebuild(
            PipelineHarness.spark(),
            tables,
            new TableLocations(rebuilt.toString()),
            "--into",
            PersonalDataMask.KEEP)
        .run();
    assertThat(
            new TableComparison(
                    PipelineHarness.spark(), rebuilt.toString(), harness.tablesLocation())
                .compare("order_item"))
        .extracting(CheckResult::passed)
        .isEqualTo(true);
  }

  /** The last event of the two-shipment order, a day later, without its second line. */
  private static String withoutLineTwo() {
    return edited(
        TWO_SHIPMENTS + "_az.json",
        event -> {
          event.put("dat_atui", "2024-07-09T10:00:00Z");
          event.put("num_ulti_vers_sist", 8);
          ArrayNode lines = (ArrayNode) event.get("list_item_pedi");
          lines.remove(1);
          ArrayNode shipments = (ArrayNode) event.get("list_envo");
          for (int i = shipments.size() - 1; i >= 0; i--) {
            if (shipments.get(i).get("cod_tipo_entg").asText().equals("9pUt8e4s6Dc81")) {
              shipments.remove(i);
            }
          }
        });
  }

  private static String edited(String fixture, java.util.function.Consumer<ObjectNode> edit) {
    try {
      ObjectMapper json = new ObjectMapper();
      ObjectNode event =
          (ObjectNode) json.readTree(PipelineHarness.fixture(LIFECYCLE).resolve(fixture).toFile());
      edit.accept(event);
      return json.writeValueAsString(event);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The lifecycle fixture's files of one order. */
  private static List<String> fixturesOf(String order) {
    return PipelineHarness.fixtureNames(LIFECYCLE).stream()
        .filter(n -> n.startsWith(order))
        .toList();
  }

  private static String read(Path folder, String name) {
    try {
      return Files.readString(folder.resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The periods of one order or line, oldest first: status, start, end, the setting version. */
  private static List<String> periods(
      PipelineHarness harness, String table, String column, String value) {
    return harness
        .table(table)
        .where(org.apache.spark.sql.functions.col(column).equalTo(value))
        .orderBy("valid_from")
        .collectAsList()
        .stream()
        .map(
            r ->
                r.getAs("status")
                    + " "
                    + instant(r.getAs("valid_from"))
                    + " "
                    + instant(r.getAs("valid_to"))
                    + " v="
                    + r.getAs("lineage_version"))
        .toList();
  }

  private static String instant(Timestamp t) {
    return t == null ? "null" : t.toInstant().toString();
  }

  /** The three tables' rows without the run-specific columns, sorted. */
  private static Map<String, List<String>> histories(PipelineHarness harness) {
    return histories(harness, Set.of());
  }

  /** As {@link #histories(PipelineHarness)}, only the given orders' rows (all when empty). */
  private static Map<String, List<String>> histories(PipelineHarness harness, Set<String> orders) {
    Map<String, List<String>> all = harness.snapshot(orders);
    Map<String, List<String>> kept = new TreeMap<>();
    HISTORY_TABLES.forEach(t -> kept.put(t, all.get(t)));
    return kept;
  }
}
