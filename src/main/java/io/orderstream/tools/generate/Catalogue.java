package io.orderstream.tools.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The shop every generated order buys from: a few sellers, their items and the promotions on offer.
 *
 * <p>The catalogue is the same for every seed (its ids come from a fixed internal seed), so items,
 * sellers and promotions repeat across orders and across generator runs, as they do in a real shop.
 * All names, ids and urls are fabricated.
 */
final class Catalogue {
  private static final long CATALOGUE_SEED = 0x5EEDCA7AL;
  private static final String PADRAO = "Padrão";

  private final List<Product> physical = new ArrayList<>();
  private final List<Product> virtual = new ArrayList<>();
  private final List<Promotion> promotions = new ArrayList<>();
  private final String storeId;

  private Catalogue(Rng rng) {
    storeId = rng.alnum(10);
    addAurora(rng);
    addBoreal(rng);
    addPinheiro(rng);
    addSerra(rng);
    addBilheteria(rng);
    addPromotions(rng);
  }

  static Catalogue standard() {
    return new Catalogue(new Rng(CATALOGUE_SEED));
  }

  /** Items that ship in a parcel. */
  List<Product> physicalItems() {
    return List.copyOf(physical);
  }

  /** Items delivered without a shipment (tickets). */
  List<Product> virtualItems() {
    return List.copyOf(virtual);
  }

  List<Promotion> promotions() {
    return List.copyOf(promotions);
  }

  /** {@code idt_loja}: the one store of the catalogue. */
  String storeId() {
    return storeId;
  }

  // ---- sellers and their items -------------------------------------------------------------

  private void addAurora(Rng rng) {
    Seller s = seller(rng, "Loja Aurora", "Entrega " + PADRAO, null, PADRAO, true, "default");
    item(rng, s, "Kit Banho Ervas Finas", null, 5990, 10650, 10, 1622);
    item(rng, s, "Caneca Térmica 350ml", "Azul", 4590, 5990, 9, 1290);
    item(rng, s, "Caneca Térmica 350ml", "Verde", 4590, 5990, 9, 1290);
    item(rng, s, "Difusor de Aromas", "Lavanda", 8990, 8990, 11, 1850);
    item(rng, s, "Vela Aromática Canela", null, 3450, 3990, 10, 990);
  }

  private void addBoreal(Rng rng) {
    String provider = uuid(rng) + "-1_1_conventional";
    Seller s =
        seller(
            rng, "Casa Boreal", "Entrega padrão", provider, "TRANSLOG EXPRESS", false, "default");
    item(rng, s, "Livro - Jardins do Sul", null, 4450, 6990, 1, 890);
    item(rng, s, "Livro - Histórias do Mar", null, 3990, 3990, 2, 890);
    item(rng, s, "Caderno Pautado A5", null, 2290, 2590, 1, 560);
    item(rng, s, "Luminária de Mesa Articulada", "Branca", 12900, 15900, 3, 2190);
    item(rng, s, "Garrafa Térmica 1L", "Inox", 9990, 12990, 2, 1530);
  }

  private void addPinheiro(Rng rng) {
    Seller s =
        seller(
            rng,
            "Mercado Pinheiro",
            "Entrega Econômica",
            "",
            "ENVIO RAPIDO",
            true,
            "CD-" + rng.upper(2));
    item(rng, s, "Café Torrado Especial 500g", null, 3290, 3590, 4, 705);
    item(rng, s, "Chá Verde com Hortelã", null, 1490, 1490, 4, 305);
    item(rng, s, "Mel Silvestre 300g", null, 2790, 3100, 5, 615);
    item(rng, s, "Azeite Extra Virgem 500ml", null, 4990, 5690, 5, 980);
  }

  private void addSerra(Rng rng) {
    String provider = uuid(rng) + "-2_1_express";
    Seller s =
        seller(
            rng, "Ateliê Serra", "Entrega Expressa", provider, "Expresso Serra", false, "default");
    item(rng, s, "Mochila Urbana", "Cinza", 18990, 22800, 6, 2571);
    item(rng, s, "Camiseta Algodão Básica", "Azul", 4990, 4990, 6, 1100);
    item(rng, s, "Camiseta Algodão Básica", "Preta", 4990, 4990, 6, 1100);
    item(rng, s, "Boné Aba Curva", "Preto", 6990, 7990, 7, 1100);
  }

  private void addBilheteria(Rng rng) {
    Seller s =
        new Seller(
            rng.alnum(10), "Bilheteria Lua", "Produto Virtual", "", null, false, true, "default");
    for (String day : List.of("Dia 1", "Dia 2", "Dia 3")) {
      Product p =
          product(rng, s, "Festival Som da Serra - " + day + " - Pista", null, 46875, 46875, 10, 0);
      virtual.add(p);
    }
  }

  private void addPromotions(Rng rng) {
    promotion(rng, "Semana do Cliente - Cupom Progressivo", false, 2000, "CLIENTE20", "cart");
    promotion(rng, "Primeira Compra", true, 10, "BEMVINDO10", "cart");
    promotion(rng, "Aniversário da Loja", true, 5, "NIVER5", "cart");
    promotion(rng, "Cupom Relâmpago", false, 1500, "RELAMPAGO15", "cart");
    promotion(rng, "Frete Amigo", false, 700, "FRETE7", "shipping");
  }

  // ---- builders ----------------------------------------------------------------------------

  private Seller seller(
      Rng rng,
      String name,
      String delivery,
      String provider,
      String carrier,
      boolean byInvoice,
      String warehouse) {
    // Sellers send their delivery texts double-encoded, as in the sample events.
    Seller s =
        new Seller(
            rng.alnum(10),
            name,
            Text.doubleEncode(delivery),
            provider,
            Text.doubleEncode(carrier),
            byInvoice,
            false,
            warehouse);
    return s;
  }

  private void item(
      Rng rng,
      Seller s,
      String product,
      String variant,
      long price,
      long original,
      int days,
      long shipping) {
    physical.add(product(rng, s, product, variant, price, original, days, shipping));
  }

  private Product product(
      Rng rng,
      Seller s,
      String product,
      String variant,
      long price,
      long original,
      int days,
      long shipping) {
    String name = variant == null ? product : product + " " + variant;
    String sku =
        s.tracksByInvoice()
            ? rng.digits(7)
            : rng.digits(9) + "_" + Text.slug(s.name()).replace("-", "");
    long offerDiscount = rng.chance(0.2) ? 100L * rng.between(1, 5) : 0L;
    String thumbnail =
        "https://img.example.com/products/" + Text.slug(name) + "_" + rng.hex(8) + ".jpg";
    return new Product(
        "MKU-" + rng.alnum(13),
        rng.hex(24),
        sku,
        product,
        name,
        thumbnail,
        s,
        price,
        original,
        offerDiscount,
        days,
        shipping);
  }

  private void promotion(
      Rng rng, String name, boolean percentage, long value, String code, String appliesTo) {
    promotions.add(
        new Promotion(
            rng.hex(24), name, percentage, value, rng.hex(24), "default", code, appliesTo));
  }

  private static String uuid(Rng rng) {
    String h = rng.hex(32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20);
  }
}
