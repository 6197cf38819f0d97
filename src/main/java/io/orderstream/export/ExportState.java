package io.orderstream.export;

import io.orderstream.sink.BatchManifest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table {@value #TABLE} in the exported database: per exported table, the Delta version (and
 * the manifest) the database holds. It is written in the same transaction as the rows, so it never
 * claims a version whose rows did not commit, nor misses one whose rows did: a crashed or repeated
 * export starts from exactly what is there.
 */
final class ExportState {
  static final String TABLE = "orderstream_export_state";

  private ExportState() {}

  static String createStatement() {
    return "CREATE TABLE IF NOT EXISTS "
        + TABLE
        + " ("
        + "table_name TEXT NOT NULL PRIMARY KEY, "
        + "delta_version BIGINT NOT NULL, "
        + "batch_id BIGINT NOT NULL, "
        + "manifest_sequence BIGINT NOT NULL, "
        + "exported_at TEXT NOT NULL)";
  }

  /** The Delta version each table was exported at; tables never exported are absent. */
  static Map<String, Long> read(Connection connection) throws SQLException {
    Map<String, Long> versions = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT table_name, delta_version FROM " + TABLE)) {
      while (rows.next()) {
        versions.put(rows.getString(1), rows.getLong(2));
      }
    }
    return versions;
  }

  /** Records that {@code tables} now hold the manifest's versions. */
  static void record(Connection connection, BatchManifest manifest, List<ExportedTable> tables)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO "
                + TABLE
                + " (table_name, delta_version, batch_id, manifest_sequence, exported_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (table_name) DO UPDATE SET"
                + " delta_version = excluded.delta_version, batch_id = excluded.batch_id,"
                + " manifest_sequence = excluded.manifest_sequence, exported_at = excluded.exported_at")) {
      String now = Instant.now().toString();
      for (ExportedTable table : tables) {
        upsert.setString(1, table.name());
        upsert.setLong(2, manifest.versions().get(table.name()));
        upsert.setLong(3, manifest.batchId());
        upsert.setLong(4, manifest.sequence());
        upsert.setString(5, now);
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** Forgets a table's version: its next step loads it whole (it was just created, empty). */
  static void forget(Connection connection, String table) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM " + TABLE + " WHERE table_name = ?")) {
      delete.setString(1, table);
      delete.executeUpdate();
    }
  }
}
