package io.orderstream.tools.generate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the events of one order, in the order they happen: PRE-ORDER (usually without a version),
 * IN-PROCESSING, PAID, then one event per shipment transition (billed, sent, delivered), from which
 * the order status follows (PARTIALLY-BILLED ... DELIVERED). Some orders are abandoned after the
 * pre-order, some canceled, some still in progress.
 *
 * <p>Contract of the result: {@code dat_atui} never decreases and the version strictly increases
 * from one event to the next (only the first event may lack a version), so the last step is the
 * order's winning event. About one transition in seven reuses the previous event's {@code
 * dat_atui}: a tie that only the version breaks.
 */
final class LifecyclePlanner {
  private enum Ending {
    COMPLETE,
    IN_PROGRESS,
    CANCELED,
    ABANDONED
  }

  private static final double TIE_CHANCE = 0.15;
  private static final int NONE = 0;
  private static final int BILLED = 1;
  private static final int SENT = 2;
  private static final int DELIVERED = 3;

  private final Rng rng;
  private final List<Shipment> shipments;
  private final List<Step> steps = new ArrayList<>();
  private final List<ShipmentState> current = new ArrayList<>();
  private final int[] progress;
  private Instant clock;
  private Long version;

  private LifecyclePlanner(Rng rng, Instant createdAt, List<Shipment> shipments) {
    this.rng = rng;
    this.shipments = shipments;
    this.progress = new int[shipments.size()];
    this.clock = createdAt;
  }

  /**
   * The steps of an order created at {@code createdAt} whose physical lines need {@code shipments}.
   */
  static List<Step> plan(Rng rng, Instant createdAt, List<Shipment> shipments) {
    LifecyclePlanner planner = new LifecyclePlanner(rng, createdAt, shipments);
    planner.run();
    return List.copyOf(planner.steps);
  }

  private void run() {
    Ending ending = Ending.values()[rng.weighted(65, 15, 12, 8)];
    preOrder();
    if (ending == Ending.ABANDONED) {
      return;
    }
    boolean virtual = shipments.isEmpty();
    if (!virtual || rng.chance(0.5)) {
      advanceMillis(1_000, 6_000);
      emit(OrderStatus.IN_PROCESSING, "PRE-ORDER");
    }
    if (ending == Ending.CANCELED && rng.chance(0.5)) {
      cancel();
      return;
    }
    advanceMillis(5_000, 60_000);
    emit(OrderStatus.PAID, "PAID");
    if (ending == Ending.CANCELED) {
      cancel();
    } else if (virtual) {
      deliverVirtually(ending);
    } else {
      fulfil(ending);
    }
  }

  /**
   * Older feeds send the pre-order as version "0" a few ms after creation; newer ones send no
   * version.
   */
  private void preOrder() {
    if (rng.chance(0.25)) {
      clock = clock.plusMillis(rng.between(20, 40));
      version = 0L;
    }
    steps.add(new Step(OrderStatus.PRE_ORDER, "PRE-ORDER", clock, version, List.of()));
  }

  private void cancel() {
    advanceMillis(60_000, 6 * 3_600_000);
    emit(OrderStatus.CANCELED, "CANCELED");
  }

  /** Tickets: no shipment, delivered (made available) days later. */
  private void deliverVirtually(Ending ending) {
    if (ending == Ending.IN_PROGRESS) {
      return;
    }
    advanceMillis(86_400_000L, 20 * 86_400_000L);
    emit(OrderStatus.DELIVERED, "PAID");
  }

  private void fulfil(Ending ending) {
    int total = 3 * shipments.size();
    int stopAfter = ending == Ending.IN_PROGRESS ? rng.between(1, total - 1) : total;
    for (int done = 0; done < stopAfter; done++) {
      int i = nextShipment();
      if (done == 0 || !rng.chance(TIE_CHANCE)) {
        advanceFor(progress[i], done == 0);
      }
      transition(i);
      emit(orderStatus(), "PAID");
    }
  }

  /**
   * A shipment that can move on; shipments are billed in list order, so list_envo only grows at its
   * end.
   */
  private int nextShipment() {
    List<Integer> ready = new ArrayList<>();
    int billed = 0;
    for (int p : progress) {
      billed += p > NONE ? 1 : 0;
    }
    for (int i = 0; i < progress.length; i++) {
      if (progress[i] > NONE && progress[i] < DELIVERED || i == billed) {
        ready.add(i);
      }
    }
    return rng.pick(ready);
  }

  private void advanceFor(int from, boolean firstShipmentEvent) {
    switch (from) {
      case NONE ->
          advanceMillis(
              firstShipmentEvent ? 3_600_000L : 600_000L,
              firstShipmentEvent ? 28_800_000L : 36_000_000L);
      case BILLED -> advanceMillis(1_800_000L, 43_200_000L);
      default -> advanceMillis(86_400_000L, 4 * 86_400_000L);
    }
  }

  private void transition(int i) {
    current.replaceAll(ShipmentState::repeated);
    switch (progress[i]) {
      case NONE -> current.add(ShipmentState.billed(shipments.get(i), clock, invoiceDate()));
      case BILLED -> current.set(i, current.get(i).sent(clock, trackingDate(current.get(i))));
      default -> current.set(i, current.get(i).delivered(clock, secondsBefore(1, 180 * 60)));
    }
    progress[i]++;
  }

  /** Invoices are dated either at local midnight (03:00 UTC) or a little before billing. */
  private Instant invoiceDate() {
    Instant midnight = clock.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(3));
    if (rng.chance(0.5) && midnight.isBefore(clock)) {
      return midnight;
    }
    return clock.minusMillis(rng.between(60_000L, 5 * 3_600_000L));
  }

  private Instant trackingDate(ShipmentState billed) {
    return rng.chance(0.5) ? billed.invoiceIssuedAt() : secondsBefore(5 * 60, 60 * 60);
  }

  private Instant secondsBefore(int min, int max) {
    return clock.minusSeconds(rng.between(min, max)).truncatedTo(ChronoUnit.SECONDS);
  }

  private OrderStatus orderStatus() {
    int n = progress.length;
    int billed = 0;
    int sent = 0;
    int delivered = 0;
    for (int p : progress) {
      billed += p >= BILLED ? 1 : 0;
      sent += p >= SENT ? 1 : 0;
      delivered += p >= DELIVERED ? 1 : 0;
    }
    if (delivered > 0) {
      return delivered == n ? OrderStatus.DELIVERED : OrderStatus.PARTIALLY_DELIVERED;
    }
    if (sent > 0) {
      return sent == n ? OrderStatus.SENT : OrderStatus.PARTIALLY_SENT;
    }
    return billed == n ? OrderStatus.BILLED : OrderStatus.PARTIALLY_BILLED;
  }

  private void advanceMillis(long min, long max) {
    clock = clock.plusMillis(rng.between(min, max));
  }

  private void emit(OrderStatus status, String paymentStatus) {
    version = version == null ? 0L : version + (rng.chance(0.2) ? 2 : 1);
    steps.add(new Step(status, paymentStatus, clock, version, current));
  }
}
