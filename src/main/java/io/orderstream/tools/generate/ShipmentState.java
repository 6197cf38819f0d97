package io.orderstream.tools.generate;

import java.time.Instant;

/**
 * A shipment as one event reports it: its status and the timestamps known at that point.
 *
 * @param invoiceIssuedAt {@code objt_carg_fatm.dat_emis_nail}
 * @param trackingAt {@code objt_des_stat_rtmt.dat_envo_rtmt}; null until sent
 * @param proofAt {@code dat_emis_cpvt}; null until delivered
 * @param createdAt {@code dat_hor_cria_item_entg}
 * @param updatedAt {@code dat_hor_atui_item_entg}
 * @param carriesInvoiceXml this event is the one that bills the shipment and sends the invoice XML
 */
record ShipmentState(
    Shipment shipment,
    ShipmentStatus status,
    Instant invoiceIssuedAt,
    Instant trackingAt,
    Instant proofAt,
    Instant createdAt,
    Instant updatedAt,
    boolean carriesInvoiceXml) {

  static ShipmentState billed(Shipment shipment, Instant at, Instant invoiceIssuedAt) {
    Instant created = at.minusMillis(38);
    return new ShipmentState(
        shipment,
        ShipmentStatus.BILLED,
        invoiceIssuedAt,
        null,
        null,
        created,
        created,
        shipment.invoiceXml() != null);
  }

  ShipmentState sent(Instant at, Instant trackingAt) {
    return new ShipmentState(
        shipment,
        ShipmentStatus.SENT,
        invoiceIssuedAt,
        trackingAt,
        null,
        createdAt,
        at.minusMillis(63),
        false);
  }

  ShipmentState delivered(Instant at, Instant proofAt) {
    return new ShipmentState(
        shipment,
        ShipmentStatus.DELIVERED,
        invoiceIssuedAt,
        trackingAt,
        proofAt,
        createdAt,
        at.minusMillis(41),
        false);
  }

  /** The same state as repeated by a later event (the invoice XML is sent only once). */
  ShipmentState repeated() {
    return new ShipmentState(
        shipment, status, invoiceIssuedAt, trackingAt, proofAt, createdAt, updatedAt, false);
  }
}
