package io.orderstream.tools.generate;

/** A promotion as applied to one order: {@code vlr_aplc_desc} is {@code appliedCents}. */
record AppliedPromotion(Promotion promotion, long appliedCents) {}
