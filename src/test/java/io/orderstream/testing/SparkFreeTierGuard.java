package io.orderstream.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.scheduler.SparkListener;

/**
 * Refuses to let Spark start in the fast test tier. The {@code fast} Maven profile names this class
 * in the system property {@code spark.extraListeners}, which every new SparkContext of the test JVM
 * reads; the constructor throws, so a test class that starts Spark without {@link SparkTest} fails
 * with this message instead of silently slowing the tier down.
 */
public final class SparkFreeTierGuard extends SparkListener {
  public SparkFreeTierGuard(SparkConf conf) {
    throw new IllegalStateException(
        "A test in the fast tier (mvn test -Pfast) started Spark (app "
            + conf.get("spark.app.name", "?")
            + "); annotate its class with @"
            + SparkTest.class.getName()
            + " so the fast tier leaves it out");
  }
}
