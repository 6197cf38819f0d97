package io.orderstream.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.fs.s3a.UnknownStoreException;
import org.apache.hadoop.fs.s3a.auth.NoAuthWithAWSException;
import org.junit.jupiter.api.Test;

class StorageFailureTest {

  @Test
  void anAccessDenialAnywhereInTheChainIsAboutCredentials() {
    IOException failure =
        new IOException(
            "getFileStatus on s3a://b/in",
            new AccessDeniedException("s3a://b/in: Status Code: 403\nmore detail"));

    StorageFailure sorted = StorageFailure.of(failure);

    assertThat(sorted.kind()).isEqualTo(StorageFailure.Kind.DENIED);
    assertThat(sorted.explain())
        .contains("refused the credentials")
        .contains("AWS_ACCESS_KEY_ID")
        .contains("getFileStatus on s3a://b/in")
        .doesNotContain("\n");
  }

  @Test
  void noCredentialsWinOverTheDenialS3aWrapsThemIn() {
    IOException failure =
        new AccessDeniedException("orders: " + NoAuthWithAWSException.class.getName());
    failure.initCause(new NoAuthWithAWSException("No AWS Credentials provided by ..."));

    assertThat(StorageFailure.of(failure).kind()).isEqualTo(StorageFailure.Kind.NO_CREDENTIALS);
  }

  @Test
  void aRefusedConnectionIsAboutTheEndpoint() {
    StorageFailure sorted =
        StorageFailure.of(new IOException("request failed", new ConnectException("refused")));

    assertThat(sorted.kind()).isEqualTo(StorageFailure.Kind.UNREACHABLE);
    assertThat(sorted.explain()).contains("fs.s3a.endpoint");
  }

  @Test
  void s3aTypesAreKnownByTheirNames() {
    assertThat(StorageFailure.of(new UnknownStoreException("s3a://gone", "no such bucket")).kind())
        .isEqualTo(StorageFailure.Kind.NO_BUCKET);
    StorageFailure none = StorageFailure.of(new NoAuthWithAWSException("no credentials"));
    assertThat(none.kind()).isEqualTo(StorageFailure.Kind.NO_CREDENTIALS);
    assertThat(none.explain()).startsWith("no AWS credentials were found: set AWS_ACCESS_KEY_ID");
  }

  @Test
  void aMissingPathIsMissingAndAnythingElseKeepsItsOwnWords() {
    assertThat(StorageFailure.of(new FileNotFoundException("/nowhere")).kind())
        .isEqualTo(StorageFailure.Kind.MISSING);
    StorageFailure other = StorageFailure.of(new IOException("disk quota exceeded"));
    assertThat(other.kind()).isEqualTo(StorageFailure.Kind.OTHER);
    assertThat(other.explain()).isEqualTo("disk quota exceeded");
  }

  @Test
  void aLongMessageIsCut() {
    String explained = StorageFailure.of(new IOException("x".repeat(1000))).explain();

    assertThat(explained).hasSizeLessThan(300).endsWith("...");
  }
}
