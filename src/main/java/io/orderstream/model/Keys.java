package io.orderstream.model;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Deterministic keys: the same inputs give the same key on every run, batch and machine, and
 * different inputs give different keys whatever characters a sender puts in the ids.
 *
 * <p>Text keys join their parts with {@code ':'} after escaping each part: {@code '\'} becomes
 * {@code '\\'} and {@code ':'} becomes {@code '\:'}. An unescaped {@code ':'} therefore only ever
 * separates parts, so a key splits back into exactly its parts and two different part lists never
 * give the same key (order {@code A:B} + item {@code C} is {@code A\:B:C}; order {@code A} + item
 * {@code B:C} is {@code A:B\:C}). Ids without either character keep the plain {@code A:C} of key
 * format 1, so the usual keys read as before and stay stable across the upgrade.
 *
 * <p>Hashed keys are Spark's 64-bit xxHash (fixed seed) over the parts as separate columns: each
 * column is hashed in turn with the previous result as seed, so ("A:B", "C") and ("A", "B:C") are
 * different inputs, not one joined string. A value that occurs twice in one event (the same item on
 * two lines, say) gets its occurrence number appended as one more part from the second time on, so
 * keys stay unique without changing the key of the usual single occurrence.
 */
public final class Keys {
  /** Version of the key encoding, recorded on every table as {@link #FORMAT_PROPERTY}. */
  public static final String FORMAT = "2";

  public static final String FORMAT_PROPERTY = "orderstream.key-format";

  /** The seed of Spark's {@code xxhash64}, which the driver-side keys below must repeat. */
  private static final long SPARK_HASH_SEED = 42L;

  /** Stands for null inside a hash; a text made only of this character is escaped by one more. */
  private static final String NULL_MARK = "\u0001";

  private Keys() {}

  /**
   * {@code order_item.id}: order id and item id, escaped and joined with ':', plus ':n' for the
   * n-th line of the same item in the order (n from 2).
   */
  public static Column orderItemId(Column orderId, Column itemId, Column occurrence) {
    Column base = join(orderId, itemId);
    return when(occurrence.equalTo(1), base)
        .otherwise(concat(base, lit(":"), occurrence.cast("string")));
  }

  /** {@link #orderItemId} for values on the driver. */
  public static String orderItemIdText(String orderId, String itemId, int occurrence) {
    String base = escapedText(orderId) + ":" + escapedText(itemId);
    return occurrence == 1 ? base : base + ":" + occurrence;
  }

  /** {@code order_promotion.id}: order id and promotion id, escaped and joined with ':'. */
  public static Column orderPromotionId(Column orderId, Column promotionId) {
    return join(orderId, promotionId);
  }

  /** {@link #escaped} for a value on the driver. */
  public static String escapedText(String part) {
    return part.replace("\\", "\\\\").replace(":", "\\:");
  }

  /** One part of a text key: '\' doubled, ':' preceded by '\'. */
  public static Column escaped(Column part) {
    return replace(replace(part, lit("\\"), lit("\\\\")), lit(":"), lit("\\:"));
  }

  /** {@code shipment.id}: hash(order id, cod_tipo_entg). */
  public static Column shipmentId(Column orderId, Column shipmentCode, Column occurrence) {
    return withOccurrence(
        xxhash64(orderId, shipmentCode), xxhash64(orderId, shipmentCode, occurrence), occurrence);
  }

  /** {@code item_shipment.id}: hash(shipment id, cod_prod). */
  public static Column itemShipmentId(Column shipmentId, Column productCode, Column occurrence) {
    return withOccurrence(
        xxhash64(shipmentId, productCode),
        xxhash64(shipmentId, productCode, occurrence),
        occurrence);
  }

  /**
   * {@link #shipmentId} for values on the driver: the same hash, as Spark computes it (each part
   * hashed in turn, the previous result as seed; the occurrence an int), so both sides agree.
   */
  public static long shipmentIdValue(String orderId, String shipmentCode, int occurrence) {
    long hash = hashed(hashed(SPARK_HASH_SEED, orderId), shipmentCode);
    return occurrence == 1 ? hash : XXH64.hashInt(occurrence, hash);
  }

  /** {@link #itemShipmentId} for values on the driver, as {@link #shipmentIdValue}. */
  public static long itemShipmentIdValue(long shipmentId, String productCode, int occurrence) {
    long hash = hashed(XXH64.hashLong(shipmentId, SPARK_HASH_SEED), productCode);
    return occurrence == 1 ? hash : XXH64.hashInt(occurrence, hash);
  }

  /** Spark's step for one text part: a null part leaves the hash as it was. */
  private static long hashed(long seed, String part) {
    return part == null ? seed : XXH64.hashUTF8String(UTF8String.fromString(part), seed);
  }

  /**
   * {@code delivery_address.id}: hash of the normalized address fields; null without an address. A
   * missing field hashes as {@link #NULL_MARK}; a field whose text is nothing but that character
   * gets one more of it, so it cannot pass for a missing field (key format 1 confused the two).
   */
  public static Column addressId(Column... normalizedFields) {
    Column[] marked = new Column[normalizedFields.length];
    for (int i = 0; i < normalizedFields.length; i++) {
      Column upper = upper(normalizedFields[i]);
      Column unambiguous =
          when(upper.rlike("^" + NULL_MARK + "+$"), concat(lit(NULL_MARK), upper)).otherwise(upper);
      marked[i] = coalesce(unambiguous, lit(NULL_MARK));
    }
    return xxhash64(marked);
  }

  /** Trimmed, inner white space folded: the form addresses are stored and compared in. */
  public static Column normalizedText(Column text) {
    return trim(regexp_replace(text, "\\s+", " "));
  }

  private static Column join(Column first, Column second) {
    return concat(escaped(first), lit(":"), escaped(second));
  }

  private static Column withOccurrence(Column first, Column repeated, Column occurrence) {
    return when(occurrence.equalTo(1), first).otherwise(repeated);
  }
}
