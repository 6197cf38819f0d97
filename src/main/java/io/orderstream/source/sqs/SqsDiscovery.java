package io.orderstream.source.sqs;

import io.orderstream.source.inputs.InputDiscovery;
import io.orderstream.source.inputs.InputRef;
import io.orderstream.source.sqs.S3Notification.S3Object;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Names the inputs of the next micro-batch from S3 event notifications on an SQS queue, and lets
 * their messages go once the batch is safe. The bucket is never listed.
 *
 * <p><b>What becomes of each message.</b> A message that names no object to read (an {@code
 * s3:TestEvent}, something that is not an S3 event, objects outside the prefix, or objects already
 * planned in an earlier batch: a redelivery or a duplicate notification) is logged and deleted at
 * once. A message naming new objects is held: its objects join the batch, which the input stream
 * records in the checkpoint's write-once input log before the batch runs.
 *
 * <p><b>When held messages are deleted: after the batch is in every table and its manifest</b>
 * ({@link #deleteReceived}, called by the pipeline), which is before Spark writes the batch's entry
 * in its commit log. That is safe because nothing needs the messages any more: if the run dies
 * before the commit-log entry, Spark replays the batch from its offset log, the input stream reads
 * the same objects from the input log, and Delta's transaction ids skip the tables that already
 * hold the batch. Spark plans the next batch only after the previous one finished, so every message
 * held when batch N committed belongs to batch N or an earlier one.
 *
 * <p><b>Visibility timeout.</b> Replay is made harmless rather than visibility extended: a message
 * that reappears (its batch outlived the timeout, or the run died before deleting it) is received
 * again and names objects already planned, so it is deleted without being read a second time. An
 * object overwritten under the same key is the same input, as with the folder source.
 */
final class SqsDiscovery implements InputDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(SqsDiscovery.class);

  /**
   * How long a receive waits for a first message: an empty answer then means the queue is drained.
   */
  private static final Duration WAIT = Duration.ofSeconds(1);

  private final SqsQueue queue;

  /** s3a://bucket/prefix/ that objects must be under, or null for every object. */
  private final String prefix;

  /** Receipt handles of the messages whose objects were planned and not yet committed. */
  private final List<String> held = new ArrayList<>();

  SqsDiscovery(SqsQueue queue, String prefix) {
    this.queue = queue;
    this.prefix = prefix;
  }

  @Override
  public List<InputRef> next(Predicate<String> planned, Limits limits) {
    Map<String, InputRef> batch = new LinkedHashMap<>();
    long bytes = 0;
    while (batch.size() < limits.inputs() && (batch.isEmpty() || bytes < limits.bytes())) {
      List<Message> messages = queue.receive(WAIT);
      if (messages.isEmpty()) {
        break;
      }
      List<String> done = new ArrayList<>();
      for (Message message : messages) {
        List<InputRef> fresh = fresh(message, planned, batch);
        if (fresh.isEmpty()) {
          done.add(message.receiptHandle());
        } else {
          held.add(message.receiptHandle());
          for (InputRef input : fresh) {
            batch.put(input.uri(), input);
            bytes += Math.max(0, input.size());
          }
        }
      }
      queue.delete(done);
    }
    return List.copyOf(batch.values());
  }

  /** Deletes the messages of every batch up to {@code batchId}: they are in every table. */
  void deleteReceived(long batchId) {
    if (!held.isEmpty()) {
      queue.delete(List.copyOf(held));
      LOG.info("batch {}: deleted {} notification messages", batchId, held.size());
      held.clear();
    }
  }

  @Override
  public void stop() {
    queue.close();
  }

  /**
   * The objects of {@code message} that are to be read and not already planned or in this batch.
   */
  private List<InputRef> fresh(
      Message message, Predicate<String> planned, Map<String, InputRef> batch) {
    S3Notification notification = S3Notifications.parse(message.body());
    if (notification.ignored() != null) {
      LOG.info(
          "Skipping message {} ({}); deleting it", message.messageId(), notification.ignored());
      return List.of();
    }
    List<InputRef> fresh = new ArrayList<>();
    for (S3Object object : notification.objects()) {
      InputRef input = ref(object);
      if (prefix != null && !input.name().startsWith(prefix)) {
        LOG.info("Skipping {}: outside {}", input.name(), prefix);
      } else if (planned.test(input.uri()) || batch.containsKey(input.uri())) {
        LOG.info(
            "Skipping {}: already read or planned (a redelivered or duplicate notification)",
            input.name());
      } else {
        fresh.add(input);
      }
    }
    return fresh;
  }

  /** The object as an input: named by its s3a URI, opened through its encoded form. */
  static InputRef ref(S3Object object) {
    try {
      Path path = new Path(new URI("s3a", object.bucket(), "/" + object.key(), null));
      return new InputRef(object.uri(), path.toUri().toString(), object.size());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Cannot name the S3 object " + object.uri(), e);
    }
  }
}
