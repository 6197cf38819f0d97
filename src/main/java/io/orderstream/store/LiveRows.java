package io.orderstream.store;

import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.orderstream.model.ColumnDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the live rows of one data file of a Delta Kernel scan on the driver: the rows its deletion
 * vector has not deleted, each as the values a Spark row holds for the given columns.
 *
 * @param scanState the scan's state ({@code Scan.getScanState})
 * @param physicalSchema the scan's physical read schema ({@code
 *     ScanStateRow.getPhysicalDataReadSchema})
 */
public record LiveRows(
    Engine engine, io.delta.kernel.data.Row scanState, StructType physicalSchema) {

  /**
   * Calls {@code each} with every live row of {@code file} (a row of the scan's files), its values
   * in the order of {@code columns}.
   */
  public void read(
      io.delta.kernel.data.Row file, List<ColumnDef> columns, Consumer<Object[]> each) {
    try (CloseableIterator<ColumnarBatch> physical =
            engine
                .getParquetHandler()
                .readParquetFiles(
                    Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(file)),
                    physicalSchema,
                    Optional.empty());
        CloseableIterator<FilteredColumnarBatch> logical =
            Scan.transformPhysicalData(engine, scanState, file, physical)) {
      while (logical.hasNext()) {
        FilteredColumnarBatch batch = logical.next();
        ColumnarBatch data = batch.getData();
        ColumnVector[] vectors = new ColumnVector[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
          vectors[c] = data.getColumnVector(data.getSchema().indexOf(columns.get(c).name()));
        }
        ColumnVector selected = batch.getSelectionVector().orElse(null);
        for (int r = 0; r < data.getSize(); r++) {
          if (selected != null && (selected.isNullAt(r) || !selected.getBoolean(r))) {
            continue; // deleted by the file's deletion vector
          }
          Object[] values = new Object[columns.size()];
          for (int c = 0; c < columns.size(); c++) {
            values[c] = KernelValues.get(vectors[c], r, columns.get(c).type());
          }
          each.accept(values);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
