package io.orderstream.tools.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns one {@link Step} of an {@link OrderPlan} into the event document, field for field in the
 * shape (and key order) of the real events. Fields that only the newer feed sends (sub-statuses,
 * per-item financial fields, {@code list_prmo}) appear only for {@link OrderPlan#detailed()}
 * orders.
 */
final class EventBuilder {
  private static final String CLIENT_ID = "customer-store";

  private final String storeId;

  EventBuilder(String storeId) {
    this.storeId = storeId;
  }

  ObjectNode event(OrderPlan order, Step step) {
    ObjectNode e = EventJson.MAPPER.createObjectNode();
    if (step.version() != null) {
      e.put("num_ulti_vers_sist", String.valueOf(step.version()));
    }
    e.put("txt_detl_idt_pedi_pgto", order.orderId());
    e.put("cod_idef_clie", CLIENT_ID);
    e.put("dat_hor_tran", Timestamps.format(order.createdAt()));
    customer(e.putObject("objt_clie"), order.customer());
    address(e.putObject("objt_ende_entg_pedi"), order.address());
    e.putArray("list_desc_item_pedi");
    ArrayNode lines = e.putArray("list_item_pedi");
    order.lines().forEach(l -> line(lines.addObject(), l, order));
    e.put("stat_pgto", step.paymentStatus());
    ArrayNode shipments = e.putArray("list_envo");
    step.shipments().forEach(s -> shipment(shipments.addObject(), s, order.detailed()));
    e.put("stat_pedi", step.status().json());
    e.put("idt_loja", storeId);
    summary(e.putObject("objt_des_rsum"), order);
    e.put("dat_atui", Timestamps.format(step.datAtui()));
    if (step.version() != null) {
      e.put("cod_aces_tokn", order.token());
    }
    if (order.detailed()) {
      detailedOrderFields(e, order, step);
    }
    return e;
  }

  private static void customer(ObjectNode c, Customer customer) {
    c.put("nom_tipo_docm", customer.document());
    c.put("nom_ende_emai_clie", customer.email());
    c.put("nom_clie", customer.name());
    ObjectNode phone = c.putObject("objt_tel_clie");
    phone.put("cod_tel_clie", "n/a");
    phone.put("cod_area_tel", customer.phoneArea());
    phone.put("cod_pais_tel", "55");
    phone.put("num_tel_clie", customer.phoneNumber());
    c.put("cod_rfrc_clie", customer.ref());
    c.put("cod_tipo_pess", customer.type());
  }

  private static void address(ObjectNode a, Address address) {
    a.put("nom_cida_ende_entg", address.city());
    a.put("nom_cmpl_ende_entg", address.complement());
    a.put("cod_pais_resd", address.country());
    a.put("nom_bair_ende_entg", address.neighborhood());
    a.put("num_logr_ende_entg", address.number());
    a.put("nom_pess", address.receiver());
    a.put("sig_uf", address.shortState());
    a.put("nom_estd", address.state());
    a.put("nom_logr_ende_entg", address.street());
    a.put("cod_cep", address.zip());
  }

  private static void line(ObjectNode l, OrderLine line, OrderPlan order) {
    Product p = line.product();
    l.put("des_moda_entg_item", p.seller().deliveryMethod());
    l.put("qtd_dia_prz_entg", p.businessDays());
    l.put("vlr_totl_fret", Money.toDouble(line.finalShippingCents()));
    if (p.seller().logisticsProvider() != null) {
      l.put("nom_oped_empr", p.seller().logisticsProvider());
    }
    l.put("nom_item", p.name());
    l.put("cod_ofrt_ineo_requ", p.offerId());
    l.put("vlr_oril", Money.toDouble(line.originalTotalCents()));
    l.put("vlr_prod", Money.toDouble(line.totalCents()));
    l.put("vlr_prod_ofrt_desc", Money.toDouble(line.offerDiscountCents()));
    l.put("nom_prod_orig", p.productName());
    l.put("txt_plae_otmz_url_prod", p.productSlug());
    l.put("qtd_item_pedi", line.quantity());
    l.put("idt_venr", p.seller().id());
    l.put("nom_venr", p.seller().name());
    l.put("idt_vrne_venr", p.sellerSkuId());
    l.put("vlr_fret", Money.toDouble(line.shippingCents()));
    l.put("vlr_desc_envo", Money.toDouble(line.shippingDiscountCents()));
    l.put("cod_vrne_prod", p.itemId());
    l.put("txt_plae_otmz_url_item", p.slug());
    l.put("nom_url_img_oril", p.thumbnail());
    l.put("vlr_oril_prod_unit_vrne", Money.toDouble(p.originalPriceCents()));
    l.put("vlr_prec_unit_brut", Money.toDouble(p.priceCents()));
    l.putArray("list_cod_loja_vend")
        .addObject()
        .put("cod_loja_vend", p.seller().warehouse())
        .put("qtd_loja_item", line.quantity());
    if (order.detailed()) {
      l.put("vlr_desc_finn_unit_item", Money.toDouble(line.unitFinancialDiscountCents()));
      l.put("vlr_fina_esto_item", Money.toDouble(line.finalCents()));
      l.put(
          "dat_hor_esda_entg_item",
          Timestamps.format(estimatedDelivery(order.createdAt(), p.businessDays())));
    }
  }

  /** Local midnight (03:00 UTC) a couple of days after the promised business days. */
  private static Instant estimatedDelivery(Instant createdAt, int businessDays) {
    return createdAt
        .plus(Duration.ofDays(businessDays + 2))
        .truncatedTo(ChronoUnit.DAYS)
        .plus(Duration.ofHours(3));
  }

  private static void shipment(ObjectNode s, ShipmentState state, boolean detailed) {
    Shipment shipment = state.shipment();
    s.put("cod_tipo_entg", shipment.code());
    ObjectNode invoice = s.putObject("objt_carg_fatm");
    invoice.put("dat_emis_nail", Timestamps.format(state.invoiceIssuedAt()));
    invoice.put("cod_nota_fisc", shipment.invoiceNumber());
    invoice.put("cod_srie", shipment.invoiceSeries());
    if (state.carriesInvoiceXml()) {
      invoice.put("txt_xml_oper", shipment.invoiceXml());
    }
    if (state.proofAt() != null) {
      s.put("dat_emis_cpvt", Timestamps.format(state.proofAt()));
    }
    ArrayNode items = s.putArray("list_item_envo");
    shipment.lines().forEach(l -> shipmentItem(items.addObject(), l, state, detailed));
    s.put("cod_venr", shipment.seller().id());
    s.put("nom_stat_entg", state.status().name());
    if (state.trackingAt() != null) {
      tracking(s.putObject("objt_des_stat_rtmt"), state);
    }
    if (detailed) {
      s.putObject("objt_sub_stat_envo")
          .put("cod_sub_stat_entg", state.status().subCode())
          .put("nom_sub_stat_entg", state.status().subName());
    }
  }

  private static void shipmentItem(
      ObjectNode i, OrderLine line, ShipmentState state, boolean detailed) {
    i.put("qtd_prod", line.quantity());
    i.put("cod_prod_venr", line.product().sellerSkuId());
    i.put("cod_prod", line.product().itemId());
    i.put("stat_entg", state.status().name());
    if (detailed) {
      i.putObject("objt_sub_stat_item")
          .put("cod_sub_stat_item", state.status().subCode())
          .put("nom_sub_stat_item", state.status().subName());
      i.put("dat_hor_cria_item_entg", Timestamps.format(state.createdAt()));
      i.put("dat_hor_atui_item_entg", Timestamps.format(state.updatedAt()));
    }
  }

  private static void tracking(ObjectNode t, ShipmentState state) {
    Seller seller = state.shipment().seller();
    t.put("nom_trtd", seller.carrier());
    t.put("des_moda_entg", seller.carrier());
    t.put(
        "prco_rtmt",
        seller.tracksByInvoice()
            ? state.shipment().invoiceNumber()
            : Text.doubleEncode("Código de rastreio indisponível"));
    t.put("dat_envo_rtmt", Timestamps.format(state.trackingAt()));
  }

  private static void summary(ObjectNode s, OrderPlan order) {
    s.put("num_item", (double) order.lines().stream().mapToInt(OrderLine::quantity).sum());
    s.put(
        "qtd_maxi_temp_envo",
        (double) order.lines().stream().mapToInt(l -> l.product().businessDays()).max().orElse(0));
    s.put("vlr_desc_conc_pedi", Money.toDouble(order.promotionCents()));
    s.put("vlr_totl_pedi", Money.toDouble(order.itemsTotalCents()));
    s.put("vlr_totl_desc", Money.toDouble(order.promotionCents() + order.offerDiscountCents()));
    s.put("vlr_cust_totl_envo", Money.toDouble(order.shippingCents()));
    s.put("vlr_desc_totl_envo", Money.toDouble(order.shippingDiscountCents()));
    if (order.detailed()) {
      s.put("vlr_fina_pedi", Money.toDouble(order.finalCents()));
    }
  }

  private static void detailedOrderFields(ObjectNode e, OrderPlan order, Step step) {
    if (step.status().subCode() != null) {
      e.putObject("objt_sub_stat_pedi")
          .put("cod_sub_stat_pedi", step.status().subCode())
          .put("nom_sub_stat_pedi", step.status().subName());
    }
    ArrayNode promotions = e.putArray("list_prmo");
    for (AppliedPromotion applied : order.promotions()) {
      Promotion p = applied.promotion();
      ObjectNode node = promotions.addObject();
      node.put("nom_apli_prmo", p.appliesTo());
      node.put("cod_prmo", p.id());
      node.put("nom_prmo", p.name());
      node.put("nom_tipo_desc", p.percentage() ? "percentage" : "fixed");
      node.put("vlr_cnfg_desc", p.configuredValue());
      node.putObject("objt_cupo")
          .put("cod_idef_cupo", p.couponId())
          .put("nom_tipo_cupo", p.couponType())
          .put("cod_cupo", p.couponCode());
      node.put("vlr_aplc_desc", Money.toDouble(applied.appliedCents()));
    }
  }
}
