package io.orderstream.export;

/** Rows one step wrote to one table; {@code reloaded} when the table was replaced whole. */
public record AppliedChanges(String table, long upserted, long deleted, boolean reloaded) {}
