package dev.coffer.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Canonical, unambiguous byte encodings for anything used as associated data, hashed or signed.
 * Every field is prefixed by its length (4 bytes, big-endian), so no two different inputs encode to
 * the same bytes — unlike joining fields with a separator.
 */
public final class Canonical {
  private Canonical() {}

  /**
   * Encodes a string map (an encryption context): the entry count, then each key and value
   * length-prefixed, in the keys' UTF-16 order so that the encoding does not depend on map order.
   */
  public static byte[] encode(Map<String, String> context) {
    // Sized and filled in one pass over a sorted copy of the keys: this runs twice on every secret
    // read (the data key's and the value's associated data), where a TreeMap and a growing stream
    // cost more than the encoding itself.
    String[] keys = context.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    byte[][] fields = new byte[keys.length * 2][];
    int size = 4;
    for (int i = 0; i < keys.length; i++) {
      byte[] k = keys[i].getBytes(StandardCharsets.UTF_8);
      byte[] v = Objects.requireNonNull(context.get(keys[i])).getBytes(StandardCharsets.UTF_8);
      fields[2 * i] = k;
      fields[2 * i + 1] = v;
      size += 8 + k.length + v.length;
    }
    byte[] out = new byte[size];
    int at = putInt(out, 0, keys.length);
    for (byte[] f : fields) {
      at = putField(out, at, f);
    }
    return out;
  }

  /** Encodes a sequence of fields, each length-prefixed. */
  public static byte[] encodeFields(byte[]... fields) {
    int size = 4;
    for (byte[] f : fields) {
      size += 4 + f.length;
    }
    byte[] out = new byte[size];
    int at = putInt(out, 0, fields.length);
    for (byte[] f : fields) {
      at = putField(out, at, f);
    }
    return out;
  }

  private static int putField(byte[] out, int at, byte[] field) {
    int next = putInt(out, at, field.length);
    System.arraycopy(field, 0, out, next, field.length);
    return next + field.length;
  }

  private static int putInt(byte[] out, int at, int v) {
    out[at] = (byte) (v >>> 24);
    out[at + 1] = (byte) (v >>> 16);
    out[at + 2] = (byte) (v >>> 8);
    out[at + 3] = (byte) v;
    return at + 4;
  }
}
