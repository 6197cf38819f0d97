package io.orderstream.sink;

import io.orderstream.error.Errors;
import io.orderstream.model.ColumnDef;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.TableDef;
import java.util.Map;

/**
 * Records on each table with personal columns how {@code personal-columns} writes them (the Delta
 * table property {@value #PROPERTY}: {@code keep}, {@code drop}, or {@code hash:} and a fingerprint
 * of the salt), and refuses to start when the setting would write them another way.
 *
 * <p>Why refuse instead of switching: a dimension row is rewritten only when a newer winning event
 * names its key, so after a switch the table would mix both kinds of values for as long as some
 * customers do not order again: clear values the user chose {@code hash} or {@code drop} to be rid
 * of, beside hashes that no clear value (or, after a new salt, no older hash of the same value)
 * equals. The fingerprint is an HMAC of a fixed text under the salt: it tells two salts apart and
 * reveals no more about the salt than any hashed value in the table does.
 */
final class PersonalColumnsRecord {
  static final String PROPERTY = "orderstream.personal-columns";

  /** What a table without the property holds: it was written before the setting existed. */
  private static final String BEFORE_THE_SETTING = "keep";

  private PersonalColumnsRecord() {}

  /** The property a new {@code table} is created with; none when it has no personal column. */
  static Map<String, String> properties(TableDef table, PersonalDataMask personalData) {
    return hasPersonalColumns(table) ? Map.of(PROPERTY, personalData.record()) : Map.of();
  }

  /**
   * @param stored the existing table's properties
   * @throws io.orderstream.error.OrderstreamException (exit 2) when the existing table was written
   *     with another mode or salt
   */
  static void check(TableDef table, Map<String, String> stored, PersonalDataMask wanted) {
    if (!hasPersonalColumns(table)) {
      return;
    }
    String recorded = stored.getOrDefault(PROPERTY, BEFORE_THE_SETTING);
    if (!recorded.equals(wanted.record())) {
      throw Errors.personalColumnsChanged(table.name(), described(recorded), wanted.toString());
    }
  }

  private static boolean hasPersonalColumns(TableDef table) {
    return table.columns().stream().anyMatch(ColumnDef::personal);
  }

  private static String described(String record) {
    return record.startsWith("hash:") ? "hash with another personal-columns-salt" : record;
  }
}
