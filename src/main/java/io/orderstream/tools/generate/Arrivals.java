package io.orderstream.tools.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides the order in which events arrive (are written): chronological across all orders, except
 * that a share of the events is held back until after their order's winning event ("late"), and a
 * share is sent a second time, byte for byte, somewhere after the original ("duplicates").
 */
final class Arrivals {
  private static final Comparator<Draft> CHRONOLOGICAL =
      Comparator.comparing(Draft::datAtui)
          .thenComparing(Draft::version, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Draft::orderId);

  private Arrivals() {}

  static List<Draft> arrange(
      Rng rng, List<Draft> events, double duplicateFraction, double lateFraction) {
    List<Draft> arrived = new ArrayList<>(events);
    arrived.sort(CHRONOLOGICAL);
    int total = arrived.size();
    holdBack(rng, arrived, (int) Math.round(total * lateFraction));
    duplicate(rng, arrived, (int) Math.round(total * duplicateFraction));
    return arrived;
  }

  /** Moves {@code count} non-winning events to a random place after their order's winning event. */
  private static void holdBack(Rng rng, List<Draft> arrived, int count) {
    List<Draft> candidates = new ArrayList<>(arrived.stream().filter(d -> !d.last()).toList());
    rng.shuffle(candidates);
    for (Draft late : candidates.subList(0, Math.min(count, candidates.size()))) {
      arrived.remove(indexOf(arrived, late));
      int winner = indexOfWinner(arrived, late.orderId());
      arrived.add(rng.between(winner + 1, arrived.size()), late);
    }
  }

  /** Inserts copies of {@code count} random events, each somewhere after its original. */
  private static void duplicate(Rng rng, List<Draft> arrived, int count) {
    List<Draft> originals = new ArrayList<>(arrived);
    rng.shuffle(originals);
    for (Draft original : originals.subList(0, Math.min(count, originals.size()))) {
      int at = indexOf(arrived, original);
      arrived.add(rng.between(at + 1, arrived.size()), original);
    }
  }

  private static int indexOfWinner(List<Draft> arrived, String orderId) {
    for (int i = 0; i < arrived.size(); i++) {
      if (arrived.get(i).last() && arrived.get(i).orderId().equals(orderId)) {
        return i;
      }
    }
    throw new IllegalStateException("No winning event for order " + orderId);
  }

  /** Identity, not equality: a duplicate must follow the very event it copies. */
  private static int indexOf(List<Draft> arrived, Draft original) {
    for (int i = 0; i < arrived.size(); i++) {
      if (arrived.get(i) == original) {
        return i;
      }
    }
    throw new IllegalStateException(
        "Event vanished while arranging arrivals: " + original.orderId());
  }
}
