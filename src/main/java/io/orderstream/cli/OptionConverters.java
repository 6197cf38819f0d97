package io.orderstream.cli;

import io.orderstream.config.Durations;
import io.orderstream.tools.bench.BenchSize;
import io.orderstream.tools.bench.Benchmark;
import io.orderstream.tools.generate.OutputFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Typed options: each converter turns an option's text into its value or throws a {@link
 * TypeConversionException} whose message is only what is expected; {@link UsageErrorHandler} adds
 * the option and the value through {@link io.orderstream.error.Errors}, as for every bad setting.
 */
final class OptionConverters {
  private OptionConverters() {}

  /** {@code json} or {@code jsonl}, any case. */
  static final class Format implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      return Arrays.stream(OutputFormat.values())
          .filter(format -> format.name().equalsIgnoreCase(value.strip()))
          .findFirst()
          .orElseThrow(() -> new TypeConversionException("json or jsonl"));
    }
  }

  /** A fraction from 0 to 1. */
  static final class Fraction implements ITypeConverter<Double> {
    private static final String EXPECTED = "a fraction from 0 to 1, such as 0.05";

    @Override
    public Double convert(String value) {
      double fraction;
      try {
        fraction = Double.parseDouble(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException(EXPECTED);
      }
      if (!(fraction >= 0.0 && fraction <= 1.0)) {
        throw new TypeConversionException(EXPECTED);
      }
      return fraction;
    }
  }

  /** An ISO-8601 UTC instant. */
  static final class UtcInstant implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Instant.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("a UTC instant such as 2024-03-01T00:00:00Z");
      }
    }
  }

  /** A duration more than zero in the syntax of the run settings ({@link Durations}). */
  static final class PositiveDuration implements ITypeConverter<Duration> {
    private static final String EXPECTED =
        "a duration more than zero such as 500ms, 90s, 5m, 1h or PT2M";

    @Override
    public Duration convert(String value) {
      Duration duration;
      try {
        duration = Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(EXPECTED);
      }
      if (duration.isNegative() || duration.isZero()) {
        throw new TypeConversionException(EXPECTED);
      }
      return duration;
    }
  }

  /** An absolute http or https URL with a host, such as a local server's endpoint. */
  static final class HttpUrl implements ITypeConverter<URI> {
    private static final String EXPECTED =
        "an http or https URL with a host, such as http://127.0.0.1:9191";

    @Override
    public URI convert(String value) {
      try {
        URI uri = new URI(value.strip());
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below, with what is expected
      }
      throw new TypeConversionException(EXPECTED);
    }
  }

  /** {@code full} or {@code small}. */
  static final class Size implements ITypeConverter<BenchSize> {
    @Override
    public BenchSize convert(String value) {
      return BenchSize.all().stream()
          .filter(size -> size.name().equals(value.strip()))
          .findFirst()
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      BenchSize.all().stream()
                          .map(BenchSize::name)
                          .collect(Collectors.joining(" or "))));
    }
  }

  /** One part of the benchmark by name, any case. */
  static final class Part implements ITypeConverter<Benchmark.Part> {
    @Override
    public Benchmark.Part convert(String value) {
      return Arrays.stream(Benchmark.Part.values())
          .filter(part -> part.name().equalsIgnoreCase(value.strip()))
          .findFirst()
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      Arrays.stream(Benchmark.Part.values())
                              .map(part -> part.name().toLowerCase(Locale.ROOT))
                              .collect(Collectors.joining(", "))
                          + ", separated by commas"));
    }
  }
}
