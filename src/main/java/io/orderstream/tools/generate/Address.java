package io.orderstream.tools.generate;

/**
 * A fabricated delivery address ({@code objt_ende_entg_pedi}), already spelled as events carry it.
 */
record Address(
    String receiver,
    String street,
    String number,
    String complement,
    String neighborhood,
    String city,
    String shortState,
    String state,
    String zip,
    String country) {}
