package io.orderstream.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One consistent state of all tables: the Delta version of every table right after a micro-batch
 * committed to all of them. Reading each table at its version gives a state in which every foreign
 * key resolves, whatever the pipeline is writing meanwhile.
 *
 * @param batchId the micro-batch that reached this state, {@value #CREATED} for freshly created
 *     tables
 * @param appId the checkpoint's app id that wrote the batch
 * @param committedAt when the manifest was written
 * @param versions Delta version per table name
 */
public record BatchManifest(
    long batchId, String appId, Instant committedAt, Map<String, Long> versions) {
  /** Batch id of the manifest written when the tables are created, before any batch. */
  public static final long CREATED = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  public BatchManifest {
    versions = Map.copyOf(versions);
  }

  /**
   * The sum of the table versions. Every commit to any table raises it and nothing lowers it, so it
   * orders manifests by the state they describe, also across checkpoints (whose batch ids each
   * start at 0). Two manifests with the same sequence describe identical tables.
   */
  public long sequence() {
    return versions.values().stream().mapToLong(Long::longValue).sum();
  }

  public byte[] toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("batch_id", batchId);
    root.put("app_id", appId);
    root.put("committed_at", committedAt.toString());
    ObjectNode tables = root.putObject("versions");
    new TreeMap<>(versions).forEach(tables::put);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize a manifest", e);
    }
  }

  /**
   * @throws IOException when the bytes are not a manifest
   */
  public static BatchManifest fromJson(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    JsonNode tables = root == null ? null : root.get("versions");
    if (tables == null
        || !tables.isObject()
        || !root.hasNonNull("batch_id")
        || !root.hasNonNull("committed_at")) {
      throw new IOException("not a batch manifest: expected batch_id, committed_at and versions");
    }
    Map<String, Long> versions = new TreeMap<>();
    tables.fields().forEachRemaining(e -> versions.put(e.getKey(), e.getValue().asLong()));
    try {
      return new BatchManifest(
          root.get("batch_id").asLong(),
          root.path("app_id").asText(""),
          Instant.parse(root.get("committed_at").asText()),
          versions);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IOException("not a batch manifest: bad committed_at", e);
    }
  }
}
