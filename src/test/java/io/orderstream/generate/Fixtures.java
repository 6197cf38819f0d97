package io.orderstream.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates the test fixtures under {@code src/test/resources/fixtures} and reads their JSON. */
final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    URL url = Fixtures.class.getResource("/fixtures/" + name);
    if (url == null) {
      throw new IllegalStateException("Missing test fixture fixtures/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(String name) {
    try {
      return EventJson.MAPPER.readTree(path(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
