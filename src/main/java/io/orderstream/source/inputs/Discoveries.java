package io.orderstream.source.inputs;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands a discovery object to the {@link InputsProvider} Spark creates by class name: registered
 * under a fresh id on the driver, passed as a string option, taken back when the stream starts.
 */
public final class Discoveries {
  private static final Map<String, InputDiscovery> REGISTERED = new ConcurrentHashMap<>();

  private Discoveries() {}

  public static String register(InputDiscovery discovery) {
    String id = UUID.randomUUID().toString();
    REGISTERED.put(id, discovery);
    return id;
  }

  /** The discovery registered as {@code id}; it stays registered for the query's restarts. */
  static InputDiscovery take(String id) {
    InputDiscovery discovery = REGISTERED.get(id);
    if (discovery == null) {
      throw new IllegalStateException("No input discovery registered as " + id);
    }
    return discovery;
  }

  public static void unregister(String id) {
    REGISTERED.remove(id);
  }
}
