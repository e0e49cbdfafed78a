package dev.coffer.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shamir's secret sharing seal: a random 256-bit seal key, split at initialisation into {@code n}
 * shares of which any {@code k} open it ({@link Shamir}). The shares are shown once, to be handed
 * to {@code n} operators; the server keeps none of them. Unsealing collects shares submitted one at
 * a time until {@code k} distinct ones are in, then rebuilds the seal key and forgets the shares.
 *
 * <p>A share is {@code coffer-share-} and the URL-safe Base64 of {@code version || threshold || x
 * || y (32 bytes) || checksum}, the checksum being the first 4 bytes of SHA-256 over the rest, so
 * that a mistyped share is refused on its own rather than by a failed unseal.
 */
public final class ShamirSeal implements SealProvider {
  public static final String TYPE = "shamir";
  private static final String PREFIX = "coffer-share-";
  private static final byte VERSION = 1;
  private static final int CHECKSUM_BYTES = 4;
  private final Map<Integer, Shamir.Share> collected = new LinkedHashMap<>();
  private int threshold;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<Sealer> openAutomatically(Optional<byte[]> sealedRoot) {
    return Optional.empty();
  }

  @Override
  public synchronized Initialised initialise(int shares, int threshold) {
    if (threshold < 2 || shares < threshold || shares > 255) {
      throw new SealException(
          "Shamir shares need 2 <= threshold <= shares <= 255; got "
              + shares
              + " shares, threshold "
              + threshold
              + ".");
    }
    byte[] key = RandomBytes.bytes(AesGcm.KEY_BYTES);
    try {
      List<String> out = new ArrayList<>();
      for (Shamir.Share s : Shamir.split(key, shares, threshold)) {
        out.add(encode(threshold, s));
        Arrays.fill(s.y(), (byte) 0);
      }
      return new Initialised(new KekSealer(TYPE, SecretBytes.copyOf(key), new byte[0]), out);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  @Override
  public synchronized UnsealStep submit(String input, byte[] sealedRoot) {
    Decoded d = decode(input.strip());
    if (!collected.isEmpty() && d.threshold() != threshold) {
      reset();
      throw new SealException(
          "The share belongs to another set of shares (its threshold differs); the unseal starts"
              + " over.");
    }
    threshold = d.threshold();
    collected.putIfAbsent(d.share().x(), d.share());
    if (collected.size() < threshold) {
      return new UnsealStep.Progress(collected.size(), threshold);
    }
    byte[] key = Shamir.combine(new ArrayList<>(collected.values()));
    reset();
    try {
      return new UnsealStep.Opened(new KekSealer(TYPE, SecretBytes.copyOf(key), new byte[0]));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** How many distinct shares are in so far, and how many are needed (0 before the first). */
  public synchronized UnsealStep.Progress progress() {
    return new UnsealStep.Progress(collected.size(), threshold);
  }

  @Override
  public synchronized void reset() {
    collected.values().forEach(s -> Arrays.fill(s.y(), (byte) 0));
    collected.clear();
    threshold = 0;
  }

  private record Decoded(int threshold, Shamir.Share share) {}

  static String encode(int threshold, Shamir.Share s) {
    ByteBuffer b = ByteBuffer.allocate(3 + s.y().length + CHECKSUM_BYTES);
    b.put(VERSION).put((byte) threshold).put((byte) s.x()).put(s.y());
    byte[] body = Arrays.copyOf(b.array(), 3 + s.y().length);
    b.put(Arrays.copyOf(Sha256.hash(body), CHECKSUM_BYTES));
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  private static Decoded decode(String share) {
    if (!share.startsWith(PREFIX)) {
      throw new SealException(
          "That is not a Coffer unseal share (it should start with coffer-share-).");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(share.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw corrupted();
    }
    if (raw.length != 3 + AesGcm.KEY_BYTES + CHECKSUM_BYTES || raw[0] != VERSION) {
      throw corrupted();
    }
    byte[] body = Arrays.copyOf(raw, raw.length - CHECKSUM_BYTES);
    byte[] checksum = Arrays.copyOfRange(raw, raw.length - CHECKSUM_BYTES, raw.length);
    if (!MessageDigest.isEqual(Arrays.copyOf(Sha256.hash(body), CHECKSUM_BYTES), checksum)) {
      throw corrupted();
    }
    int threshold = raw[1] & 0xff;
    int x = raw[2] & 0xff;
    if (threshold < 2 || x == 0) {
      throw corrupted();
    }
    return new Decoded(
        threshold, new Shamir.Share(x, Arrays.copyOfRange(raw, 3, 3 + AesGcm.KEY_BYTES)));
  }

  private static SealException corrupted() {
    return new SealException(
        "The unseal share is corrupted (its checksum does not match); check it for typos.");
  }
}
