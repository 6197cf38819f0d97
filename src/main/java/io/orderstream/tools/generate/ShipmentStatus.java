package io.orderstream.tools.generate;

/**
 * A shipment's status ({@code nom_stat_entg}, {@code stat_entg}) and its sub-status code and name.
 */
enum ShipmentStatus {
  BILLED("300", "Billed"),
  SENT("400", "Sent"),
  DELIVERED("500", "Delivered");

  private final String subCode;
  private final String subName;

  ShipmentStatus(String subCode, String subName) {
    this.subCode = subCode;
    this.subName = subName;
  }

  String subCode() {
    return subCode;
  }

  String subName() {
    return subName;
  }
}
