package io.orderstream.event;

/** Why an input could not be used; {@link #code()} is what the quarantine table stores. */
public enum RejectReason {
  EMPTY("empty"),
  NOT_UTF8("not-utf8"),
  NOT_JSON("not-json"),
  TRUNCATED("truncated"),
  NOT_AN_OBJECT("not-an-object"),
  MISSING_ORDER_ID("missing-order-id"),
  MISSING_UPDATED_AT("missing-dat_atui"),
  BAD_TIMESTAMP("bad-timestamp"),
  WRONG_TYPE("wrong-type"),
  MISSING_FIELD("missing-field"),
  /** Listed or announced, but gone when it was read. */
  VANISHED("vanished"),
  /** Over the {@code max-input-size} setting: quarantined unread, with its size. */
  TOO_LARGE("too-large"),
  /** A number beyond what its column holds, or a list longer than an order is allowed to be. */
  OUT_OF_RANGE("out-of-range");

  private final String code;

  RejectReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The reason whose {@link #code()} is {@code code}. */
  public static RejectReason ofCode(String code) {
    for (RejectReason reason : values()) {
      if (reason.code.equals(code)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("No reject reason with code " + code);
  }
}
