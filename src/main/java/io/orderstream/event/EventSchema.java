package io.orderstream.event;

import static io.orderstream.event.EventField.list;
import static io.orderstream.event.EventField.object;
import static io.orderstream.event.EventField.optional;
import static io.orderstream.event.EventField.required;
import static io.orderstream.event.FieldKind.COUNT;
import static io.orderstream.event.FieldKind.INSTANT;
import static io.orderstream.event.FieldKind.MONEY;
import static io.orderstream.event.FieldKind.RAW_JSON;
import static io.orderstream.event.FieldKind.TEXT;
import static io.orderstream.event.FieldKind.VERSION;

import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The explicit schema of an order event (MODEL.md section 1), the one place that names its fields.
 *
 * <p>The decoder validates and normalizes each event against {@link #ROOT}; Spark then reads the
 * normalized JSON with {@link #sparkType()}. Nothing is inferred. Fields not listed here are
 * allowed and survive in the raw event kept by {@code order_event_latest}.
 */
public final class EventSchema {
  public static final String ORDER_ID = "txt_detl_idt_pedi_pgto";
  public static final String UPDATED_AT = "dat_atui";
  public static final String VERSION_FIELD = "num_ulti_vers_sist";

  /** Money is DECIMAL(18,2) everywhere. */
  public static final DecimalType MONEY_TYPE = DataTypes.createDecimalType(18, 2);

  /** The timestamp layout the decoder writes and Spark's JSON reader parses back. */
  public static final String TIMESTAMP_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX";

  /**
   * The most entries a list of an event may have. Deriving an order compares each line with the
   * order's other lines and shipment entries, and each entry of a shipment carries the shipment, so
   * the work for one event grows with the square, for one shipment's items with the cube, of the
   * lengths: one event of 2,000 lines and a shipment of 2,000 items was still deriving after 15
   * minutes (2 shared cores, load 20). Real orders have a few dozen lines.
   */
  public static final int MAX_LIST_ENTRIES = 500;

  public static final EventField ROOT =
      object(
          "",
          required(ORDER_ID, TEXT),
          required(UPDATED_AT, INSTANT),
          optional(VERSION_FIELD, VERSION),
          optional("dat_hor_tran", INSTANT),
          optional("stat_pedi", TEXT),
          object(
              "objt_sub_stat_pedi",
              optional("cod_sub_stat_pedi", TEXT),
              optional("nom_sub_stat_pedi", TEXT)),
          optional("stat_pgto", TEXT),
          optional("cod_idef_clie", TEXT),
          optional("idt_loja", TEXT),
          optional("cod_aces_tokn", TEXT),
          customer(),
          deliveryAddress(),
          orderLines(),
          shipments(),
          promotions(),
          optional("list_desc_item_pedi", RAW_JSON),
          summary());

  private EventSchema() {}

  private static EventField customer() {
    return object(
        "objt_clie",
        optional("cod_rfrc_clie", TEXT),
        optional("nom_clie", TEXT),
        optional("nom_ende_emai_clie", TEXT),
        optional("nom_tipo_docm", TEXT),
        optional("cod_tipo_pess", TEXT),
        object(
            "objt_tel_clie",
            optional("cod_tel_clie", TEXT),
            optional("cod_area_tel", TEXT),
            optional("cod_pais_tel", TEXT),
            optional("num_tel_clie", TEXT)));
  }

  private static EventField deliveryAddress() {
    return object(
        "objt_ende_entg_pedi",
        optional("nom_pess", TEXT),
        optional("nom_logr_ende_entg", TEXT),
        optional("num_logr_ende_entg", TEXT),
        optional("nom_cmpl_ende_entg", TEXT),
        optional("nom_bair_ende_entg", TEXT),
        optional("nom_cida_ende_entg", TEXT),
        optional("sig_uf", TEXT),
        optional("nom_estd", TEXT),
        optional("cod_cep", TEXT),
        optional("cod_pais_resd", TEXT));
  }

  private static EventField orderLines() {
    return list(
        "list_item_pedi",
        required("cod_vrne_prod", TEXT),
        optional("cod_ofrt_ineo_requ", TEXT),
        optional("nom_item", TEXT),
        optional("txt_plae_otmz_url_item", TEXT),
        optional("nom_prod_orig", TEXT),
        optional("txt_plae_otmz_url_prod", TEXT),
        optional("nom_url_img_oril", TEXT),
        optional("idt_venr", TEXT),
        optional("nom_venr", TEXT),
        optional("idt_vrne_venr", TEXT),
        optional("qtd_item_pedi", COUNT),
        optional("vlr_prod", MONEY),
        optional("vlr_oril", MONEY),
        optional("vlr_prec_unit_brut", MONEY),
        optional("vlr_oril_prod_unit_vrne", MONEY),
        optional("vlr_prod_ofrt_desc", MONEY),
        optional("vlr_desc_finn_unit_item", MONEY),
        optional("vlr_fina_esto_item", MONEY),
        optional("vlr_fret", MONEY),
        optional("vlr_desc_envo", MONEY),
        optional("vlr_totl_fret", MONEY),
        optional("dat_hor_esda_entg_item", INSTANT),
        optional("des_moda_entg_item", TEXT),
        optional("qtd_dia_prz_entg", COUNT),
        optional("nom_oped_empr", TEXT),
        list(
            "list_cod_loja_vend",
            optional("cod_loja_vend", TEXT),
            optional("qtd_loja_item", COUNT)));
  }

  private static EventField shipments() {
    return list(
        "list_envo",
        required("cod_tipo_entg", TEXT),
        optional("cod_venr", TEXT),
        optional("nom_stat_entg", TEXT),
        optional("dat_emis_cpvt", INSTANT),
        object(
            "objt_sub_stat_envo",
            optional("cod_sub_stat_entg", TEXT),
            optional("nom_sub_stat_entg", TEXT)),
        object(
            "objt_carg_fatm",
            optional("cod_nota_fisc", TEXT),
            optional("cod_srie", TEXT),
            optional("txt_xml_oper", TEXT),
            optional("dat_emis_nail", INSTANT)),
        object(
            "objt_des_stat_rtmt",
            optional("dat_envo_rtmt", INSTANT),
            optional("prco_rtmt", TEXT),
            optional("nom_trtd", TEXT),
            optional("des_moda_entg", TEXT)),
        list(
            "list_item_envo",
            required("cod_prod", TEXT),
            optional("cod_prod_venr", TEXT),
            optional("qtd_prod", COUNT),
            optional("stat_entg", TEXT),
            optional("dat_hor_cria_item_entg", INSTANT),
            optional("dat_hor_atui_item_entg", INSTANT),
            object(
                "objt_sub_stat_item",
                optional("cod_sub_stat_item", TEXT),
                optional("nom_sub_stat_item", TEXT))));
  }

  private static EventField promotions() {
    return list(
        "list_prmo",
        required("cod_prmo", TEXT),
        optional("nom_prmo", TEXT),
        optional("nom_apli_prmo", TEXT),
        optional("nom_tipo_desc", TEXT),
        optional("vlr_cnfg_desc", MONEY),
        optional("vlr_aplc_desc", MONEY),
        object(
            "objt_cupo",
            optional("cod_idef_cupo", TEXT),
            optional("nom_tipo_cupo", TEXT),
            optional("cod_cupo", TEXT)));
  }

  private static EventField summary() {
    return object(
        "objt_des_rsum",
        optional("num_item", COUNT),
        optional("vlr_totl_pedi", MONEY),
        optional("vlr_totl_desc", MONEY),
        optional("vlr_cust_totl_envo", MONEY),
        optional("vlr_desc_totl_envo", MONEY),
        optional("qtd_maxi_temp_envo", COUNT),
        optional("vlr_desc_conc_pedi", MONEY),
        optional("vlr_fina_pedi", MONEY));
  }

  /** The Spark type of the normalized event, for {@code from_json}. */
  public static StructType sparkType() {
    return (StructType) sparkType(ROOT);
  }

  private static DataType sparkType(EventField field) {
    return switch (field.kind()) {
      case TEXT, RAW_JSON -> DataTypes.StringType;
      case COUNT, VERSION -> DataTypes.LongType;
      case MONEY -> MONEY_TYPE;
      case INSTANT -> DataTypes.TimestampType;
      case OBJECT -> structOf(field.children());
      case LIST -> new ArrayType(structOf(field.children()), true);
    };
  }

  private static StructType structOf(List<EventField> fields) {
    return new StructType(
        fields.stream()
            .map(
                f ->
                    new StructField(
                        f.name(), sparkType(f), true, org.apache.spark.sql.types.Metadata.empty()))
            .toArray(StructField[]::new));
  }
}
