package io.orderstream.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates files under {@code src/test/resources/fixtures}: the one place tests find fixtures. */
public final class TestFixtures {
  private TestFixtures() {}

  /** A fixture file or folder, e.g. {@code lifecycle} or {@code bad/empty.json}. */
  public static Path path(String name) {
    URL url = TestFixtures.class.getResource("/fixtures/" + name);
    if (url == null) {
      throw new IllegalStateException("Missing test fixture fixtures/" + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
