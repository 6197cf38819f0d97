package io.orderstream.error;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;

/**
 * Why a storage location could not be used, told in what to fix. A start-up check that says "create
 * the folder" when the store refused the credentials sends the user the wrong way, so the failure
 * is sorted first: refused, no such bucket, store out of reach, missing, or something else.
 *
 * <p>s3a reports HTTP 401/403 as {@link AccessDeniedException} (wrong key, wrong secret, or no
 * permission), no credentials at all as its {@code NoAuthWithAWSException}, a missing bucket as its
 * {@code UnknownStoreException}, and a dead endpoint as a connection failure somewhere in the cause
 * chain. Class names are matched for the s3a types so this package does not depend on hadoop-aws,
 * which a folder-only deployment may leave out.
 */
public record StorageFailure(Kind kind, String detail) {

  /** In order of precedence when a cause chain holds more than one. */
  public enum Kind {
    NO_CREDENTIALS,
    DENIED,
    NO_BUCKET,
    UNREACHABLE,
    MISSING,
    OTHER
  }

  private static final int MAX_DETAIL = 240;
  private static final String S3A_CREDENTIALS_HELP =
      Errors.AWS_CREDENTIALS_HELP + ", or spark.hadoop.fs.s3a.access.key and secret.key";

  public static StorageFailure of(Throwable failure) {
    String detail = firstLine(failure);
    // the most telling cause wins wherever it sits: s3a wraps "no credentials" in a denial
    Kind kind = failure instanceof FileNotFoundException ? Kind.MISSING : Kind.OTHER;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Kind found = kindOf(t);
      if (found != null && found.compareTo(kind) < 0) {
        kind = found;
      }
    }
    return new StorageFailure(kind, detail);
  }

  private static Kind kindOf(Throwable t) {
    String name = t.getClass().getSimpleName();
    if (name.equals("NoAuthWithAWSException")) {
      return Kind.NO_CREDENTIALS;
    }
    if (t instanceof AccessDeniedException) {
      return Kind.DENIED;
    }
    if (name.equals("UnknownStoreException")) {
      return Kind.NO_BUCKET;
    }
    if (t instanceof ConnectException
        || t instanceof UnknownHostException
        || t instanceof SocketTimeoutException
        || name.equals("ConnectTimeoutException")) {
      return Kind.UNREACHABLE;
    }
    return null;
  }

  /** One line: what went wrong, what to check, and the store's own words. */
  public String explain() {
    String advice =
        switch (kind) {
          case DENIED ->
              "the store refused the credentials or their permissions: check "
                  + S3A_CREDENTIALS_HELP
                  + ", and the bucket's policy";
          case NO_CREDENTIALS -> "no AWS credentials were found: set " + S3A_CREDENTIALS_HELP;
          case NO_BUCKET -> "the bucket does not exist";
          case UNREACHABLE ->
              "the store cannot be reached: check spark.hadoop.fs.s3a.endpoint and the network";
          case MISSING -> "it does not exist";
          case OTHER -> "";
        };
    return advice.isEmpty() ? detail : advice + " (" + detail + ")";
  }

  private static String firstLine(Throwable failure) {
    Throwable shown = failure;
    while (shown.getMessage() == null && shown.getCause() != null && shown.getCause() != shown) {
      shown = shown.getCause();
    }
    String message =
        shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage();
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }
}
