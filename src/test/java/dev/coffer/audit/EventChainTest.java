package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The chain hash must stay exactly the SHA-256 of the documented canonical encoding, or trails
 * written by earlier versions would no longer verify.
 */
class EventChainTest {
  @Test
  void link_isTheHashOfTheCanonicalEncodingOfEveryField() {
    Random random = new Random(20261207);
    String previous = "";
    for (int i = 0; i < 500; i++) {
      StoredAuditEvent e =
          new StoredAuditEvent(
              random.nextLong(1, Long.MAX_VALUE),
              text(random, 36),
              Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)),
              text(random, 12),
              text(random, 14),
              text(random, 30),
              text(random, 25),
              text(random, 40),
              text(random, 20),
              texts(random),
              texts(random),
              random.nextBoolean(),
              text(random, 3000),
              "");
      String expected = reference(previous, e);
      assertThat(EventChain.link(previous, e)).isEqualTo(expected);
      previous = expected;
    }
  }

  /** The encoding as the audit trail's format describes it, built the plain way. */
  private static String reference(String previousHex, StoredAuditEvent e) {
    byte[][] names = e.resourceNames().stream().map(EventChainTest::utf8).toArray(byte[][]::new);
    byte[][] types = e.resourceTypes().stream().map(EventChainTest::utf8).toArray(byte[][]::new);
    return Sha256.hex(
        Canonical.encodeFields(
            utf8(EventChain.EVENT_LABEL),
            utf8(previousHex),
            ByteBuffer.allocate(8).putLong(e.seq()).array(),
            utf8(e.eventId()),
            ByteBuffer.allocate(8).putLong(e.eventTime().toEpochMilli()).array(),
            utf8(e.accountId()),
            utf8(e.region()),
            utf8(e.eventSource()),
            utf8(e.eventName()),
            utf8(e.username()),
            utf8(e.accessKeyId()),
            Canonical.encodeFields(names),
            Canonical.encodeFields(types),
            new byte[] {(byte) (e.readOnly() ? 1 : 0)},
            utf8(e.body())));
  }

  private static List<String> texts(Random random) {
    List<String> out = new ArrayList<>();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.add("r" + text(random, 60));
    }
    return out;
  }

  /** Up to {@code max} characters, some of them outside ASCII and some outside the BMP. */
  private static String text(Random random, int max) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      int kind = random.nextInt(10);
      b.appendCodePoint(
          kind < 7 ? 32 + random.nextInt(95) : kind < 9 ? 0xA0 + random.nextInt(0x700) : 0x1F600);
    }
    return b.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
