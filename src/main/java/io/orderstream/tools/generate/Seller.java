package io.orderstream.tools.generate;

/**
 * A seller of the fabricated catalogue, with the per-seller habits seen in real events.
 *
 * @param id {@code idt_venr} / {@code cod_venr}
 * @param name {@code nom_venr}
 * @param deliveryMethod {@code des_moda_entg_item} as the seller sends it (often double-encoded)
 * @param logisticsProvider {@code nom_oped_empr}; null when the seller omits the field
 * @param carrier {@code objt_des_stat_rtmt.nom_trtd} / {@code des_moda_entg}
 * @param tracksByInvoice tracking protocol is the invoice number, else "code unavailable"
 * @param virtual sells virtual products (tickets): no shipments ever
 * @param warehouse {@code list_cod_loja_vend[].cod_loja_vend}
 */
record Seller(
    String id,
    String name,
    String deliveryMethod,
    String logisticsProvider,
    String carrier,
    boolean tracksByInvoice,
    boolean virtual,
    String warehouse) {}
