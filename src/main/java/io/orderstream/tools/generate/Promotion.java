package io.orderstream.tools.generate;

/**
 * A promotion of the fabricated catalogue ({@code list_prmo[]}), shared by the orders that use it.
 *
 * @param percentage {@code nom_tipo_desc} is "percentage" (value in %), else "fixed" (value in
 *     cents)
 * @param value {@code vlr_cnfg_desc}: cents when fixed, whole percent when percentage
 * @param appliesTo {@code nom_apli_prmo}
 */
record Promotion(
    String id,
    String name,
    boolean percentage,
    long value,
    String couponId,
    String couponType,
    String couponCode,
    String appliesTo) {

  /** {@code vlr_aplc_desc} for an order whose items total {@code totalCents}. */
  long appliedCents(long totalCents) {
    long cents = percentage ? Math.round(totalCents * value / 100.0) : value;
    return Math.min(cents, totalCents);
  }

  /** {@code vlr_cnfg_desc} as it appears in the event. */
  double configuredValue() {
    return percentage ? value : Money.toDouble(value);
  }
}
