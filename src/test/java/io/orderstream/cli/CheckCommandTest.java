package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.orderstream.model.Tables;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * {@code orderstream check} on the tables of one real run (lifecycle events and two bad files):
 * clean tables pass, and a copy with a duplicated key, an orphan foreign key and a missing table,
 * or with changed rows, fails with the table and the count named. The command runs on the shared
 * test session.
 */
@SparkTest
class CheckCommandTest {
  @TempDir static Path root;
  private static Path tables;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void runPipelineOnce() {
    PipelineHarness pipeline =
        new PipelineHarness(root.resolve("run"))
            .add("lifecycle", PipelineHarness.fixtureNames("lifecycle"))
            .add("bad", List.of("not-json.json", "missing-order-id.json"));
    pipeline.runOnce();
    tables = pipeline.tables();
  }

  // ---------------------------------------------------------------- passing

  @Test
  void checkCleanTablesPassesEveryCheckAndExitsZero() {
    int exit = check("--tables", tables.toString());

    assertThat(exit).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("Checking " + tables);
    assertThat(lines.subList(1, lines.size() - 1))
        .allMatch(l -> l.startsWith("ok  "))
        .anyMatch(
            l ->
                l.matches(
                    "ok +order_item +foreign key +customer_id -> customer: every value resolves"))
        .anyMatch(l -> l.matches("ok +quarantine +exists +2 rows"));
    assertThat(lines.get(lines.size() - 1)).matches("All \\d+ checks passed\\.");
  }

  // ---------------------------------------------------------------- failing

  @Test
  void checkDuplicatedKeyOrphanForeignKeyAndMissingTableFailNamingThemAndExitOne(
      @TempDir Path dir) {
    Path copy = copyOfTables(dir);
    read(copy, "order_item")
        .limit(1)
        .write()
        .format("delta")
        .mode("append")
        .save(copy.resolve("order_item").toString());
    String customer = read(copy, "order_item").first().getAs("customer_id");
    DeltaTable.forPath(PipelineHarness.spark(), copy.resolve("customer").toString())
        .delete(Tables.byName("customer").key() + " = '" + customer + "'");
    deleteRecursively(copy.resolve("promotion"));

    int exit = check("--tables", copy.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString())
        .containsPattern("FAIL +order_item +key +id not unique: 1 more rows than distinct values")
        .containsPattern(
            "FAIL +order_item +foreign key +customer_id -> customer: [1-9]\\d* rows name no customer row")
        .containsPattern("FAIL +promotion +exists +no Delta table at .*promotion")
        .containsPattern(
            "FAIL +order_promotion +foreign key +promotion_id -> promotion: cannot resolve")
        .containsPattern("ok +shipment +key")
        .containsPattern("\\d+ of \\d+ checks FAILED\\.");
  }

  @Test
  void checkSameAsChangedCopyCountsDifferingRowsOfThatTableOnlyAndExitsOne(@TempDir Path dir) {
    Path copy = copyOfTables(dir);
    DeltaTable.forPath(PipelineHarness.spark(), copy.resolve("shipment").toString())
        .updateExpr(Map.of("lineage_version", "lineage_version + 1"));
    long shipments = read(copy, "shipment").count();

    int exit = check("--tables", copy.toString(), "--same-as", tables.toString());

    assertThat(exit).isEqualTo(1);
    List<String> sameRows = out.toString().lines().filter(l -> l.contains(" same rows ")).toList();
    assertThat(sameRows).hasSize(Tables.all().size());
    assertThat(sameRows)
        .filteredOn(l -> l.startsWith("FAIL"))
        .containsExactly(
            String.format(
                "FAIL  %-"
                    + Tables.all().stream().mapToInt(t -> t.name().length()).max().orElseThrow()
                    + "s  %-11s  %d rows only here, %d rows only in %s",
                "shipment",
                "same rows",
                shipments,
                shipments,
                tables));
    assertThat(sameRows)
        .filteredOn(l -> l.startsWith("ok"))
        .allMatch(l -> l.matches("ok +\\w+ +same rows +same \\d+ rows"));
  }

  @Test
  void checkMissingFolderIsUsageErrorExitTwo(@TempDir Path dir) {
    int exit = check("--tables", dir.resolve("nowhere").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for --tables").contains("nowhere");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void checkHelpStatesExitCodes() {
    int exit = check("--help");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("--same-as")
        .contains("0 every check passed, 1 at least one check failed");
  }

  // ---------------------------------------------------------------- fixtures

  private int check(String... args) {
    IFactory factory =
        new IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            return type == CheckCommand.class
                ? type.cast(
                    new CheckCommand(
                        Map.of(),
                        Path.of("").toAbsolutePath(),
                        SparkSessionSource.existing(PipelineHarness.spark())))
                : CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine cli = Main.commandLine(factory);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] full = Stream.concat(Stream.of("check"), Stream.of(args)).toArray(String[]::new);
    return cli.execute(full);
  }

  private static Dataset<Row> read(Path tablesRoot, String table) {
    return PipelineHarness.spark()
        .read()
        .format("delta")
        .load(tablesRoot.resolve(table).toString());
  }

  private static Path copyOfTables(Path dir) {
    Path copy = dir.resolve("tables");
    try (Stream<Path> files = Files.walk(tables)) {
      for (Path from : files.toList()) {
        Files.copy(from, copy.resolve(tables.relativize(from).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  private static void deleteRecursively(Path path) {
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
