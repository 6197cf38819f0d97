package io.orderstream.source.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaProgressBugTest {
  @Test
  void matchesANullPointerThrownByTheKafkaStreamsMetricsAnywhereInTheCauses() {
    NullPointerException npe = thrownAt("org.apache.spark.sql.kafka010.KafkaMicroBatchStream$");

    assertThat(KafkaProgressBug.matches(new RuntimeException("query failed", npe))).isTrue();
  }

  @Test
  void anyOtherNullPointerOrMethodIsNotIt() {
    assertThat(KafkaProgressBug.matches(thrownAt("io.orderstream.pipeline.BatchProcessor")))
        .isFalse();
    IllegalStateException other = new IllegalStateException("x");
    other.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "org.apache.spark.sql.kafka010.KafkaMicroBatchStream$", "metrics", "K.scala", 520)
        });
    assertThat(KafkaProgressBug.matches(other)).isFalse();
  }

  private static NullPointerException thrownAt(String className) {
    NullPointerException npe = new NullPointerException("Option.get() is null");
    npe.setStackTrace(
        new StackTraceElement[] {new StackTraceElement(className, "metrics", "K.scala", 520)});
    return npe;
  }
}
