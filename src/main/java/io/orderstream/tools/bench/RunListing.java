package io.orderstream.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table listing {@code orderstream run} prints when it ends (a table name, two or more spaces,
 * its row count), read back from a measured run's log: runs that drained the same backlog must list
 * the same counts, or a figure would time a run that did not do the work.
 */
final class RunListing {
  private static final Pattern TABLE_LINE = Pattern.compile("^([a-z][a-z0-9_]*) {2,}(\\d+)$");

  private RunListing() {}

  /** Row counts by table, in the order listed; empty when the log holds no listing. */
  static Map<String, Long> tables(List<String> logLines) {
    Map<String, Long> tables = new LinkedHashMap<>();
    for (String line : logLines) {
      Matcher table = TABLE_LINE.matcher(line);
      if (table.matches()) {
        tables.put(table.group(1), Long.parseLong(table.group(2)));
      }
    }
    return tables;
  }

  /**
   * Fails unless the run logged in {@code log} listed a nonempty listing equal to {@code
   * expected}'s.
   */
  static void requireSame(Path expected, Path log, String what) {
    Map<String, Long> wanted = tables(lines(expected));
    Map<String, Long> seen = tables(lines(log));
    if (wanted.isEmpty() || !wanted.equals(seen)) {
      throw new IllegalStateException(
          "The "
              + what
              + " ended with tables "
              + seen
              + ", the folder run with "
              + wanted
              + ": the runs did not do the same work; see "
              + log
              + " and "
              + expected);
    }
  }

  private static List<String> lines(Path log) {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the run's log " + log + ": " + e.getMessage(), e);
    }
  }
}
