package io.orderstream.tools.generate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans one order from its own random stream: id, creation time, lines (1-3 distinct catalogue
 * items), promotions, shipments (one per seller) and, through {@link LifecyclePlanner}, its events.
 */
final class OrderPlanner {
  private static final Duration WINDOW = Duration.ofDays(14);

  private final Rng rng;
  private final Catalogue catalogue;

  private OrderPlanner(Rng rng, Catalogue catalogue) {
    this.rng = rng;
    this.catalogue = catalogue;
  }

  /** An order of {@code customer} created within two weeks after {@code windowStart}. */
  static OrderPlan plan(Rng rng, Catalogue catalogue, Customer customer, Instant windowStart) {
    return new OrderPlanner(rng, catalogue).plan(customer, windowStart);
  }

  private OrderPlan plan(Customer customer, Instant windowStart) {
    String orderId = rng.chance(0.7) ? rng.upper(3) + rng.digits(13) : rng.alnum(16);
    Instant createdAt = windowStart.plusMillis(rng.between(0L, WINDOW.toMillis()));
    Address address = rng.pick(customer.addresses());
    boolean detailed = rng.chance(0.4);
    List<OrderLine> lines = lines();
    List<AppliedPromotion> promotions = detailed ? promotions(lines) : List.of();
    lines = sharePromotions(lines, promotions);
    List<Shipment> shipments = shipments(lines);
    List<Step> steps = LifecyclePlanner.plan(rng, createdAt, shipments);
    OrderPlan draft =
        new OrderPlan(
            orderId, createdAt, customer, address, lines, promotions, detailed, null, steps);
    String token = FakeToken.of(rng, draft);
    return new OrderPlan(
        orderId, createdAt, customer, address, lines, promotions, detailed, token, steps);
  }

  private List<OrderLine> lines() {
    List<Product> pool =
        new ArrayList<>(rng.chance(0.1) ? catalogue.virtualItems() : catalogue.physicalItems());
    int count = Math.min(pool.size(), 1 + rng.weighted(50, 30, 20));
    List<OrderLine> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Product product = pool.remove(rng.between(0, pool.size() - 1));
      int quantity = 1 + rng.weighted(80, 15, 5);
      OrderLine line = new OrderLine(product, quantity, 0, 0);
      long discount =
          rng.chance(0.25) && line.shippingCents() > 1
              ? rng.between(1L, line.shippingCents() / 2)
              : 0;
      lines.add(new OrderLine(product, quantity, discount, 0));
    }
    return lines;
  }

  /**
   * Half the detailed orders use one or two promotions; two promotions never apply the same value.
   */
  private List<AppliedPromotion> promotions(List<OrderLine> lines) {
    if (!rng.chance(0.5)) {
      return List.of();
    }
    long items = lines.stream().mapToLong(OrderLine::totalCents).sum();
    long shipping = lines.stream().mapToLong(OrderLine::finalShippingCents).sum();
    List<Promotion> pool = new ArrayList<>(catalogue.promotions());
    int count = rng.chance(0.7) ? 1 : 2;
    List<AppliedPromotion> applied = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Promotion p = pool.remove(rng.between(0, pool.size() - 1));
      long cents = p.appliedCents("shipping".equals(p.appliesTo()) ? shipping : items);
      boolean clash = applied.stream().anyMatch(a -> a.appliedCents() == cents);
      if (cents > 0 && !clash) {
        applied.add(new AppliedPromotion(p, cents));
      }
    }
    return applied;
  }

  /**
   * Spreads the promotions over the lines in proportion to their totals; the rounding rest goes to
   * line 1.
   */
  private static List<OrderLine> sharePromotions(
      List<OrderLine> lines, List<AppliedPromotion> promotions) {
    long discount = promotions.stream().mapToLong(AppliedPromotion::appliedCents).sum();
    long total = lines.stream().mapToLong(OrderLine::totalCents).sum();
    List<OrderLine> shared = new ArrayList<>(lines.size());
    long given = 0;
    for (OrderLine line : lines) {
      long share = total == 0 ? 0 : discount * line.totalCents() / total;
      given += share;
      shared.add(line.withPromotionShare(share));
    }
    if (!shared.isEmpty()) {
      OrderLine first = shared.get(0);
      shared.set(0, first.withPromotionShare(first.promotionShareCents() + discount - given));
    }
    return shared;
  }

  private List<Shipment> shipments(List<OrderLine> lines) {
    Map<Seller, List<OrderLine>> bySeller = new LinkedHashMap<>();
    for (OrderLine line : lines) {
      if (!line.product().seller().virtual()) {
        bySeller.computeIfAbsent(line.product().seller(), s -> new ArrayList<>()).add(line);
      }
    }
    List<Shipment> shipments = new ArrayList<>();
    bySeller.forEach((seller, sellerLines) -> shipments.add(shipment(seller, sellerLines)));
    return shipments;
  }

  private Shipment shipment(Seller seller, List<OrderLine> lines) {
    StringBuilder code = new StringBuilder(rng.alnum(13));
    if (rng.chance(0.3)) {
      code.setCharAt(9, '_');
    }
    String number = String.valueOf(rng.between(100_000, 9_999_999));
    String series = String.valueOf(rng.between(0, 60));
    String xml = rng.chance(0.3) ? invoiceXml(seller, number, series) : null;
    return new Shipment(code.toString(), seller, lines, number, series, xml);
  }

  /** A short fabricated NF-e document, carried as a base64 data URI like the real feed does. */
  private String invoiceXml(Seller seller, String number, String series) {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><nfeProc versao=\"4.00\"><NFe><infNFe Id=\"NFe"
            + rng.digits(44)
            + "\" versao=\"4.00\"><ide><serie>"
            + series
            + "</serie><nNF>"
            + number
            + "</nNF></ide><emit><xNome>"
            + seller.name()
            + "</xNome></emit></infNFe></NFe></nfeProc>";
    return "data:text/xml;base64;charset=utf-8,"
        + Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
  }
}
