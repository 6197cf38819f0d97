package io.orderstream.tools.generate;

import java.util.List;

/**
 * The fixed facts of one shipment ({@code list_envo[]}): one per seller of the order's physical
 * lines.
 *
 * @param code {@code cod_tipo_entg}, stable across all events of the order
 * @param lines the order lines this shipment carries ({@code list_item_envo[]})
 * @param invoiceXml {@code objt_carg_fatm.txt_xml_oper}, sent only by the event that bills it; may
 *     be null
 */
record Shipment(
    String code,
    Seller seller,
    List<OrderLine> lines,
    String invoiceNumber,
    String invoiceSeries,
    String invoiceXml) {

  Shipment {
    lines = List.copyOf(lines);
  }
}
