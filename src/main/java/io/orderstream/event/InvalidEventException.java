package io.orderstream.event;

/**
 * Raised inside the decoder when a document breaks the event contract; becomes a {@link
 * DecodeResult.Rejected}.
 */
final class InvalidEventException extends Exception {
  private final RejectReason reason;

  InvalidEventException(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  RejectReason reason() {
    return reason;
  }
}
