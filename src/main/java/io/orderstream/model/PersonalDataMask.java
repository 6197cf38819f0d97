package io.orderstream.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.orderstream.config.PersonalColumns;
import io.orderstream.config.Setting;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Applies {@code personal-columns} to a table's derived rows: the columns its definition marks
 * {@link ColumnDef#personal() personal} are hashed or written as null; every other column (keys,
 * foreign keys, lineage) is left as derived. The one place personal data is transformed: {@link
 * StarTable#rows} passes every table's rows through it.
 *
 * <p>Keys stay what they were: they are computed from the clear values before this applies (the
 * delivery address's id hashes its clear fields), so the same customer or address keeps its key
 * whatever the mode, and foreign keys still resolve.
 *
 * <p>The hash is HMAC-SHA256 keyed by {@code personal-columns-salt}, as 64 lowercase hex digits.
 * Deterministic, so equal values hash equal in every batch, replay and run (distinct counts and
 * joins on the column still work); keyed, because a plain SHA-256 of values as guessable as phone
 * numbers or e-mail addresses is undone by hashing the candidates. It runs as a Java function
 * holding the salt, not as a SQL expression, which would carry the salt as a literal into query
 * plans, and Spark shows plans in its UI and in error messages.
 */
public final class PersonalDataMask {
  /** Writes every column as derived. */
  public static final PersonalDataMask KEEP = new PersonalDataMask(PersonalColumns.KEEP, "");

  private final PersonalColumns mode;
  private final SaltedSha256 saltedSha256;
  private final UserDefinedFunction hash;

  /**
   * @throws io.orderstream.error.OrderstreamException (exit 2) when {@code mode} hashes and the
   *     salt is too short
   */
  public PersonalDataMask(PersonalColumns mode, String salt) {
    mode.requireSalt(salt, Setting.PERSONAL_COLUMNS_SALT.key());
    this.mode = mode;
    this.saltedSha256 = new SaltedSha256(salt.getBytes(StandardCharsets.UTF_8));
    this.hash = udf(saltedSha256, DataTypes.StringType).withName("personal_hash");
  }

  /** {@code rows} (exactly the columns of {@code table}) with its personal columns masked. */
  Dataset<Row> apply(TableDef table, Dataset<Row> rows) {
    if (mode == PersonalColumns.KEEP) {
      return rows;
    }
    Dataset<Row> masked = rows;
    for (ColumnDef column : table.columns()) {
      if (column.personal()) {
        masked = masked.withColumn(column.name(), masked(table, column));
      }
    }
    return masked;
  }

  private String fingerprint() {
    try {
      return saltedSha256.call("orderstream personal-columns salt fingerprint").substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }

  private Column masked(TableDef table, ColumnDef column) {
    if (!column.type().equals(DataTypes.StringType) || column.name().equals(table.key())) {
      throw new IllegalStateException(
          "Cannot mask " + table.name() + "." + column.name() + ": only text non-key columns");
    }
    return mode == PersonalColumns.DROP
        ? lit(null).cast(column.type())
        : hash.apply(col(column.name()));
  }

  /**
   * How tables record the mode that wrote them: {@code keep}, {@code drop}, or {@code hash:} and
   * the first 16 hex digits of the hash of a fixed text, which tell two salts apart and reveal no
   * more about the salt than any hashed value does.
   */
  public String record() {
    return mode == PersonalColumns.HASH ? "hash:" + fingerprint() : mode.text();
  }

  /** The mode only ({@code keep}, {@code hash}, {@code drop}): the salt is a secret. */
  @Override
  public String toString() {
    return mode.toString();
  }

  /** HMAC-SHA256 of the text's UTF-8 bytes in lowercase hex; null stays null. */
  private static final class SaltedSha256 implements UDF1<String, String> {
    private static final String ALGORITHM = "HmacSHA256";
    private final byte[] salt;

    SaltedSha256(byte[] salt) {
      this.salt = salt.clone();
    }

    @Override
    public String call(String value) throws GeneralSecurityException {
      if (value == null) {
        return null;
      }
      // A Mac per value: it is not thread-safe, and the dimensions' rows per batch are few.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(salt, ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "personal_hash";
    }
  }
}
