package io.orderstream.tools.generate;

import java.time.Instant;
import java.util.Objects;

/**
 * What to generate. The same spec always yields byte-identical events and file names.
 *
 * <p>Validated on construction: a bad value is an {@link IllegalArgumentException} naming the
 * component (the command line checks its options first, with their own names).
 *
 * @param orders number of orders, 1 to {@value #MAX_ORDERS}
 * @param seed seed of every random choice
 * @param format file layout
 * @param eventsPerFile events per file for {@link OutputFormat#JSONL} (ignored for JSON)
 * @param duplicateFraction extra exact copies of events, as a fraction of the lifecycle events
 *     (0..1)
 * @param lateFraction share of the lifecycle events that arrive after their order's winning event
 *     (0..1)
 * @param start orders are created within two weeks after this instant
 */
public record GeneratorSpec(
    int orders,
    long seed,
    OutputFormat format,
    int eventsPerFile,
    double duplicateFraction,
    double lateFraction,
    Instant start) {

  /**
   * Upper bound on {@link #orders()}: all events of a run are held in memory (a few KB each, about
   * six per order), so 50k orders take about 2 GB of heap. Larger histories are generated in parts
   * with different seeds (see the benchmark's history load).
   */
  public static final int MAX_ORDERS = 50_000;

  public static final int DEFAULT_EVENTS_PER_FILE = 20;
  public static final int MAX_EVENTS_PER_FILE = 100_000;
  public static final Instant DEFAULT_START = Instant.parse("2024-03-01T00:00:00Z");

  public GeneratorSpec {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(start, "start");
    requireRange("orders", orders, 1, MAX_ORDERS);
    requireRange("eventsPerFile", eventsPerFile, 1, MAX_EVENTS_PER_FILE);
    requireFraction("duplicateFraction", duplicateFraction);
    requireFraction("lateFraction", lateFraction);
  }

  /** {@code orders} orders from {@code seed}: JSON files, no duplicates, no late events. */
  public static GeneratorSpec of(int orders, long seed) {
    return new GeneratorSpec(
        orders, seed, OutputFormat.JSON, DEFAULT_EVENTS_PER_FILE, 0.0, 0.0, DEFAULT_START);
  }

  public GeneratorSpec withFormat(OutputFormat newFormat) {
    return new GeneratorSpec(
        orders, seed, newFormat, eventsPerFile, duplicateFraction, lateFraction, start);
  }

  public GeneratorSpec withEventsPerFile(int newEventsPerFile) {
    return new GeneratorSpec(
        orders, seed, format, newEventsPerFile, duplicateFraction, lateFraction, start);
  }

  public GeneratorSpec withDuplicates(double fraction) {
    return new GeneratorSpec(orders, seed, format, eventsPerFile, fraction, lateFraction, start);
  }

  public GeneratorSpec withLate(double fraction) {
    return new GeneratorSpec(
        orders, seed, format, eventsPerFile, duplicateFraction, fraction, start);
  }

  public GeneratorSpec withStart(Instant newStart) {
    return new GeneratorSpec(
        orders, seed, format, eventsPerFile, duplicateFraction, lateFraction, newStart);
  }

  private static void requireRange(String component, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          component + " must be from " + min + " to " + max + ", not " + value);
    }
  }

  private static void requireFraction(String component, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          component + " must be a fraction from 0 to 1, not " + value);
    }
  }
}
