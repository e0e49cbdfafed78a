package dev.coffer.policy.internal;

import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR block for {@code IpAddress}/{@code NotIpAddress} (compliance-and-iam.md
 * §4.3: "IPv4/IPv6 CIDR; bare IP = /32"). Addresses are parsed by hand so that a host name can
 * never trigger a DNS look-up (the policy layer does no I/O).
 */
public record IpRange(byte[] network, int prefixLength) {

  public IpRange {
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("address must have 4 or 16 bytes");
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix length out of range");
    }
  }

  /** Parses {@code a.b.c.d[/n]} or an IPv6 address {@code [/n]}; empty if malformed. */
  public static Optional<IpRange> parse(String text) {
    int slash = text.indexOf('/');
    String addr = slash < 0 ? text : text.substring(0, slash);
    Optional<byte[]> bytes = parseAddress(addr);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    int max = bytes.get().length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        return Optional.empty();
      }
    }
    return Optional.of(new IpRange(bytes.get(), prefix));
  }

  /** Parses a single IPv4 or IPv6 address. */
  public static Optional<byte[]> parseAddress(String s) {
    return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
  }

  /** Whether {@code address} (4 or 16 bytes) lies in this block; families must agree. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (address[full] & mask) == (network[full] & mask);
  }

  /** True for {@code 0.0.0.0/0} or {@code ::/0}, which restrict nothing (§3.1). */
  public boolean isEverything() {
    return prefixLength == 0;
  }

  private static Optional<byte[]> parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return Optional.empty();
      }
      out[i] = (byte) v;
    }
    return Optional.of(out);
  }

  private static Optional<byte[]> parseV6(String s) {
    int zone = s.indexOf('%');
    if (zone >= 0) {
      return Optional.empty();
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return Optional.empty();
    }
    String head = dbl < 0 ? s : s.substring(0, dbl);
    String tail = dbl < 0 ? "" : s.substring(dbl + 2);
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return Optional.empty();
    }
    int total = h.length + t.length;
    if ((dbl < 0 && total != 8) || (dbl >= 0 && total > 7)) {
      return Optional.empty();
    }
    byte[] out = new byte[16];
    for (int i = 0; i < h.length; i++) {
      putGroup(out, i, h[i]);
    }
    for (int i = 0; i < t.length; i++) {
      putGroup(out, 8 - t.length + i, t[i]);
    }
    return Optional.of(out);
  }

  /** Hex groups of one side of "::"; a trailing dotted quad counts as two groups. */
  private static int @org.jspecify.annotations.Nullable [] groups(String side) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    boolean quad = parts[parts.length - 1].indexOf('.') >= 0;
    int[] out = new int[parts.length + (quad ? 1 : 0)];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (quad && i == parts.length - 1) {
        Optional<byte[]> v4 = parseV4(p);
        if (v4.isEmpty()) {
          return null;
        }
        byte[] b = v4.get();
        out[i] = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        out[i + 1] = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < p.length(); k++) {
        int d = Character.digit(p.charAt(k), 16);
        if (d < 0) {
          return null;
        }
        v = v * 16 + d;
      }
      out[i] = v;
    }
    return out;
  }

  private static void putGroup(byte[] out, int group, int value) {
    out[group * 2] = (byte) (value >>> 8);
    out[group * 2 + 1] = (byte) value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IpRange r
        && r.prefixLength == prefixLength
        && java.util.Arrays.equals(r.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefixLength;
  }

  @Override
  public String toString() {
    return "IpRange[" + network.length * 8 + "-bit/" + prefixLength + "]";
  }
}
