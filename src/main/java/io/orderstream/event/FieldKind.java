package io.orderstream.event;

/**
 * The logical kind of an event field: how the decoder checks and normalizes its JSON value and
 * which Spark type it becomes.
 */
public enum FieldKind {
  /** Free text; numbers and booleans are accepted and kept as their text. */
  TEXT,
  /** Whole number; integral numbers, integral decimals (2.0) and numeric strings are accepted. */
  COUNT,
  /** Money, DECIMAL(18,2); numbers and numeric strings, rounded half-up to cents. */
  MONEY,
  /** ISO-8601 instant; without an offset it is read as UTC. */
  INSTANT,
  /** A numeric string version such as "7"; numbers are accepted too. */
  VERSION,
  /** Any JSON, kept as its JSON text: fields whose shape is not known yet. */
  RAW_JSON,
  /** A nested object. */
  OBJECT,
  /** A list of nested objects. */
  LIST
}
