package dev.coffer.protocol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} header is believed. A request's client address
 * is its peer's, unless the peer is a trusted proxy: then the header's addresses are walked from
 * the right (the proxy nearest to Coffer appended last), skipping trusted proxies, and the first
 * untrusted address is the client. Anything the client itself wrote further left is ignored, so a
 * client cannot choose its own {@code aws:SourceIp}.
 */
public final class TrustedProxies {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** No trusted proxies: the peer is always the client. */
  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /**
   * Proxies given as addresses ({@code 10.0.0.7}, {@code ::1}) or CIDR ranges ({@code 10.0.0.0/8},
   * {@code fd00::/8}).
   *
   * @throws IllegalArgumentException for anything else (host names are not resolved)
   */
  public static TrustedProxies of(List<String> specs) {
    List<Range> out = new ArrayList<>();
    for (String s : specs) {
      out.add(Range.parse(s.trim()));
    }
    return new TrustedProxies(out);
  }

  /**
   * The client's address for a request from {@code peer} with these {@code X-Forwarded-For} header
   * values (in the order received).
   */
  public String clientAddress(String peer, List<String> forwardedFor) {
    if (ranges.isEmpty() || !trusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String part : value.split(",", -1)) {
        hops.add(part.trim());
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<String> hop = normalised(hops.get(i));
      if (hop.isEmpty()) {
        // Garbage in the chain: stop at the last address we could vouch for.
        return client;
      }
      client = hop.get();
      if (!trusted(client)) {
        return client;
      }
    }
    return client;
  }

  private boolean trusted(String address) {
    Optional<byte[]> bytes = literal(address);
    if (bytes.isEmpty()) {
      return false;
    }
    for (Range r : ranges) {
      if (r.contains(bytes.get())) {
        return true;
      }
    }
    return false;
  }

  /** An address from the header as Coffer prints addresses, or empty when it is not one. */
  private static Optional<String> normalised(String hop) {
    String h = hop;
    if (h.startsWith("[") && h.contains("]")) {
      h = h.substring(1, h.indexOf(']')); // [v6]:port
    } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
      h = h.substring(0, h.indexOf(':')); // v4:port
    }
    Optional<byte[]> bytes = literal(h);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(bytes.get()).getHostAddress());
    } catch (UnknownHostException impossible) {
      return Optional.empty();
    }
  }

  /** The bytes of an IP literal, never resolving a name. */
  static Optional<byte[]> literal(String s) {
    boolean v4 = IPV4.matcher(s).matches();
    boolean v6 = !v4 && s.contains(":") && IPV6.matcher(s).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    if (v4) {
      for (String octet : s.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      return Optional.of(InetAddress.getByName(s).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private record Range(byte[] network, int prefix) {
    static Range parse(String spec) {
      int slash = spec.indexOf('/');
      String address = slash < 0 ? spec : spec.substring(0, slash);
      byte[] bytes =
          literal(address)
              .orElseThrow(() ->
                  new IllegalArgumentException(
                      "trusted proxy must be an IP address or CIDR range: " + spec));
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        try {
          prefix = Integer.parseInt(spec.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
          throw new IllegalArgumentException("invalid CIDR prefix in trusted proxy: " + spec);
        }
      }
      return new Range(bytes, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
