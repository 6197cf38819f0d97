package io.orderstream.export;

import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.ManifestLog;
import io.orderstream.sink.TableLocations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * One export step: moves the database from the manifest it holds to the newest manifest of the
 * tables, in one database transaction that also records the new manifest. Either all of it commits
 * or none of it, so a crash or a rerun never loses or doubles a change, and every commit is one
 * consistent state of the pipeline's tables in which every foreign key holds.
 */
final class ExportStep {
  private final Supplier<SparkSession> spark;
  private final ExportConfig config;
  private final Dialect dialect;
  private final TableLocations locations;
  private final List<ExportedTable> tables;

  /** {@code spark} is asked for a session only when a table is loaded whole. */
  ExportStep(Supplier<SparkSession> spark, ExportConfig config) {
    this.spark = spark;
    this.config = config;
    this.dialect = Dialect.of(config.jdbcUrl());
    this.locations = new TableLocations(config.tables());
    this.tables = ExportedTable.all(config.withLatestEvents());
  }

  /**
   * Runs the step.
   *
   * @throws io.orderstream.error.OrderstreamException exit 2 for no manifest, an unreachable
   *     database or a table that differs from the model; exit 1 when the step fails later
   */
  StepResult run() {
    BatchManifest manifest =
        ConsistentSnapshot.newestManifest("--tables", locations, new Configuration());
    try (Connection connection = new DatabaseConnector(config, dialect).open()) {
      try {
        new DatabaseSchema(dialect, config.jdbcUrl()).prepare(connection, tables);
        return apply(connection, manifest);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw Errors.exportFailed(JdbcUrls.redacted(config.jdbcUrl()), firstLine(e), e);
    } catch (OrderstreamException e) {
      throw e;
    } catch (RuntimeException e) {
      // Spark or Delta failed reading the tables: the transaction was rolled back above
      throw Errors.exportFailed(JdbcUrls.redacted(config.jdbcUrl()), firstLine(e), e);
    }
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private StepResult apply(Connection connection, BatchManifest manifest) throws SQLException {
    dialect.beginStep(connection);
    Map<String, Long> exported = ExportState.read(connection);
    List<ExportedTable> behind =
        tables.stream().filter(t -> !target(manifest, t).equals(exported.get(t.name()))).toList();
    if (behind.isEmpty()) {
      connection.rollback();
      return new StepResult(manifest, List.of());
    }
    ChangeReader reader =
        new ChangeReader(
            spark, locations, new Configuration(), oldestKeptManifest(manifest).versions());
    RowWriter writer = new RowWriter(dialect, connection);
    List<AppliedChanges> applied = new ArrayList<>();
    for (ExportedTable table : behind) {
      applied.add(
          writer.apply(
              reader.changes(
                  table,
                  Optional.ofNullable(exported.get(table.name())),
                  target(manifest, table))));
    }
    ExportState.record(connection, manifest, tables);
    connection.commit();
    return new StepResult(manifest, applied);
  }

  /** The oldest manifest left by {@code maintain}, which deletes older ones with their files. */
  private BatchManifest oldestKeptManifest(BatchManifest newest) {
    try {
      return new ManifestLog(locations, new Configuration()).oldest().orElse(newest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Long target(BatchManifest manifest, ExportedTable table) {
    Long version = manifest.versions().get(table.name());
    if (version == null) {
      throw Errors.exportFailed(
          JdbcUrls.redacted(config.jdbcUrl()),
          "the newest manifest of "
              + config.tables()
              + " has no version of table "
              + table.name()
              + "; run the pipeline once so that it records one",
          null);
    }
    return version;
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // the connection closes next, which ends the transaction anyway; the original error is what
      // matters
    }
  }
}
