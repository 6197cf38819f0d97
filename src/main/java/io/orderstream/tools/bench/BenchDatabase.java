package io.orderstream.tools.bench;

import io.orderstream.error.Errors;
import io.orderstream.export.ExportConfig;
import io.orderstream.export.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the export part writes to, reached through the database the user named (its
 * URL, user and password resolved as {@code orderstream export} resolves them). The part never
 * writes to that database: it drops and creates a database of its own, {@value #NAME}, on the same
 * server, so a rerun starts from nothing and the user's data is never touched.
 */
final class BenchDatabase {
  static final String NAME = "orderstream_bench";
  // jdbc:postgresql://host[:port][,host2...]/database[?params]; the database may be left out
  private static final Pattern URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

  private final ExportConfig given;

  BenchDatabase(ExportConfig given) {
    this.given = given;
    String database = databaseOf(given.jdbcUrl());
    if (NAME.equals(database)) {
      throw Errors.invalidSetting(
          "--jdbc-url",
          JdbcUrls.redacted(given.jdbcUrl()),
          "a database other than "
              + NAME
              + ", which the export part drops and creates again (such as /orders)");
    }
  }

  /**
   * The database named in a PostgreSQL JDBC URL, empty when it names none.
   *
   * @throws io.orderstream.error.OrderstreamException exit 2 for a URL that is not PostgreSQL's
   */
  static String databaseOf(String url) {
    Matcher m = matcher(url);
    return m.group(2) == null ? "" : m.group(2).substring(1);
  }

  /** The same server, port and parameters, with {@code database} instead. */
  static String withDatabase(String url, String database) {
    Matcher m = matcher(url);
    return m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
  }

  private static Matcher matcher(String url) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw Errors.invalidSetting(
          "--jdbc-url",
          JdbcUrls.redacted(url),
          "a PostgreSQL URL such as jdbc:postgresql://127.0.0.1:5432/orders (scripts/postgres-local starts a"
              + " server; bench/export starts one and runs the part)");
    }
    return m;
  }

  /**
   * Drops the benchmark's database if an earlier run left it, creates it empty, and returns the
   * export settings that write to it from {@code tables}.
   */
  ExportConfig recreate(String tables) {
    try (Connection admin = open(given.jdbcUrl());
        Statement statement = admin.createStatement()) {
      // CREATE and DROP DATABASE cannot run inside a transaction: the connection auto-commits
      statement.execute("DROP DATABASE IF EXISTS " + NAME);
      statement.execute("CREATE DATABASE " + NAME);
    } catch (SQLException e) {
      throw Errors.databaseUnreachable(
          JdbcUrls.redacted(given.jdbcUrl()),
          "cannot create database "
              + NAME
              + " ("
              + firstLine(e)
              + "); the --jdbc-user must be allowed CREATE DATABASE");
    }
    return new ExportConfig(
        tables,
        withDatabase(given.jdbcUrl(), NAME),
        given.user(),
        given.password(),
        false /* one step, no follow */,
        Duration.ofSeconds(1),
        false /* without order_event_latest */);
  }

  /** Rows of {@code table} in the benchmark's database. */
  long count(String table) {
    try (Connection connection = open(withDatabase(given.jdbcUrl(), NAME));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot count the rows of " + table + " in " + NAME + ": " + firstLine(e), e);
    }
  }

  private Connection open(String url) throws SQLException {
    Properties properties = new Properties();
    if (given.user() != null) {
      properties.setProperty("user", given.user());
    }
    if (given.password() != null) {
      properties.setProperty("password", given.password());
    }
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("ApplicationName", "orderstream-bench");
    return DriverManager.getConnection(url, properties);
  }

  private static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }
}
