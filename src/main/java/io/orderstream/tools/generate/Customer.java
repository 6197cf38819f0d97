package io.orderstream.tools.generate;

import java.util.List;

/**
 * A fabricated customer ({@code objt_clie}) and the delivery addresses they use.
 *
 * @param ref {@code cod_rfrc_clie}, the customer key
 * @param type {@code cod_tipo_pess}
 */
record Customer(
    String ref,
    String name,
    String email,
    String document,
    String type,
    String phoneArea,
    String phoneNumber,
    List<Address> addresses) {

  Customer {
    addresses = List.copyOf(addresses);
  }
}
