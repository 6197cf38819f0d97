package io.orderstream.model;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * Deterministic keys: the same inputs give the same key on every run, batch and machine.
 *
 * <p>Hashed keys are Spark's 64-bit xxHash (fixed seed). A value that occurs twice in one event
 * (the same item on two lines, say) gets its occurrence number mixed in from the second time on, so
 * keys stay unique without changing the key of the usual single occurrence.
 */
public final class Keys {
  /** Stands for null inside a hash, so (null, "a") and ("a", null) differ. */
  private static final String NULL_MARK = "\u0001";

  private Keys() {}

  /** {@code order_item.id}: order id, ':', item id (and ':n' for the n-th repeat of the item). */
  public static Column orderItemId(Column orderId, Column itemId, Column occurrence) {
    Column base = concat(orderId, lit(":"), itemId);
    return when(occurrence.equalTo(1), base).otherwise(concat(base, lit(":"), occurrence.cast("string")));
  }

  /** {@code shipment.id}: hash(order id, cod_tipo_entg). */
  public static Column shipmentId(Column orderId, Column shipmentCode, Column occurrence) {
    return withOccurrence(xxhash64(orderId, shipmentCode), xxhash64(orderId, shipmentCode, occurrence), occurrence);
  }

  /** {@code item_shipment.id}: hash(shipment id, cod_prod). */
  public static Column itemShipmentId(Column shipmentId, Column productCode, Column occurrence) {
    return withOccurrence(xxhash64(shipmentId, productCode), xxhash64(shipmentId, productCode, occurrence), occurrence);
  }

  /** {@code delivery_address.id}: hash of the normalized address fields; null without an address. */
  public static Column addressId(Column... normalizedFields) {
    Column[] marked = new Column[normalizedFields.length];
    for (int i = 0; i < normalizedFields.length; i++) {
      marked[i] = coalesce(upper(normalizedFields[i]), lit(NULL_MARK));
    }
    return xxhash64(marked);
  }

  /** Trimmed, inner white space folded: the form addresses are stored and compared in. */
  public static Column normalizedText(Column text) {
    return trim(regexp_replace(text, "\\s+", " "));
  }

  private static Column withOccurrence(Column first, Column repeated, Column occurrence) {
    return when(occurrence.equalTo(1), first).otherwise(repeated);
  }
}
