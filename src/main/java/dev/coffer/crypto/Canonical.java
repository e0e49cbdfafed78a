package dev.coffer.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

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
    SortedMap<String, String> sorted = new TreeMap<>(context);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, sorted.size());
    sorted.forEach((k, v) -> {
      writeField(out, k.getBytes(StandardCharsets.UTF_8));
      writeField(out, v.getBytes(StandardCharsets.UTF_8));
    });
    return out.toByteArray();
  }

  /** Encodes a sequence of fields, each length-prefixed. */
  public static byte[] encodeFields(byte[]... fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, fields.length);
    for (byte[] f : fields) {
      writeField(out, f);
    }
    return out.toByteArray();
  }

  private static void writeField(ByteArrayOutputStream out, byte[] field) {
    writeInt(out, field.length);
    out.writeBytes(field);
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }
}
