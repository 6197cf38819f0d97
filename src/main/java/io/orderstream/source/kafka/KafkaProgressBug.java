package io.orderstream.source.kafka;

/**
 * Recognises Spark 4.1.1's failure of the Kafka source's progress metrics after a replayed batch
 * (SPARK-55271): a {@link NullPointerException} thrown from {@code KafkaMicroBatchStream.metrics}.
 * Matched by where it was thrown, not by its message, so no other null pointer passes for it.
 */
final class KafkaProgressBug {
  private static final String STREAM = "org.apache.spark.sql.kafka010.KafkaMicroBatchStream";

  private KafkaProgressBug() {}

  static boolean matches(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NullPointerException && thrownByMetrics(t.getStackTrace())) {
        return true;
      }
    }
    return false;
  }

  private static boolean thrownByMetrics(StackTraceElement[] trace) {
    return trace.length > 0
        && trace[0].getClassName().startsWith(STREAM)
        && trace[0].getMethodName().equals("metrics");
  }
}
