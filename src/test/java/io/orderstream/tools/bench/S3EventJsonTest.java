package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.source.sqs.S3Notification;
import io.orderstream.source.sqs.S3Notification.S3Object;
import io.orderstream.source.sqs.S3Notifications;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's notifications are what the notification source reads: S3's own shape and
 * encoding.
 */
class S3EventJsonTest {

  @Test
  void createdEventNamesTheObjectAsTheSourceDecodesIt() {
    String key = "backlog-1/orders a+b%c ü.jsonl";

    S3Notification notification =
        S3Notifications.parse(S3EventJson.created("orderstream-bench", key, 1234, 255));

    assertThat(notification.ignored()).isNull();
    assertThat(notification.objects())
        .containsExactly(new S3Object("orderstream-bench", key, 1234, "FF"));
  }

  @Test
  void createdEventEncodesTheKeyAsS3Does() {
    String body = S3EventJson.created("b", "folder/a b+c.jsonl", 1, 1);

    assertThat(body)
        .contains("\"key\":\"folder/a+b%2Bc.jsonl\"")
        .contains("\"eventName\":\"ObjectCreated:Put\"", "\"eventSource\":\"aws:s3\"");
  }
}
