package io.orderstream.event;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs {@link EventDecoder} inside Spark: input files in, one row per event or rejection out.
 *
 * <p>Columns: {@code kind} ("event" or "rejected"), {@code order_id}, {@code updated_at} (to the
 * microsecond, as Spark holds it), {@code updated_at_nanos} (the nanoseconds below it, 0-999),
 * {@code version}, {@code event_hash}, {@code raw}, {@code normalized}, {@code source}, {@code
 * line}, {@code position} (index of the document in its file), {@code reason}, {@code detail},
 * {@code arrived_at} (the input's, see {@link io.orderstream.source.InputRows}).
 */
public final class DecodedRows {
  public static final String KIND_EVENT = "event";
  public static final String KIND_REJECTED = "rejected";

  public static final StructType SCHEMA =
      new StructType()
          .add("kind", DataTypes.StringType, false)
          .add("order_id", DataTypes.StringType)
          .add("updated_at", DataTypes.TimestampType)
          .add("updated_at_nanos", DataTypes.IntegerType)
          .add("version", DataTypes.LongType)
          .add("event_hash", DataTypes.StringType)
          .add("raw", DataTypes.StringType)
          .add("normalized", DataTypes.StringType)
          .add("source", DataTypes.StringType)
          .add("line", DataTypes.LongType)
          .add("position", DataTypes.LongType)
          .add("reason", DataTypes.StringType)
          .add("detail", DataTypes.StringType)
          .add("arrived_at", DataTypes.TimestampType);

  private DecodedRows() {}

  /**
   * @param inputs the {@link io.orderstream.source.InputRows} columns: {@code source}, {@code
   *     content} (its bytes), {@code problem} and {@code detail} (set when the input could not be
   *     read)
   */
  public static Dataset<Row> decode(Dataset<Row> inputs) {
    return inputs
        .select(col("source"), col("content"), col("problem"), col("detail"), col("arrived_at"))
        .flatMap(new DecodeFunction(), Encoders.row(SCHEMA));
  }

  public static Dataset<Row> events(Dataset<Row> decoded) {
    return decoded.where(col("kind").equalTo(KIND_EVENT));
  }

  public static Dataset<Row> rejected(Dataset<Row> decoded) {
    return decoded.where(col("kind").equalTo(KIND_REJECTED));
  }

  private static Row toRow(DecodeResult result, long position, Timestamp arrivedAt) {
    if (result instanceof DecodeResult.Event e) {
      return RowFactory.create(
          KIND_EVENT,
          e.orderId(),
          Timestamp.from(e.updatedAt()),
          e.updatedAt().getNano() % 1000,
          e.version(),
          e.eventHash(),
          e.rawJson(),
          e.normalizedJson(),
          e.source(),
          e.line(),
          position,
          null,
          null,
          arrivedAt);
    }
    DecodeResult.Rejected r = (DecodeResult.Rejected) result;
    return RowFactory.create(
        KIND_REJECTED,
        null,
        null,
        null,
        null,
        null,
        r.raw(),
        null,
        r.source(),
        r.line(),
        position,
        r.reason().code(),
        r.detail(),
        arrivedAt);
  }

  private static final class DecodeFunction implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private transient EventDecoder decoder;

    @Override
    public Iterator<Row> call(Row file) {
      if (decoder == null) {
        decoder = new EventDecoder();
      }
      String source = file.getString(0);
      Timestamp arrivedAt = file.isNullAt(4) ? null : file.getTimestamp(4);
      if (!file.isNullAt(2)) {
        DecodeResult unread =
            new DecodeResult.Rejected(
                RejectReason.ofCode(file.getString(2)), file.getString(3), "", source, 0);
        return List.of(toRow(unread, 0, arrivedAt)).iterator();
      }
      byte[] bytes = file.isNullAt(1) ? new byte[0] : (byte[]) file.get(1);
      List<DecodeResult> results = decoder.decodeBytes(bytes, source);
      List<Row> rows = new ArrayList<>(results.size());
      for (int i = 0; i < results.size(); i++) {
        rows.add(toRow(results.get(i), i, arrivedAt));
      }
      return rows.iterator();
    }
  }
}
