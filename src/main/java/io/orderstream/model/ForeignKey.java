package io.orderstream.model;

/** {@code column} of one table holds the {@code id} of a row of {@code table} (or null). */
public record ForeignKey(String column, String table) {}
