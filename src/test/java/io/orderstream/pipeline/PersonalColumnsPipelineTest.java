package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderstream.config.PersonalColumns;
import io.orderstream.config.Setting;
import io.orderstream.error.OrderstreamException;
import io.orderstream.event.TextRepair;
import io.orderstream.model.ColumnDef;
import io.orderstream.model.CustomerTable;
import io.orderstream.model.DeliveryAddressTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code personal-columns} through the real streaming query, on the lifecycle fixture: with {@code
 * hash} no clear personal value is stored and each stored value is the keyed hash of the event's;
 * with {@code drop} the columns are null; in both, keys are those of the clear values and every
 * foreign key resolves; and tables refuse a run with another mode or salt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SparkTest
class PersonalColumnsPipelineTest {
  private static final String LIFECYCLE = "lifecycle";
  private static final String SALT = "a-test-salt-of-32-characters-0123";

  /** Each personal column and the JSON path of its value in an event. */
  private static final Map<String, String> CUSTOMER_FIELDS =
      Map.of(
          "name", "/objt_clie/nom_clie",
          "email", "/objt_clie/nom_ende_emai_clie",
          "phone_area_code", "/objt_clie/objt_tel_clie/cod_area_tel",
          "phone_country_code", "/objt_clie/objt_tel_clie/cod_pais_tel",
          "phone_number", "/objt_clie/objt_tel_clie/num_tel_clie",
          "document", "/objt_clie/nom_tipo_docm");

  private static final Map<String, String> ADDRESS_FIELDS =
      Map.of(
          "receiver_name", "/objt_ende_entg_pedi/nom_pess",
          "street", "/objt_ende_entg_pedi/nom_logr_ende_entg");

  private List<JsonNode> events;
  private PipelineHarness hashed;
  private PipelineHarness dropped;

  @BeforeAll
  void runTheFixtureHashedAndDropped(@TempDir Path dir) {
    events = fixtureEvents();
    hashed =
        new PipelineHarness(dir.resolve("hash"))
            .add(LIFECYCLE, PipelineHarness.fixtureNames(LIFECYCLE))
            .with(Setting.PERSONAL_COLUMNS, PersonalColumns.HASH)
            .with(Setting.PERSONAL_COLUMNS_SALT, SALT);
    hashed.runOnce();
    dropped =
        new PipelineHarness(dir.resolve("drop"))
            .add(LIFECYCLE, PipelineHarness.fixtureNames(LIFECYCLE))
            .with(Setting.PERSONAL_COLUMNS, PersonalColumns.DROP);
    dropped.runOnce();
  }

  // ---------------------------------------------------------------- hash

  @Test
  void hashStoresNoClearPersonalValueInAnyColumn() {
    Set<String> clear = new HashSet<>();
    CUSTOMER_FIELDS.values().forEach(path -> clear.addAll(fixtureValues(path, text -> text)));
    ADDRESS_FIELDS.values().forEach(path -> clear.addAll(fixtureValues(path, text -> text)));
    ADDRESS_FIELDS.values().forEach(path -> clear.addAll(fixtureValues(path, this::asStored)));
    assertThat(clear).as("clear values in the fixture").hasSizeGreaterThan(10);

    for (String table : List.of(CustomerTable.NAME, DeliveryAddressTable.NAME)) {
      List<String> stored = cells(hashed.table(table));
      assertThat(stored).as("cells of %s", table).isNotEmpty().doesNotContainAnyElementsOf(clear);
      for (String value : clear) {
        if (value.length() >= 6) { // shorter ones (area codes) can occur inside any hex digest
          assertThat(stored).as("cells of %s", table).noneMatch(cell -> cell.contains(value));
        }
      }
    }
  }

  @Test
  void hashStoresTheKeyedHashOfTheEventsValue() {
    assertHashesOfFixtureValues(CustomerTable.NAME, CUSTOMER_FIELDS, text -> text);
    assertHashesOfFixtureValues(DeliveryAddressTable.NAME, ADDRESS_FIELDS, this::asStored);
  }

  /** Every stored value of each column is the HMAC of one of the fixture's values for it. */
  private void assertHashesOfFixtureValues(
      String table, Map<String, String> fields, UnaryOperator<String> asStored) {
    Dataset<Row> rows = hashed.table(table);
    fields.forEach(
        (column, path) -> {
          Set<String> expected = new HashSet<>();
          fixtureValues(path, asStored).forEach(value -> expected.add(hmac(value)));
          List<String> stored =
              rows.select(col(column)).collectAsList().stream()
                  .map(row -> row.getString(0))
                  .filter(Objects::nonNull)
                  .toList();
          assertThat(stored)
              .as("%s.%s", table, column)
              .isNotEmpty()
              .allMatch(value -> value.matches("[0-9a-f]{64}"))
              .isSubsetOf(expected);
        });
  }

  // ---------------------------------------------------------------- drop

  @Test
  void dropWritesPersonalColumnsAsNullAndKeepsTheOthers() {
    for (TableDef def : List.of(table(CustomerTable.NAME), table(DeliveryAddressTable.NAME))) {
      Dataset<Row> table = dropped.table(def.name());
      assertThat(table.columns()).as(def.name()).containsExactlyElementsOf(def.columnNames());
      List<Row> rows = table.collectAsList();
      assertThat(rows).as(def.name()).isNotEmpty();
      for (ColumnDef column : def.columns()) {
        int index = table.schema().fieldIndex(column.name());
        long filled = rows.stream().filter(row -> !row.isNullAt(index)).count();
        if (column.personal()) {
          assertThat(filled).as("%s.%s filled", def.name(), column.name()).isZero();
        } else if (!column.name().startsWith("lineage_")) {
          assertThat(filled).as("%s.%s filled", def.name(), column.name()).isPositive();
        }
      }
    }
  }

  // ---------------------------------------------------------------- keys

  @Test
  void keysAreThoseOfTheClearValuesAndEveryForeignKeyResolves() {
    Set<String> customerIds = new HashSet<>(fixtureValues("/objt_clie/cod_rfrc_clie", t -> t));
    List<Long> addressIds = clearAddressIds();
    assertThat(customerIds).isNotEmpty();
    assertThat(addressIds).isNotEmpty();

    for (PipelineHarness pipeline : List.of(hashed, dropped)) {
      assertThat(ids(pipeline, CustomerTable.NAME))
          .containsExactlyInAnyOrderElementsOf(customerIds);
      assertThat(ids(pipeline, DeliveryAddressTable.NAME))
          .containsExactlyInAnyOrderElementsOf(new HashSet<>(addressIds));
    }
    // The whole check (every table, every foreign key) once: both runs derive keys the same way.
    hashed.assertKeysAndForeignKeys();
  }

  /** delivery_address ids computed by the model's key function from the events' clear addresses. */
  private List<Long> clearAddressIds() {
    List<String> fields =
        List.of(
            "nom_pess",
            "nom_logr_ende_entg",
            "num_logr_ende_entg",
            "nom_cmpl_ende_entg",
            "nom_bair_ende_entg",
            "nom_cida_ende_entg",
            "sig_uf",
            "nom_estd",
            "cod_cep",
            "cod_pais_resd");
    StructType address = new StructType();
    for (String field : fields) {
      address = address.add(field, DataTypes.StringType);
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode event : events) {
      JsonNode node = event.at("/objt_ende_entg_pedi");
      if (node.isObject()) {
        Object[] values =
            fields.stream()
                .map(
                    field ->
                        node.hasNonNull(field) ? TextRepair.repair(node.get(field).asText()) : null)
                .toArray();
        rows.add(RowFactory.create(RowFactory.create(values)));
      }
    }
    StructType schema =
        new StructType(new StructField[] {DataTypes.createStructField("a", address, true)});
    return PipelineHarness.spark()
        .createDataFrame(rows, schema)
        .select(DeliveryAddressTable.idOf(col("a")))
        .collectAsList()
        .stream()
        .map(row -> row.getLong(0))
        .toList();
  }

  // ---------------------------------------------------------------- a table keeps its mode

  @Test
  void anotherModeOrSaltOnExistingTablesIsRefusedBeforeAnythingIsWritten() {
    Map<String, Long> before = new TreeMap<>(dropped.versions());

    assertThatThrownBy(
            () ->
                dropped
                    .with(Setting.PERSONAL_COLUMNS, PersonalColumns.HASH)
                    .with(Setting.PERSONAL_COLUMNS_SALT, SALT)
                    .runOnce())
        .isInstanceOfSatisfying(
            OrderstreamException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining(
            "with personal-columns=hash: its rows were written with personal-columns=drop");
    assertThatThrownBy(
            () -> hashed.with(Setting.PERSONAL_COLUMNS_SALT, SALT + "-rotated").runOnce())
        .isInstanceOf(OrderstreamException.class)
        .hasMessageContaining(
            "written with personal-columns=hash with another personal-columns-salt");
    assertThat(dropped.versions()).isEqualTo(before);
  }

  // ---------------------------------------------------------------- fixture helpers

  private static List<JsonNode> fixtureEvents() {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String name : PipelineHarness.fixtureNames(LIFECYCLE)) {
      try {
        events.add(
            json.readTree(Files.readString(PipelineHarness.fixture(LIFECYCLE).resolve(name))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return events;
  }

  /** The text at {@code path} in every event that has it, as {@code asStored} turns it. */
  private List<String> fixtureValues(String path, UnaryOperator<String> asStored) {
    return events.stream()
        .map(event -> event.at(path))
        .filter(node -> node.isValueNode() && !node.isNull())
        .map(node -> asStored.apply(node.asText()))
        .toList();
  }

  /** An address field as the decoder and the table store it: repaired, white space folded. */
  private String asStored(String text) {
    return TextRepair.repair(text).replaceAll("\\s+", " ").strip();
  }

  private static String hmac(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SALT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> cells(Dataset<Row> rows) {
    List<String> cells = new ArrayList<>();
    for (Row row : rows.collectAsList()) {
      for (int i = 0; i < row.size(); i++) {
        if (!row.isNullAt(i)) {
          cells.add(String.valueOf(row.get(i)));
        }
      }
    }
    return cells;
  }

  private static List<Object> ids(PipelineHarness pipeline, String table) {
    return pipeline.table(table).select(col("id")).collectAsList().stream()
        .map(row -> row.get(0))
        .toList();
  }

  private static TableDef table(String name) {
    return Tables.byName(name);
  }
}
