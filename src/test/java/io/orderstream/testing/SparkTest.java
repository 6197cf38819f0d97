package io.orderstream.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class that starts Spark, in this JVM or a child one: the slow tier. {@code mvn test
 * -Pfast} leaves these classes out, so every class without this annotation must run without Spark;
 * {@link SparkFreeTierGuard} fails the fast tier when one does not.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(SparkTest.TAG)
public @interface SparkTest {
  /** The JUnit tag; pom.xml's {@code fast} profile excludes it by this name. */
  String TAG = "spark";
}
