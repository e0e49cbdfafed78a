package dev.coffer.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void idsAreVersion4UuidsInTheUsualTextForm() {
    for (int i = 0; i < 1000; i++) {
      String id = RequestIds.next();
      UUID u = UUID.fromString(id);
      assertThat(u.toString()).isEqualTo(id);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
    }
  }

  @Test
  void idsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      assertThat(seen.add(RequestIds.next())).isTrue();
    }
  }

  @Test
  void consecutiveIdsShareNoObviousPattern() {
    // Neighbouring counter values must not give neighbouring ids (they are shown to callers as
    // random UUIDs): about half of the bits differ.
    UUID a = UUID.fromString(RequestIds.next());
    UUID b = UUID.fromString(RequestIds.next());
    int differing =
        Long.bitCount(a.getMostSignificantBits() ^ b.getMostSignificantBits())
            + Long.bitCount(a.getLeastSignificantBits() ^ b.getLeastSignificantBits());
    assertThat(differing).isBetween(30, 98);
  }

  @Test
  void mixIsABijectionOnASample() {
    Set<Long> out = new HashSet<>();
    for (long i = -50_000; i < 50_000; i++) {
      assertThat(out.add(RequestIds.mix(i))).isTrue();
    }
  }
}
