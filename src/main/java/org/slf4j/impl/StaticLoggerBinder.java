package org.slf4j.impl;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Routes the AWS SDK's logging to the application's SLF4J 2 logging, and keeps three "SLF4J: Failed
 * to load class" lines off the console of every S3 or SQS run.
 *
 * <p>The SDK bundle (software.amazon.awssdk:bundle) carries its own relocated SLF4J 1.7 with a
 * bridge that looks this class up by name, the SLF4J 1.x way (aws-sdk-java-v2 issue 5312). SLF4J 2
 * no longer has it, so the bridge fails, the bundle prints the warning and drops every SDK log
 * line. This class is what the bridge looks for; it hands over the real logger factory. SLF4J 2
 * itself ignores it while a provider (log4j-slf4j2-impl) is on the classpath.
 */
public final class StaticLoggerBinder {
  private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();

  /** SLF4J 1.x checks this for compatibility; kept non-final so the compiler does not inline it. */
  public static String REQUESTED_API_VERSION = "1.7";

  private StaticLoggerBinder() {}

  public static StaticLoggerBinder getSingleton() {
    return SINGLETON;
  }

  public ILoggerFactory getLoggerFactory() {
    return LoggerFactory.getILoggerFactory();
  }

  public String getLoggerFactoryClassStr() {
    return getLoggerFactory().getClass().getName();
  }
}
