package io.orderstream.error;

/**
 * Builds every user-facing exception, so messages stay consistent and tests can match them.
 *
 * <p>Exit codes are a contract with scripts: 2 for bad usage or configuration (the user must change
 * what they passed), 1 for failures while running (storage, Spark).
 */
public final class Errors {
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_USAGE = 2;

  /** Where the AWS SDK looks for credentials, for messages that ask the user to fix them. */
  public static final String AWS_CREDENTIALS_HELP =
      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or an AWS profile or instance role)";

  private Errors() {}

  /** No AWS credentials anywhere in the SDK's chain, found when {@code what} was first used. */
  public static OrderstreamException missingAwsCredentials(String what) {
    return new OrderstreamException(
        "No AWS credentials for " + what + ": set " + AWS_CREDENTIALS_HELP, EXIT_USAGE, null);
  }

  /** A configuration value that does not parse or is out of range. */
  public static OrderstreamException invalidSetting(String key, String value, String expected) {
    return new OrderstreamException(
        "Invalid value for " + key + ": '" + value + "'; expected " + expected, EXIT_USAGE, null);
  }

  /**
   * As {@link #invalidSetting}, for a setting whose value is a secret: the message, which reaches
   * the terminal and logs, tells its length instead of showing it.
   */
  public static OrderstreamException invalidSecretSetting(String key, int length, String expected) {
    return new OrderstreamException(
        "Invalid value for " + key + ": (hidden, " + length + " characters); expected " + expected,
        EXIT_USAGE,
        null);
  }

  /**
   * A table's personal columns were written with another {@code personal-columns} mode or salt than
   * the run would use.
   */
  public static OrderstreamException personalColumnsChanged(
      String table, String recorded, String wanted) {
    return new OrderstreamException(
        "Cannot write table "
            + table
            + " with personal-columns="
            + wanted
            + ": its rows were written with personal-columns="
            + recorded
            + ", and stored rows change only when a newer event names them, so the table would mix"
            + " both; run with the setting (and salt) the table was written with, or start over"
            + " with new tables and checkpoint folders to apply it to every row",
        EXIT_USAGE,
        null);
  }

  /** A key in a configuration file that no setting knows (usually a typo). */
  public static OrderstreamException unknownSetting(String key, String source, String known) {
    return new OrderstreamException(
        "Unknown setting '" + key + "' in " + source + "; known settings: " + known,
        EXIT_USAGE,
        null);
  }

  /** A configuration file that cannot be read. */
  public static OrderstreamException unreadableConfigFile(String path, Throwable cause) {
    return new OrderstreamException(
        "Cannot read config file '"
            + path
            + "': "
            + cause.getMessage()
            + "; pass an existing, readable properties file with --config",
        EXIT_USAGE,
        cause);
  }

  /** A config file named with --config that does not exist. */
  public static OrderstreamException missingConfigFile(String path) {
    return new OrderstreamException(
        "Cannot read config file '"
            + path
            + "': no such file; pass an existing properties file"
            + " with --config (relative paths start from the working directory)",
        EXIT_USAGE,
        null);
  }

  /** A checkpoint written by a source that tracked its inputs another way (Spark's file source). */
  public static OrderstreamException legacyCheckpoint(String checkpoint) {
    return new OrderstreamException(
        "Cannot resume checkpoint '"
            + checkpoint
            + "': it was written by orderstream 0.1, whose file"
            + " source kept another log; start over with a new checkpoint and new tables (delete both,"
            + " or point --checkpoint and --tables elsewhere): every input file is read again",
        EXIT_USAGE,
        null);
  }

  /** An input location that does not exist or cannot be listed. */
  public static OrderstreamException missingInput(String key, String path) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + path
            + "'; expected an existing folder or URI of order"
            + " event files (create it, or point "
            + key
            + " elsewhere)",
        EXIT_USAGE,
        null);
  }

  /**
   * An input location the start-up check could not read for a reason other than its absence: {@code
   * reason} comes from {@link StorageFailure#explain()}.
   */
  public static OrderstreamException unreadableInput(String key, String path, String reason) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + path
            + "'; expected a folder or URI of order event files that can be read, but "
            + reason,
        EXIT_USAGE,
        null);
  }

  /** A tables folder to inspect that does not exist. */
  public static OrderstreamException missingTables(String key, String path) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + path
            + "'; expected an existing folder of orderstream"
            + " tables (the --tables of a run)",
        EXIT_USAGE,
        null);
  }

  /** An output location (tables, checkpoint) that cannot be created or written. */
  public static OrderstreamException unwritableLocation(String key, String path, Throwable cause) {
    String reason = cause == null ? "not writable" : StorageFailure.of(cause).explain();
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + path
            + "'; expected a writable location ("
            + reason
            + ")",
        EXIT_USAGE,
        cause);
  }

  /**
   * A local output location (tables, checkpoint) that is known at start-up not to work, before
   * anything is written; {@code reason} says why ("'/data' is a file").
   */
  public static OrderstreamException unusableLocation(String key, String path, String reason) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + path
            + "'; expected a writable folder, but "
            + reason
            + " (fix that, or point "
            + key
            + " elsewhere)",
        EXIT_USAGE,
        null);
  }

  /** A checkpoint that belongs to a different input or tables location than the one configured. */
  public static OrderstreamException checkpointMismatch(String checkpoint, String detail) {
    return new OrderstreamException(
        "Checkpoint '"
            + checkpoint
            + "' was created for another pipeline: "
            + detail
            + "; use a new --checkpoint for a new input or tables location",
        EXIT_USAGE,
        null);
  }

  /**
   * A tables location that another checkpoint writes: pairing it with this one would replay input
   * into it.
   */
  public static OrderstreamException tablesOwnedByOtherCheckpoint(
      String tables,
      String ownerCheckpoint,
      String ownerAppId,
      String checkpoint,
      String appId,
      String ownerFile) {
    return new OrderstreamException(
        "Tables at '"
            + tables
            + "' belong to checkpoint '"
            + ownerCheckpoint
            + "' (app id "
            + ownerAppId
            + "), not to checkpoint '"
            + checkpoint
            + "' (app id "
            + appId
            + "); run with --checkpoint '"
            + ownerCheckpoint
            + "', or start over by deleting both '"
            + tables
            + "' and '"
            + checkpoint
            + "', or let this checkpoint take the tables over (it reads its input again; rows already"
            + " there are not doubled) by deleting '"
            + ownerFile
            + "'",
        EXIT_USAGE,
        null);
  }

  /** A tables location without a consistent snapshot to read (no manifest, or not readable). */
  public static OrderstreamException noConsistentSnapshot(
      String key, String tables, String reason) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + tables
            + "'; expected the tables location of a pipeline that"
            + " has created its tables, but "
            + reason,
        EXIT_USAGE,
        null);
  }

  /** Tables without the event log a rebuild derives them from. */
  public static OrderstreamException noEventLog(String key, String tables) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + tables
            + "'; expected tables with an order_event table, but it has none (releases before the"
            + " event log did not write it): run the pipeline on them once, then rebuild from the"
            + " events it stores from then on",
        EXIT_USAGE,
        null);
  }

  /** Tables whose event log lacks some orders' winning events. */
  public static OrderstreamException eventLogIncomplete(String key, String tables, long orders) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + tables
            + "'; expected an order_event table holding every order's winning event, but "
            + orders
            + " orders' winners are missing from it (stored while"
            + " spark.orderstream.history.enabled was false): a rebuild would lose those orders",
        EXIT_USAGE,
        null);
  }

  /** A folder that must be new for a command that creates tables in it. */
  public static OrderstreamException tablesExist(String key, String location) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + location
            + "'; expected a folder without tables, but it holds some: give a new folder, or"
            + " leave the option out to rebuild in place",
        EXIT_USAGE,
        null);
  }

  /** The streaming query stopped with an error. */
  public static OrderstreamException queryFailed(String detail, Throwable cause) {
    return new OrderstreamException(
        "The pipeline stopped with an error: "
            + detail
            + "; fix the cause and run again: it resumes from the checkpoint with nothing lost or doubled",
        EXIT_FAILURE,
        cause);
  }

  /**
   * Anything else that ends a command: a storage or environment failure Spark or Hadoop raised, or
   * a bug. The message names it; its trace goes to the log at DEBUG ({@code --verbose}).
   */
  public static OrderstreamException unexpected(Throwable failure) {
    return new OrderstreamException(
        "Failed: "
            + describe(failure)
            + "; if that names a storage, permission or memory problem, fix it and run"
            + " again, else run again with --verbose for the stack trace and report it",
        EXIT_FAILURE,
        failure);
  }

  /**
   * The failure and, when it wraps another, the innermost cause, each by its first line: Spark
   * reports a full disk as "Task failed while writing rows", and only the root says "No space left
   * on device"; Spark's messages go on with lines of query context that a one-line report leaves
   * out.
   */
  public static String describe(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
      root = root.getCause();
    }
    String described = failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage());
    return root == failure
        ? described
        : described
            + " (caused by "
            + root.getClass().getSimpleName()
            + ": "
            + firstLine(root.getMessage())
            + ")";
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
  }

  /** A Kafka cluster that does not answer at start-up, before anything is read or written. */
  public static OrderstreamException kafkaUnreachable(String key, String servers, String reason) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + servers
            + "'; expected the bootstrap servers of a reachable"
            + " Kafka cluster, but "
            + reason
            + " (start the broker, or point "
            + key
            + " elsewhere)",
        EXIT_USAGE,
        null);
  }

  /** A Kafka topic (or a pattern matching none) that the cluster does not have. */
  public static OrderstreamException kafkaTopicMissing(String key, String topic, String servers) {
    return new OrderstreamException(
        "Invalid value for "
            + key
            + ": '"
            + topic
            + "'; expected an existing topic, but the Kafka cluster at "
            + servers
            + " has none by that name (create it, or point "
            + key
            + " elsewhere)",
        EXIT_USAGE,
        null);
  }

  /** Writing records to Kafka failed after the producer's retries. */
  public static OrderstreamException kafkaWriteFailed(String topic, Throwable cause) {
    return new OrderstreamException(
        "Cannot write to Kafka topic '"
            + topic
            + "': "
            + cause.getMessage()
            + "; check the broker and run again",
        EXIT_FAILURE,
        cause);
  }

  /**
   * Kafka records that the checkpoint still had to read are gone (retention, a deleted topic):
   * stopping is the default, since going on loses them silently.
   */
  public static OrderstreamException kafkaDataLoss(String what, String topic, Throwable cause) {
    return new OrderstreamException(
        "Kafka data loss on "
            + topic
            + ": "
            + what
            + "; they were deleted (by retention, or with their topic)"
            + " before this pipeline read them. To go on without them, run again with"
            + " kafka-fail-on-data-loss=false (--kafka-fail-on-data-loss false); to avoid it, keep records"
            + " in Kafka (retention.ms) longer than the pipeline may be stopped or behind",
        EXIT_FAILURE,
        cause);
  }

  /** A database the export cannot reach or log in to. */
  public static OrderstreamException databaseUnreachable(String url, String reason) {
    return new OrderstreamException(
        "Cannot connect to the database at --jdbc-url '"
            + url
            + "': "
            + reason
            + "; check the URL, --jdbc-user and ORDERSTREAM_JDBC_PASSWORD (or jdbc.password in --config)",
        EXIT_USAGE,
        null);
  }

  /** A database table whose shape differs from the model the export writes. */
  public static OrderstreamException schemaDrift(
      String url, String table, String column, String detail) {
    return new OrderstreamException(
        "Cannot export to '"
            + url
            + "': column "
            + table
            + "."
            + column
            + " "
            + detail
            + "; the tables must match the model (docs/tables.md): restore the column, or drop table "
            + table
            + " so that the next export creates and loads it again",
        EXIT_USAGE,
        null);
  }

  /** An export step that failed after connecting; nothing of it was committed. */
  public static OrderstreamException exportFailed(String url, String detail, Throwable cause) {
    return new OrderstreamException(
        "The export to '"
            + url
            + "' failed: "
            + detail
            + "; nothing of this step was committed: fix the cause and run the export again",
        EXIT_FAILURE,
        cause);
  }
}
