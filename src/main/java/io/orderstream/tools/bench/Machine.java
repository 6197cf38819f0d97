package io.orderstream.tools.bench;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmark records about the machine beside its figures: every figure is wall time. */
final class Machine {
  private Machine() {}

  /** The system's one-minute load average: a busy machine makes every figure worse. */
  static double loadAverage() {
    return Benchmark.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Cores, heap, memory, OS, Java and the JVM flags (less the module-opening ones Spark needs). */
  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    m.put("java", System.getProperty("java.version"));
    m.put("memory_mb", physicalMemoryMb());
    m.put(
        "jvm_flags",
        String.join(
            " ",
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(f -> !f.startsWith("--add-opens") && !f.startsWith("--add-exports"))
                .toList()));
    return m;
  }

  private static long physicalMemoryMb() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() >> 20;
    }
    return -1;
  }
}
