package io.orderstream.export;

import java.time.Duration;

/**
 * The validated settings of one {@code orderstream export}.
 *
 * @param tables tables location of the pipeline (its manifests name the state to export)
 * @param jdbcUrl the database, {@code jdbc:postgresql://...} or {@code jdbc:sqlite:FILE}
 * @param user database user, null for none (SQLite)
 * @param password database password, null for none; never printed (see {@link #toString()})
 * @param follow keep exporting as batches commit, until stopped
 * @param interval time between looks for a newer manifest when following
 * @param withLatestEvents export {@code order_event_latest} too (without its raw JSON)
 */
public record ExportConfig(
    String tables,
    String jdbcUrl,
    String user,
    String password,
    boolean follow,
    Duration interval,
    boolean withLatestEvents) {

  @Override
  public String toString() {
    return "ExportConfig[tables="
        + tables
        + ", jdbcUrl="
        + JdbcUrls.redacted(jdbcUrl)
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "***")
        + ", follow="
        + follow
        + ", interval="
        + interval
        + ", withLatestEvents="
        + withLatestEvents
        + "]";
  }
}
