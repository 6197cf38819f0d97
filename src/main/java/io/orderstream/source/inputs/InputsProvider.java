package io.orderstream.source.inputs;

import io.orderstream.source.InputRows;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Spark data source behind {@link #stream}: {@code readStream().format(InputsProvider)} with
 * the id of a registered {@link InputDiscovery}. Spark instantiates this class by name, so the
 * discovery (which holds connections, not strings) is handed over through {@link Discoveries}.
 */
public final class InputsProvider implements TableProvider {
  static final String DISCOVERY = "discovery";
  static final String MAX_INPUT_BYTES = "maxInputBytes";
  static final String MAX_INPUTS = "maxInputsPerTrigger";
  static final String MAX_BYTES = "maxBytesPerTrigger";

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return InputRows.SCHEMA;
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new InputsTable(new CaseInsensitiveStringMap(properties));
  }

  /** The options of one stream. */
  public static Map<String, String> options(
      String discoveryId, long maxInputBytes, int maxInputs, long maxBytes) {
    return Map.of(
        DISCOVERY,
        discoveryId,
        MAX_INPUT_BYTES,
        Long.toString(maxInputBytes),
        MAX_INPUTS,
        Integer.toString(maxInputs),
        MAX_BYTES,
        Long.toString(maxBytes));
  }

  private record InputsTable(CaseInsensitiveStringMap options) implements SupportsRead {
    @Override
    public String name() {
      return "orderstream-inputs";
    }

    @Override
    public StructType schema() {
      return InputRows.SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
      return Set.of(TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
      return () -> new InputsScan(options);
    }
  }

  private record InputsScan(CaseInsensitiveStringMap options) implements Scan {
    @Override
    public StructType readSchema() {
      return InputRows.SCHEMA;
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
      SparkSession spark = SparkSession.active();
      InputLog log = new InputLog(checkpointLocation, spark.sessionState().newHadoopConf());
      InputDiscovery.Limits limits =
          new InputDiscovery.Limits(
              Integer.parseInt(options.get(MAX_INPUTS)), Long.parseLong(options.get(MAX_BYTES)));
      InputReaderFactory readers =
          new InputReaderFactory(
              spark.sessionState().newHadoopConf(), Long.parseLong(options.get(MAX_INPUT_BYTES)));
      return new InputStream(
          Discoveries.take(options.get(DISCOVERY)),
          log,
          limits,
          readers,
          spark.sparkContext().defaultParallelism());
    }
  }
}
