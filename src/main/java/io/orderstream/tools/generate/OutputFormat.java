package io.orderstream.tools.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How generated events are laid out in files. */
public enum OutputFormat {
  /** One pretty-printed event per {@code .json} file (the default, like the real feed). */
  JSON(".json"),
  /** Several events per {@code .jsonl} file, one compact event per line. */
  JSONL(".jsonl");

  private final String extension;

  OutputFormat(String extension) {
    this.extension = extension;
  }

  /** File name extension, with the dot. */
  public String extension() {
    return extension;
  }

  String render(JsonNode event) {
    return this == JSON ? EventJson.pretty(event) : EventJson.compact(event);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
