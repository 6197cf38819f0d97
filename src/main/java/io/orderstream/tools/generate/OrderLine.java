package io.orderstream.tools.generate;

/**
 * One order line ({@code list_item_pedi[]}): an item, its quantity and the money derived from them.
 *
 * @param shippingDiscountCents {@code vlr_desc_envo}, a seller's shipping subsidy (kept apart from
 *     the cost)
 * @param promotionShareCents this line's share of the order's promotions
 */
record OrderLine(
    Product product, int quantity, long shippingDiscountCents, long promotionShareCents) {

  /** {@code vlr_prod}. */
  long totalCents() {
    return product.priceCents() * quantity;
  }

  /** {@code vlr_oril}. */
  long originalTotalCents() {
    return product.originalPriceCents() * quantity;
  }

  /** {@code vlr_prod_ofrt_desc}. */
  long offerDiscountCents() {
    return product.offerDiscountCents() * quantity;
  }

  /** {@code vlr_fret}: one unit's fee plus a third of it for every further unit. */
  long shippingCents() {
    return product.shippingCents() + (quantity - 1) * (product.shippingCents() / 3);
  }

  /** {@code vlr_totl_fret}. */
  long finalShippingCents() {
    return shippingCents() - shippingDiscountCents;
  }

  /** {@code vlr_desc_finn_unit_item}. */
  long unitFinancialDiscountCents() {
    return promotionShareCents / quantity;
  }

  /** {@code vlr_fina_esto_item}. */
  long finalCents() {
    return totalCents() + finalShippingCents() - promotionShareCents;
  }

  OrderLine withPromotionShare(long share) {
    return new OrderLine(product, quantity, shippingDiscountCents, share);
  }
}
