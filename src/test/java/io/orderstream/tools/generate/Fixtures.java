package io.orderstream.tools.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Locates the test fixtures under {@code src/test/resources/fixtures} and reads their JSON. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    return io.orderstream.testing.TestFixtures.path(name);
  }

  static JsonNode json(String name) {
    try {
      return EventJson.MAPPER.readTree(path(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
