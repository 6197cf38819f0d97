package io.orderstream.export;

import io.orderstream.error.Errors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens the export's connection: the dialect's time limits, auto-commit off. A server that is not
 * there, refuses the login or does not answer is a configuration problem the user fixes (exit 2,
 * one line), reported within the dialect's connect and login timeouts.
 */
final class DatabaseConnector {
  private final ExportConfig config;
  private final Dialect dialect;

  DatabaseConnector(ExportConfig config, Dialect dialect) {
    this.config = config;
    this.dialect = dialect;
  }

  Connection open() {
    try {
      Connection connection =
          DriverManager.getConnection(
              config.jdbcUrl(), dialect.connectionProperties(config.user(), config.password()));
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException e) {
      throw Errors.databaseUnreachable(JdbcUrls.redacted(config.jdbcUrl()), oneLine(e));
    }
  }

  private static String oneLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message
        .lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .reduce((a, b) -> a + " " + b)
        .orElse(message);
  }
}
