package io.orderstream.tools.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fabricates customers and their addresses from small built-in word lists. Nothing here is real
 * personal data: names are random first/last name pairs, e-mails use the reserved {@code example.*}
 * domains, documents and phones are random digits.
 */
final class People {
  private record City(String name, String uf, String state, String area, String zipPrefix) {}

  private static final List<City> CITIES =
      List.of(
          new City("São Paulo", "SP", "São Paulo", "11", "04"),
          new City("Rio de Janeiro", "RJ", "Rio de Janeiro", "21", "22"),
          new City("Belo Horizonte", "MG", "Minas Gerais", "31", "30"),
          new City("Curitiba", "PR", "Paraná", "41", "80"),
          new City("Porto Alegre", "RS", "Rio Grande do Sul", "51", "90"),
          new City("Salvador", "BA", "Bahia", "71", "40"),
          new City("Recife", "PE", "Pernambuco", "81", "50"),
          new City("Fortaleza", "CE", "Ceará", "85", "60"),
          new City("Goiânia", "GO", "Goiás", "62", "74"),
          new City("Maceió", "AL", "Alagoas", "82", "57"),
          new City("Araguaína", "TO", "Tocantins", "63", "77"),
          new City("Florianópolis", "SC", "Santa Catarina", "48", "88"),
          new City("Vitória", "ES", "Espírito Santo", "27", "29"),
          new City("São Luís", "MA", "Maranhão", "98", "65"),
          new City("João Pessoa", "PB", "Paraíba", "83", "58"));
  private static final List<String> FIRST =
      List.of(
          "Ana",
          "Bruno",
          "Carla",
          "Diego",
          "Elisa",
          "Fábio",
          "Gabriela",
          "Heitor",
          "Íris",
          "João",
          "Larissa",
          "Márcio",
          "Natália",
          "Otávio",
          "Paula",
          "Renato",
          "Sofia",
          "Tânia",
          "Vítor",
          "Célia");
  private static final List<String> LAST =
      List.of(
          "Almeida",
          "Barbosa",
          "Cardoso",
          "Duarte",
          "Esteves",
          "Fonseca",
          "Gonçalves",
          "Lima",
          "Moura",
          "Nogueira",
          "Pereira",
          "Ribeiro",
          "Simões",
          "Teixeira",
          "Araújo",
          "Brandão");
  private static final List<String> STREET_TYPES = List.of("Rua", "Avenida", "Travessa", "Alameda");
  private static final List<String> STREET_NAMES =
      List.of(
          "das Acácias",
          "dos Ipês",
          "Boa Esperança",
          "São Bento",
          "Santa Luzia",
          "da Conceição",
          "Sete de Setembro",
          "das Palmeiras",
          "do Comércio",
          "Padre Anchieta",
          "dos Jacarandás",
          "Monte Alegre",
          "da Harmonia",
          "das Hortênsias",
          "dos Jatobás",
          "Pôr do Sol");
  private static final List<String> NEIGHBORHOODS =
      List.of(
          "Centro",
          "Jardim América",
          "Vila Nova",
          "Boa Vista",
          "Santa Cecília",
          "Jardim São Luís",
          "Cidade Nova",
          "Alto da Glória",
          "Parque das Nações",
          "Vila Itororó");
  private static final List<String> COMPLEMENTS =
      List.of("", "", "Apto 12", "Casa 2", "Bloco B", "102", "Fundos");

  private final Set<String> usedAddresses = new HashSet<>();

  /**
   * A new customer drawn from {@code rng}; about one in five has a second delivery address. No two
   * addresses made by this instance share street, number and zip code.
   */
  Customer customer(Rng rng) {
    Text style =
        List.of(Text.UPPER_ASCII, Text.DOUBLE_ENCODED, Text.UTF8).get(rng.weighted(50, 35, 15));
    String first = rng.pick(FIRST);
    String last = rng.pick(LAST);
    String fullName = rng.chance(0.3) ? first : first + " " + last;
    City home = rng.pick(CITIES);
    List<Address> addresses = new ArrayList<>();
    addresses.add(address(rng, style, fullName, home));
    if (rng.chance(0.2)) {
      addresses.add(
          address(
              rng, style, rng.pick(FIRST) + " " + last, rng.chance(0.5) ? home : rng.pick(CITIES)));
    }
    String email =
        Text.slug(first + "." + last).replace('-', '.')
            + rng.between(1, 99)
            + "@"
            + rng.pick(List.of("example.com", "example.org", "example.net"));
    return new Customer(
        uuid(rng),
        style.apply(fullName),
        style == Text.UPPER_ASCII ? email.toUpperCase(Locale.ROOT) : email,
        document(rng),
        "individual",
        home.area(),
        phone(rng),
        addresses);
  }

  private Address address(Rng rng, Text style, String receiver, City city) {
    String street;
    String number;
    String zip;
    do {
      street = rng.pick(STREET_TYPES) + " " + rng.pick(STREET_NAMES);
      number = String.valueOf(rng.between(1, 2999));
      zip = city.zipPrefix() + rng.digits(3) + "-" + rng.digits(3);
    } while (!usedAddresses.add(street + "|" + number + "|" + zip));
    boolean upper = style == Text.UPPER_ASCII;
    return new Address(
        style.apply(receiver),
        upper ? abbreviate(style.apply(street)) : style.apply(street),
        number,
        style.apply(rng.pick(COMPLEMENTS)),
        style.apply(rng.pick(NEIGHBORHOODS)),
        style.apply(city.name()),
        city.uf(),
        upper ? city.uf() : style.apply(city.state()),
        zip,
        "BR");
  }

  /** Masked like some real feeds ("123XXXXXX45") or plain random digits. */
  private static String document(Rng rng) {
    String digits = rng.digits(11);
    return rng.chance(0.5) ? digits : digits.substring(0, 3) + "XXXXXX" + digits.substring(9);
  }

  private static String phone(Rng rng) {
    String digits = "9" + rng.digits(8);
    return rng.chance(0.5) ? digits : digits.substring(0, 2) + "XXXXX" + digits.substring(7);
  }

  private static String uuid(Rng rng) {
    String h = rng.hex(32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20);
  }

  private static String abbreviate(String street) {
    return street
        .replaceFirst("^RUA ", "R ")
        .replaceFirst("^AVENIDA ", "AV ")
        .replaceFirst("^TRAVESSA ", "TV ")
        .replaceFirst("^ALAMEDA ", "AL ");
  }
}
