package dev.coffer.policy.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The policy values of one condition key, compiled once at parse time for one operand type. {@link
 * #match} reads a request value once and compares it with every policy value: the values of one key
 * are ORed (compliance-and-iam.md §4.3 rule 1).
 */
public abstract sealed class ValueSet
    permits StringValues, ValueSet.Ordered, ValueSet.Bools, ValueSet.Binaries, ValueSet.Ips {

  /** Result of {@link #match}: the request value equals/matches at least one policy value. */
  public static final int MATCH = 1;

  /** Result of {@link #match}: no policy value matches. */
  public static final int NO_MATCH = 0;

  /** Result of {@link #match}: the request value cannot be read as this type (§4.3 rule 6). */
  public static final int UNREADABLE = -1;

  /** Compares one request value with the policy values. */
  public abstract int match(String requestValue, Template.Lookup context);

  /**
   * Compiles {@code values} for {@code type}.
   *
   * @param variables whether {@code ${...}} in values is a policy variable (Version 2012-10-17)
   * @throws IllegalArgumentException with a message naming the bad value
   */
  public static ValueSet compile(
      OperandType type, Comparison cmp, List<String> values, boolean variables) {
    return switch (type) {
      case STRING_EXACT, STRING_IGNORE_CASE, STRING_LIKE, ARN ->
          StringValues.compile(type, values, variables && type.variablesAllowed());
      case NUMERIC -> new Ordered<>(cmp, map(values, ValueSet::number), ValueSet::readNumber);
      case DATE -> new Ordered<>(cmp, map(values, ValueSet::date), DateValue::parse);
      case BOOL -> new Bools(values, variables);
      case BINARY -> new Binaries(map(values, ValueSet::binary));
      case IP -> new Ips(map(values, ValueSet::ipRange));
      case NULL -> throw new IllegalArgumentException("Null takes no value set");
    };
  }

  private interface Reader<T> {
    T read(String s);
  }

  private static <T> List<T> map(List<String> values, Reader<T> reader) {
    List<T> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(reader.read(v));
    }
    return List.copyOf(out);
  }

  private static BigDecimal number(String s) {
    return readNumber(s)
        .orElseThrow(() -> new IllegalArgumentException("\"" + s + "\" is not a number"));
  }

  private static Instant date(String s) {
    return DateValue.parse(s)
        .orElseThrow(() -> new IllegalArgumentException("\"" + s + "\" is not a date"));
  }

  private static byte[] binary(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + s + "\" is not base64", e);
    }
  }

  private static IpRange ipRange(String s) {
    return IpRange.parse(s)
        .orElseThrow(
            () -> new IllegalArgumentException("\"" + s + "\" is not an IP address or CIDR block"));
  }

  static Optional<BigDecimal> readNumber(String s) {
    try {
      return Optional.of(new BigDecimal(s.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * NumericEquals ... NumericGreaterThanEquals (integers or decimals) and DateEquals ...
   * DateGreaterThanEquals: the request value, read as the policy values' type, holds {@code cmp}
   * against at least one of them.
   */
  static final class Ordered<T extends Comparable<? super T>> extends ValueSet {
    private final Comparison cmp;
    private final List<T> values;
    private final Function<String, Optional<T>> read;

    Ordered(Comparison cmp, List<T> values, Function<String, Optional<T>> read) {
      this.cmp = cmp;
      this.values = values;
      this.read = read;
    }

    @Override
    public int match(String requestValue, Template.Lookup context) {
      Optional<T> r = read.apply(requestValue);
      if (r.isEmpty()) {
        return UNREADABLE;
      }
      for (T v : values) {
        if (cmp.holds(r.get().compareTo(v))) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }
  }

  /** Bool: "true"/"false", compared without regard to case. */
  static final class Bools extends ValueSet {
    private final List<Template> values;

    Bools(List<String> values, boolean variables) {
      List<Template> out = new ArrayList<>();
      for (String v : values) {
        Template t = variables ? Template.parse(v) : Template.plain(v);
        if (!t.hasVariables() && readBool(v).isEmpty()) {
          throw new IllegalArgumentException("\"" + v + "\" is not true or false");
        }
        out.add(t);
      }
      this.values = List.copyOf(out);
    }

    @Override
    public int match(String requestValue, Template.Lookup context) {
      Optional<Boolean> r = readBool(requestValue);
      if (r.isEmpty()) {
        return UNREADABLE;
      }
      for (Template t : values) {
        Optional<Boolean> p = t.resolve(context).flatMap(Bools::readBool);
        if (p.isPresent() && p.get().equals(r.get())) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }

    static Optional<Boolean> readBool(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "true" -> Optional.of(Boolean.TRUE);
        case "false" -> Optional.of(Boolean.FALSE);
        default -> Optional.empty();
      };
    }
  }

  /** BinaryEquals: base64 in the policy and in the request, compared byte for byte. */
  static final class Binaries extends ValueSet {
    private final List<byte[]> values;

    Binaries(List<byte[]> values) {
      this.values = values;
    }

    @Override
    public int match(String requestValue, Template.Lookup context) {
      byte[] r;
      try {
        r = Base64.getDecoder().decode(requestValue);
      } catch (IllegalArgumentException e) {
        return UNREADABLE;
      }
      for (byte[] v : values) {
        if (java.security.MessageDigest.isEqual(r, v)) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }
  }

  /** IpAddress/NotIpAddress: the request address lies in one of the CIDR blocks. */
  static final class Ips extends ValueSet {
    private final List<IpRange> ranges;

    Ips(List<IpRange> ranges) {
      this.ranges = ranges;
    }

    @Override
    public int match(String requestValue, Template.Lookup context) {
      Optional<byte[]> addr = IpRange.parseAddress(requestValue.strip());
      if (addr.isEmpty()) {
        return UNREADABLE;
      }
      for (IpRange r : ranges) {
        if (r.contains(addr.get())) {
          return MATCH;
        }
      }
      return NO_MATCH;
    }

    /** The blocks, for access analysis. */
    public List<IpRange> ranges() {
      return ranges;
    }
  }
}
