package io.orderstream.tools.generate;

/**
 * The order statuses ({@code stat_pedi}) the generator produces, in lifecycle order, with the
 * sub-status ({@code objt_sub_stat_pedi}) that detailed events carry for them.
 */
enum OrderStatus {
  PRE_ORDER("PRE-ORDER", null, null),
  IN_PROCESSING("IN-PROCESSING", null, null),
  PAID("PAID", "200", "Paid"),
  PARTIALLY_BILLED("PARTIALLY-BILLED", "301", "Partially billed"),
  BILLED("BILLED", "300", "Billed"),
  PARTIALLY_SENT("PARTIALLY-SENT", "401", "Partially sent"),
  SENT("SENT", "400", "Sent"),
  PARTIALLY_DELIVERED("PARTIALLY-DELIVERED", "501", "Partially delivered"),
  DELIVERED("DELIVERED", "500", "Delivered"),
  CANCELED("CANCELED", "900", "Canceled");

  private final String json;
  private final String subCode;
  private final String subName;

  OrderStatus(String json, String subCode, String subName) {
    this.json = json;
    this.subCode = subCode;
    this.subName = subName;
  }

  /** The value of {@code stat_pedi}. */
  String json() {
    return json;
  }

  /** {@code objt_sub_stat_pedi.cod_sub_stat_pedi}; null when the status has no sub-status. */
  String subCode() {
    return subCode;
  }

  String subName() {
    return subName;
  }

  /** The status of an event whose {@code stat_pedi} is {@code json}. */
  static OrderStatus fromJson(String json) {
    for (OrderStatus s : values()) {
      if (s.json.equals(json)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown order status '" + json + "'");
  }
}
