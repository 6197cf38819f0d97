package io.orderstream.source.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.source.inputs.InputRef;
import io.orderstream.source.sqs.S3Notification.S3Object;
import io.orderstream.testing.S3Notifier;
import org.junit.jupiter.api.Test;

/** Reading S3 event notification messages: which objects a message names, and which it ignores. */
class S3NotificationsTest {

  @Test
  void objectCreatedRecordNamesTheObjectWithItsKeyDecoded() {
    S3Notification notification =
        S3Notifications.parse(S3Notifier.createdEvent("orders", "in/a b+c%.json", 12));

    assertThat(notification.ignored()).isNull();
    assertThat(notification.objects())
        .singleElement()
        .satisfies(
            object -> {
              assertThat(object.bucket()).isEqualTo("orders");
              assertThat(object.key()).isEqualTo("in/a b+c%.json");
              assertThat(object.size()).isEqualTo(12);
              assertThat(object.uri()).isEqualTo("s3a://orders/in/a b+c%.json");
            });
  }

  @Test
  void plusInAnEncodedKeyIsASpace() {
    String body =
        "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:CompleteMultipartUpload\","
            + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"incoming%2Fa+b.json\",\"size\":3}}}]}";

    assertThat(S3Notifications.parse(body).objects())
        .extracting(S3Object::key)
        .containsExactly("incoming/a b.json");
  }

  @Test
  void snsWrappedNotificationIsUnwrapped() {
    String inner = S3Notifier.createdEvent("orders", "x.json", 1).replace("\"", "\\\"");
    String body =
        "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"TopicArn\":\"arn:aws:sns:us-east-1:1:t\",\"Message\":\""
            + inner
            + "\"}";

    assertThat(S3Notifications.parse(body).objects())
        .extracting(S3Object::key)
        .containsExactly("x.json");
  }

  @Test
  void testEventForeignMessagesAndRemovalsNameNoObject() {
    assertThat(S3Notifications.parse(S3Notifier.testEvent("orders")).ignored())
        .isEqualTo("s3:TestEvent");
    assertThat(S3Notifications.parse("hello").ignored()).isEqualTo("not JSON");
    assertThat(S3Notifications.parse("{\"order\":1}").ignored())
        .isEqualTo("not an S3 event notification");
    String removed =
        S3Notifier.createdEvent("orders", "x.json", 1)
            .replace("ObjectCreated:Put", "ObjectRemoved:Delete");
    assertThat(S3Notifications.parse(removed).ignored()).isEqualTo("no ObjectCreated record");
  }

  @Test
  void inputRefOfAnObjectOpensThroughAnEncodedUriAndShowsThePlainName() {
    InputRef ref = SqsDiscovery.ref(new S3Object("orders", "in/a b%.json", 5, "1"));

    assertThat(ref.name()).isEqualTo("s3a://orders/in/a b%.json");
    assertThat(ref.uri()).isEqualTo("s3a://orders/in/a%20b%25.json");
    assertThat(ref.size()).isEqualTo(5);
  }
}
