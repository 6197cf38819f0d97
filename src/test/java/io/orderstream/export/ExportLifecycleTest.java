package io.orderstream.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.cli.ExportCli;
import io.orderstream.model.ColumnDef;
import io.orderstream.model.ForeignKey;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.testing.ChildPipeline;
import io.orderstream.testing.ExportedRows;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.PostgresServer;
import io.orderstream.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.types.LongType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle fixture fed to the pipeline in four batches (the last with a late event, a dropped
 * order line and a dropped shipment), exported after each batch to a real PostgreSQL and to a
 * SQLite file: after every step each database equals the Delta tables at the newest manifest, row
 * for row, with every key and foreign key declared and enforced by the database. The third step is
 * killed with SIGKILL in the middle of its transaction first; the rerun converges. Steps build on
 * one another, so the tests run in order on one pipeline and one server.
 */
@SparkTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportLifecycleTest {
  private static final String LIFECYCLE = "lifecycle";
  private static final List<List<String>> BATCHES =
      List.of(
          List.of(
              "A5FdqAemzN03R49t_az.json",
              "NSB7087517859962_ab.json",
              "NSB7087517859962_ac.json",
              "TGT7001967462207_5.json",
              "WOZ1830024297368_9.json",
              "p2jcoTN2mmGcUwMi_1.json"),
          List.of(
              "A5FdqAemzN03R49t_ac.json",
              "NSB7087517859962_ad.json",
              "NSB7087517859962_ak.json",
              "NSB7087517859962_ap.json",
              "TGT7001967462207_3.json",
              "TGT7001967462207_4.json",
              "TGT7001967462207_6.json",
              "WOZ1830024297368_6.json",
              "WOZ1830024297368_4.json",
              "p2jcoTN2mmGcUwMi_2.json"),
          List.of(
              "A5FdqAemzN03R49t_ab.json",
              "NSB7087517859962_al.json",
              "NSB7087517859962_ay.json",
              "NSB7087517859962_az.json",
              "TGT7001967462207_1.json",
              "TGT7001967462207_2.json",
              "WOZ1830024297368_1.json",
              "WOZ1830024297368_3.json",
              "p2jcoTN2mmGcUwMi_test_UPDATE.json"));

  /** Arrives after newer events of its order: changes nothing. */
  private static final String LATE = "NSB7087517859962_aw.json";

  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private PostgresServer postgres;
  private PipelineHarness pipeline;
  private Path dir;

  /** PostgreSQL with order_event_latest, SQLite without: both table sets are covered. */
  private final List<Target> targets = new ArrayList<>();

  @BeforeAll
  void startDatabaseAndPipeline(@TempDir Path dir) {
    this.dir = dir;
    postgres = PostgresServer.start();
    pipeline = new PipelineHarness(dir.resolve("pipeline"));
    targets.add(
        new Target(
            "PostgreSQL",
            postgres.createDatabase("lifecycle"),
            PostgresServer.USER,
            PostgresServer.PASSWORD,
            true));
    targets.add(
        new Target("SQLite", "jdbc:sqlite:" + dir.resolve("lifecycle.db"), null, null, false));
  }

  @AfterAll
  void stopDatabase() {
    if (postgres != null) {
      postgres.close();
    }
  }

  // ---- steps ------------------------------------------------------------------------------

  @Test
  @Order(1)
  void firstExportLoadsEveryTableWhole() throws Exception {
    runBatch(BATCHES.get(0));
    for (Target target : targets) {
      StepResult step = export(target);
      assertThat(step.tables())
          .as(target.name)
          .isNotEmpty()
          .allSatisfy(t -> assertThat(t.reloaded()).isTrue());
      assertEqualsNewestSnapshot(target);
    }
  }

  @Test
  @Order(2)
  void secondExportAppliesOnlyTheChangesAndARerunChangesNothing() throws Exception {
    runBatch(BATCHES.get(1));
    for (Target target : targets) {
      StepResult step = export(target);
      assertThat(step.tables())
          .as(target.name)
          .isNotEmpty()
          .allSatisfy(t -> assertThat(t.reloaded()).isFalse());
      assertEqualsNewestSnapshot(target);
      assertThat(export(target).changedNothing()).as("%s: rerun", target.name).isTrue();
    }
  }

  @Test
  @Order(3)
  void exportKilledInsideItsTransactionLeavesThePreviousBatchAndTheRerunConverges()
      throws Exception {
    for (Target target : targets) {
      target.before =
          ExportedRows.ofDatabase(target.url, target.user, target.password, target.tables());
    }
    runBatch(BATCHES.get(2));
    for (Target target : targets) {
      Map<String, Long> stateBefore = exportState(target);
      List<String> command = new ArrayList<>(List.of("export"));
      command.addAll(target.arguments(pipeline));
      ChildPipeline child =
          ChildPipeline.startCommand(
              dir.resolve(target.name + "-child.log"),
              command,
              target.password == null
                  ? Map.of()
                  : Map.of("ORDERSTREAM_JDBC_PASSWORD", target.password));
      awaitWritingTransaction(target, child);
      child.kill();
      awaitNoExportSession(target);

      assertThat(exportState(target))
          .as("%s: state after the kill", target.name)
          .isEqualTo(stateBefore);
      assertThat(ExportedRows.ofDatabase(target.url, target.user, target.password, target.tables()))
          .as("%s: rows after the kill", target.name)
          .isEqualTo(target.before);
      assertThat(export(target).changedNothing()).as(target.name).isFalse();
      assertEqualsNewestSnapshot(target);
    }
  }

  @Test
  @Order(4)
  void lateEventDroppedLineAndDroppedShipmentAreExportedAsDeletes() throws Exception {
    pipeline.add(LIFECYCLE, List.of(LATE));
    pipeline.write(
        "A5FdqAemzN03R49t_drop.json",
        newerEvent(
            "A5FdqAemzN03R49t_ab.json",
            "2024-01-12T08:00:00.000Z",
            4,
            event -> ((ArrayNode) event.get("list_item_pedi")).remove(2)));
    pipeline.write(
        "NSB7087517859962_drop.json",
        newerEvent(
            "NSB7087517859962_az.json",
            "2024-07-09T08:00:00.000Z",
            8,
            event -> ((ArrayNode) event.get("list_envo")).remove(1)));
    assertThat(pipeline.runOnce().batches()).isEqualTo(1);
    for (Target target : targets) {
      StepResult step = export(target);
      Map<String, Long> deleted = new TreeMap<>();
      step.tables().forEach(t -> deleted.put(t.table(), t.deleted()));
      assertThat(deleted)
          .as(target.name)
          .containsEntry("order_item", 1L)
          .containsEntry("shipment", 1L);
      assertEqualsNewestSnapshot(target);
    }
  }

  @Test
  @Order(5)
  void everyKeyAndForeignKeyIsDeclaredAndEnforcedByTheDatabase() throws Exception {
    for (Target target : targets) {
      try (Connection connection = target.connect()) {
        connection.setAutoCommit(false);
        for (ExportedTable table : target.tables()) {
          assertDuplicateKeyRefused(connection, table, target.name);
          for (ForeignKey fk : table.definition().foreignKeys()) {
            assertDanglingReferenceRefused(connection, table, fk, target.name);
          }
        }
      }
    }
  }

  @Test
  @Order(6)
  void columnDroppedByHandIsRefusedWithExitTwoNamingIt() throws Exception {
    for (Target target : targets) {
      try (Connection connection = target.connect();
          Statement statement = connection.createStatement()) {
        statement.execute("ALTER TABLE customer DROP COLUMN email");
      }
      ExportCli.Outcome outcome =
          ExportCli.run(target.environment(), dir, target.arguments(pipeline));

      assertThat(outcome.exitCode()).as(target.name + ": " + outcome.err()).isEqualTo(2);
      assertThat(outcome.err())
          .as(target.name)
          .contains("customer.email is missing")
          .hasLineCount(1);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private void runBatch(List<String> files) {
    pipeline.add(LIFECYCLE, files);
    assertThat(pipeline.runOnce().batches()).isEqualTo(1);
  }

  private StepResult export(Target target) {
    List<StepResult> results = new ArrayList<>();
    new Exporter(PipelineHarness::spark, target.config(pipeline)).run(results::add);
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private void assertEqualsNewestSnapshot(Target target) throws SQLException {
    ConsistentSnapshot snapshot =
        ConsistentSnapshot.latest(PipelineHarness.spark(), pipeline.tablesLocation());
    Map<String, List<String>> delta =
        ExportedRows.ofDelta(
            PipelineHarness.spark(),
            pipeline.tablesLocation(),
            snapshot.versions(),
            target.tables());
    assertThat(delta.get("order_item")).as("the fixture fills order_item").isNotEmpty();
    assertThat(ExportedRows.ofDatabase(target.url, target.user, target.password, target.tables()))
        .as("%s equals the Delta tables at batch %d", target.name, snapshot.batchId())
        .isEqualTo(delta);
    Map<String, Long> expectedState = new TreeMap<>();
    target.tables().forEach(t -> expectedState.put(t.name(), snapshot.versions().get(t.name())));
    assertThat(exportState(target))
        .as("%s: recorded versions", target.name)
        .isEqualTo(expectedState);
  }

  private static Map<String, Long> exportState(Target target) throws SQLException {
    try (Connection connection = target.connect()) {
      return ExportState.read(connection);
    }
  }

  /** Waits until the child's step transaction has written rows (and not committed). */
  private void awaitWritingTransaction(Target target, ChildPipeline child) throws Exception {
    Path journal = Path.of(target.url.substring("jdbc:sqlite:".length()) + "-journal");
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(child.alive())
          .as("the child exported before it could be killed:\n%s", child.log())
          .isTrue();
      boolean writing = target.isPostgres() ? postgresExportWriting() : Files.exists(journal);
      if (writing) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("the child never started writing:\n" + child.log());
  }

  private boolean postgresExportWriting() throws SQLException {
    return countExportSessions("backend_xid IS NOT NULL") > 0;
  }

  private void awaitNoExportSession(Target target) throws Exception {
    if (!target.isPostgres()) {
      return;
    }
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (countExportSessions("true") > 0) {
      assertThat(System.nanoTime())
          .as("the killed export's session never ended")
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private int countExportSessions(String condition) throws SQLException {
    try (Connection connection = postgres.connect("postgres");
        Statement statement = connection.createStatement();
        ResultSet count =
            statement.executeQuery(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE application_name = 'orderstream-export' AND "
                    + condition)) {
      count.next();
      return count.getInt(1);
    }
  }

  private static void assertDuplicateKeyRefused(
      Connection connection, ExportedTable table, String name) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      assertThatThrownBy(
              () ->
                  statement.executeUpdate(
                      "INSERT INTO "
                          + table.name()
                          + " ("
                          + table.key()
                          + ") SELECT "
                          + table.key()
                          + " FROM "
                          + table.name()
                          + " LIMIT 1"))
          .as("%s: duplicate key of %s", name, table.name())
          .isInstanceOf(SQLException.class);
    } finally {
      connection.rollback();
    }
  }

  private static void assertDanglingReferenceRefused(
      Connection connection, ExportedTable table, ForeignKey fk, String name) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + table.name()
                + " ("
                + table.key()
                + ", "
                + fk.column()
                + ") VALUES (?, ?)")) {
      insert.setObject(1, unusedValue(table, table.key()));
      insert.setObject(2, unusedValue(table, fk.column()));
      insert.executeUpdate();
      assertThatThrownBy(connection::commit)
          .as("%s: %s.%s -> %s with no such row", name, table.name(), fk.column(), fk.table())
          .isInstanceOf(SQLException.class);
    } finally {
      connection.rollback();
    }
  }

  private static Object unusedValue(ExportedTable table, String column) {
    ColumnDef def =
        table.columns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow();
    return def.type() instanceof LongType ? (Object) (-424242L) : "no-such-row";
  }

  private static String newerEvent(
      String file, String datAtui, int version, java.util.function.Consumer<ObjectNode> change)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode event =
        (ObjectNode) json.readTree(PipelineHarness.fixture(LIFECYCLE).resolve(file).toFile());
    event.put("dat_atui", datAtui);
    event.put("num_ulti_vers_sist", version);
    change.accept(event);
    return json.writeValueAsString(event);
  }

  /** One database the test exports to. */
  private static final class Target {
    final String name;
    final String url;
    final String user;
    final String password;
    final boolean withLatestEvents;
    Map<String, List<String>> before;

    Target(String name, String url, String user, String password, boolean withLatestEvents) {
      this.name = name;
      this.url = url;
      this.user = user;
      this.password = password;
      this.withLatestEvents = withLatestEvents;
    }

    boolean isPostgres() {
      return url.startsWith("jdbc:postgresql:");
    }

    List<ExportedTable> tables() {
      return ExportedTable.all(withLatestEvents);
    }

    ExportConfig config(PipelineHarness pipeline) {
      return new ExportConfig(
          pipeline.tablesLocation(),
          url,
          user,
          password,
          false,
          Duration.ofSeconds(1),
          withLatestEvents);
    }

    /** As any client: SQLite enforces foreign keys only on connections that ask for it. */
    Connection connect() throws SQLException {
      java.util.Properties properties = new java.util.Properties();
      if (isPostgres()) {
        properties.setProperty("user", user);
        properties.setProperty("password", password);
      } else {
        properties.setProperty("foreign_keys", "true");
      }
      return DriverManager.getConnection(url, properties);
    }

    List<String> arguments(PipelineHarness pipeline) {
      List<String> arguments =
          new ArrayList<>(
              List.of(
                  "--tables",
                  pipeline.tablesLocation(),
                  "--jdbc-url",
                  url,
                  "--with-latest-events=" + withLatestEvents));
      if (user != null) {
        arguments.addAll(List.of("--jdbc-user", user));
      }
      return arguments;
    }

    Map<String, String> environment() {
      return password == null ? Map.of() : Map.of("ORDERSTREAM_JDBC_PASSWORD", password);
    }
  }
}
