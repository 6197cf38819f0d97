package io.orderstream.tools.generate;

/**
 * One sellable item (a product variant) of the fabricated catalogue.
 *
 * @param itemId {@code cod_vrne_prod}
 * @param offerId {@code cod_ofrt_ineo_requ}
 * @param sellerSkuId {@code idt_vrne_venr} / {@code cod_prod_venr}
 * @param productName {@code nom_prod_orig}
 * @param name {@code nom_item}
 * @param thumbnail {@code nom_url_img_oril}
 * @param priceCents unit price ({@code vlr_prec_unit_brut})
 * @param originalPriceCents unit price before the offer ({@code vlr_oril_prod_unit_vrne})
 * @param offerDiscountCents {@code vlr_prod_ofrt_desc} per unit, usually 0
 * @param businessDays {@code qtd_dia_prz_entg}
 * @param shippingCents {@code vlr_fret} for one unit
 */
record Product(
    String itemId,
    String offerId,
    String sellerSkuId,
    String productName,
    String name,
    String thumbnail,
    Seller seller,
    long priceCents,
    long originalPriceCents,
    long offerDiscountCents,
    int businessDays,
    long shippingCents) {

  String productSlug() {
    return Text.slug(productName);
  }

  String slug() {
    return Text.slug(name);
  }
}
