package io.orderstream.pipeline;

import java.util.List;

/**
 * What one {@code run} did, for the CLI to print.
 *
 * @param batches micro-batches that wrote something during this run
 * @param events valid events read during this run (landed, or older than the stored winner)
 * @param quarantined inputs quarantined during this run; with {@code events}, every input read
 * @param tables every table the pipeline maintains with its row count at the end of the run; empty
 *     unless the run was asked to count them ({@link Pipeline#countingTables()})
 */
public record RunSummary(long batches, long events, long quarantined, List<TableCount> tables) {

  /** One table and how many rows it holds. */
  public record TableCount(String table, long rows) {}

  public RunSummary {
    tables = List.copyOf(tables);
  }

  /** A summary without input counts. */
  public RunSummary(long batches, List<TableCount> tables) {
    this(batches, 0, 0, tables);
  }
}
