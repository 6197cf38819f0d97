package io.orderstream.tools.bench;

import io.orderstream.config.Setting;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backlog from object storage: the folder backlog's files (same events, same files, same
 * settings) uploaded to an S3 server and drained by {@code orderstream run --once} twice, each run
 * in its own JVM timed from start to exit: once listing the prefix ({@code --input s3a://...}) and
 * once from S3 event notifications on an SQS queue ({@code --source sqs}). Each is compared with
 * the folder run measured in the same invocation, on the same machine state: the backlog part's,
 * when it ran just before, else one measured here. A run whose tables differ from the folder run's
 * fails the part, so no figure times a run that skipped the work.
 */
final class ObjectsBench {
  /** A measured run: its wall time and the log holding its table listing. */
  record Run(long millis, Path log) {
    double eventsPerSecond(int events) {
      return events * 1000.0 / millis;
    }
  }

  record Result(
      int events,
      int objects,
      Run folder,
      boolean folderMeasuredHere,
      Run s3,
      Run sqs,
      long uploadMillis) {
    double s3EventsPerSecond() {
      return s3.eventsPerSecond(events);
    }

    double sqsEventsPerSecond() {
      return sqs.eventsPerSecond(events);
    }

    double folderEventsPerSecond() {
      return folder.eventsPerSecond(events);
    }

    /** Adds the part's keys to {@code results} and its detail to {@code detail.objects}. */
    void record(
        Map<String, Object> results,
        Map<String, Object> detail,
        BenchSize size,
        double loadBefore) {
      results.put("s3_backlog_events_per_s", Benchmark.round(s3EventsPerSecond()));
      results.put("sqs_backlog_events_per_s", Benchmark.round(sqsEventsPerSecond()));
      results.put("s3_backlog_ratio_to_folder", Stats.speedRatio(folder.millis(), s3.millis()));
      results.put("sqs_backlog_ratio_to_folder", Stats.speedRatio(folder.millis(), sqs.millis()));
      detail.put(
          "objects",
          Benchmark.ordered(
              "size",
              size.name(),
              "orders",
              size.backlogOrders(),
              "events",
              events,
              "objects",
              objects,
              "events_per_object",
              BacklogBench.EVENTS_PER_FILE,
              "max_files_per_trigger",
              size.backlogFilesPerTrigger(),
              "folder_run_once_ms",
              folder.millis(),
              "folder_events_per_s",
              Benchmark.round(folderEventsPerSecond()),
              "folder_measured_by",
              folderMeasuredHere ? "this part" : "the backlog part, just before",
              "s3_run_once_ms",
              s3.millis(),
              "sqs_run_once_ms",
              sqs.millis(),
              "upload_and_notify_ms",
              uploadMillis,
              "measured_at",
              Instant.now().toString(),
              "load_average_before",
              loadBefore));
    }
  }

  private ObjectsBench() {}

  /**
   * @param folder the backlog part's run of the same size in this invocation, if it ran
   */
  static Result run(
      BenchSize size,
      Path work,
      Path logs,
      List<String> runCommand,
      ObjectServers servers,
      Optional<Run> folder) {
    ObjectBacklog.createBucket(servers);
    String queueUrl =
        ObjectBacklog.createQueue(servers, "orderstream-bench-" + System.currentTimeMillis());
    try {
      Path input = work.resolve("objects/input");
      BacklogBench.Backlog backlog = BacklogBench.generate(size, input);
      String key = "backlog-" + Instant.now().toEpochMilli() + "/";
      String prefix = "s3a://" + ObjectBacklog.BUCKET + "/" + key;
      long started = System.nanoTime();
      ObjectBacklog.upload(servers, backlog.files(), prefix);
      ObjectBacklog.announce(servers, queueUrl, backlog.files(), key);
      long uploadMillis = (System.nanoTime() - started) / 1_000_000;

      Run reference =
          folder.orElseGet(
              () ->
                  measure(
                      logs.resolve("objects-folder-run.log"),
                      Map.of(),
                      runCommand,
                      BacklogBench.runArguments(
                          runCommand, input.toString(), work.resolve("objects/folder"), size)));
      Run s3 =
          measure(
              logs.resolve("objects-s3-run.log"),
              servers.credentialsEnvironment(),
              runCommand,
              listingArguments(runCommand, prefix, work.resolve("objects/s3"), size, servers));
      RunListing.requireSame(reference.log(), s3.log(), "S3 listing run");
      Run sqs =
          measure(
              logs.resolve("objects-sqs-run.log"),
              servers.credentialsEnvironment(),
              runCommand,
              notificationArguments(
                  runCommand, prefix, work.resolve("objects/sqs"), size, servers, queueUrl));
      RunListing.requireSame(reference.log(), sqs.log(), "S3 + SQS run");
      long left = ObjectBacklog.messagesLeft(servers, queueUrl);
      if (left != 0) {
        throw new IllegalStateException(
            "The S3 + SQS run left " + left + " messages on " + queueUrl + "; see " + sqs.log());
      }
      return new Result(
          backlog.events(),
          backlog.files().size(),
          reference,
          folder.isEmpty(),
          s3,
          sqs,
          uploadMillis);
    } finally {
      ObjectBacklog.deleteQueue(servers, queueUrl);
    }
  }

  /**
   * The listing run: the folder run's settings with the s3a prefix as input and the s3a settings.
   */
  static List<String> listingArguments(
      List<String> runCommand, String prefix, Path folder, BenchSize size, ObjectServers servers) {
    List<String> args =
        new ArrayList<>(BacklogBench.runArguments(runCommand, prefix, folder, size));
    args.addAll(servers.runConfArguments());
    return args;
  }

  /**
   * The notification run: the listing run's arguments plus the queue to read notifications from.
   */
  static List<String> notificationArguments(
      List<String> runCommand,
      String prefix,
      Path folder,
      BenchSize size,
      ObjectServers servers,
      String queueUrl) {
    List<String> args = listingArguments(runCommand, prefix, folder, size, servers);
    args.addAll(
        List.of(
            Setting.SOURCE.option(),
            "sqs",
            Setting.QUEUE_URL.option(),
            queueUrl,
            Setting.SQS_ENDPOINT.option(),
            servers.sqs().toString()));
    return args;
  }

  private static Run measure(
      Path log, Map<String, String> environment, List<String> runCommand, List<String> args) {
    return new Run(
        ChildJvm.run(log, environment, runCommand.get(0), args.toArray(String[]::new)), log);
  }
}
