package io.orderstream.pipeline;

import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkThrowable;

/**
 * Tells a failure that the values of the input can cause from one that the environment or a bug
 * causes, by the exceptions in its cause chain.
 *
 * <p>Environment first: if anything in the chain is an I/O failure (a full disk, a lost file
 * system, an unreachable store), the JVM running out of memory or stack, an interrupt or a
 * concurrent commit, the failure is not the input's fault whatever else the chain holds; it must
 * fail the batch loudly so it resumes after the fix. Only then does a data error count: Spark's
 * errors of SQLSTATE class 22 (data exception: overflow, invalid cast, bad date, null where none is
 * allowed) or 54 (a program limit such as a row or array too large), and the Java exceptions that
 * evaluating a value throws. Anything else (an analysis error, a null pointer) is a bug.
 */
final class FailureCause {
  private static final Set<String> DATA_SQLSTATE_CLASSES = Set.of("22", "54");

  /** Chains are short; the bound guards against a cause cycle. */
  private static final int MAX_DEPTH = 32;

  private static final int MAX_DETAIL_CHARS = 500;

  private FailureCause() {}

  /**
   * True when the failure may be caused by one input's values and nothing points at the
   * environment.
   */
  static boolean mayBeInput(Throwable failure) {
    List<Throwable> chain = chain(failure);
    if (chain.stream().anyMatch(FailureCause::isEnvironment)) {
      return false;
    }
    return chain.stream().anyMatch(FailureCause::isDataError);
  }

  /**
   * One line naming the data error: its first line without Spark's advice on settings that would
   * hide it, at most 500 characters. What the quarantine stores as the detail.
   */
  static String oneLine(Throwable failure) {
    Throwable named =
        chain(failure).stream().filter(FailureCause::isDataError).findFirst().orElse(failure);
    String message =
        named.getMessage() == null ? named.getClass().getSimpleName() : named.getMessage();
    String first = message.strip().lines().findFirst().orElse("").strip();
    int advice = first.indexOf(" If necessary set ");
    String line = advice > 0 ? first.substring(0, advice) : first;
    return line.length() > MAX_DETAIL_CHARS
        ? line.substring(0, MAX_DETAIL_CHARS - 3) + "..."
        : line;
  }

  private static boolean isEnvironment(Throwable t) {
    String name = t.getClass().getName();
    return t instanceof IOException
        || t instanceof VirtualMachineError
        || t instanceof InterruptedException
        || t instanceof java.util.ConcurrentModificationException
        || name.startsWith("org.apache.hadoop.")
        || name.startsWith("io.delta.exceptions.")
        || name.contains("ConcurrentModification")
        || name.contains("OutOfMemory");
  }

  private static boolean isDataError(Throwable t) {
    if (t instanceof SparkThrowable spark
        && spark.getSqlState() != null
        && spark.getSqlState().length() >= 2) {
      return DATA_SQLSTATE_CLASSES.contains(spark.getSqlState().substring(0, 2));
    }
    return t instanceof ArithmeticException
        || t instanceof DateTimeException
        || t instanceof NumberFormatException;
  }

  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure;
        t != null && chain.size() < MAX_DEPTH && !chain.contains(t);
        t = t.getCause()) {
      chain.add(t);
      for (Throwable suppressed : t.getSuppressed()) {
        chain.add(suppressed);
      }
    }
    return chain;
  }
}
