package io.orderstream.testing;

import io.orderstream.event.DecodedRows;
import io.orderstream.source.InputRows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Small events for tests of change detection: one order line, a status, no version, each decoded as
 * if read from a file of its own.
 */
public final class OneEventFiles {
  private OneEventFiles() {}

  /**
   * An event of {@code orderId} at {@code updatedAt} (ISO-8601) with order status {@code status}.
   */
  public static String event(String orderId, String updatedAt, String status) {
    return "{\"txt_detl_idt_pedi_pgto\":\""
        + orderId
        + "\",\"dat_atui\":\""
        + updatedAt
        + "\",\"stat_pedi\":\""
        + status
        + "\",\"list_item_pedi\":[{\"cod_vrne_prod\":\"SKU-1\",\"qtd_item_pedi\":1}]}";
  }

  /**
   * The valid decoded events ({@link DecodedRows} columns) of files named {@code
   * file:/in/<prefix>0.json}, {@code <prefix>1.json}, ..., one document each, cached.
   */
  public static Dataset<Row> decoded(SparkSession spark, String prefix, String... documents) {
    List<Row> files = new ArrayList<>();
    for (int i = 0; i < documents.length; i++) {
      files.add(
          RowFactory.create(
              "file:/in/" + prefix + i + ".json",
              documents[i].getBytes(StandardCharsets.UTF_8),
              null,
              null,
              null));
    }
    return DecodedRows.events(DecodedRows.decode(spark.createDataFrame(files, InputRows.SCHEMA)))
        .cache();
  }
}
