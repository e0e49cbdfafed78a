package dev.coffer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each seal provider seals and opens root key generations, and refuses what is wrong. */
class SealProvidersTest {
  private static final PassphraseSeal.Cost CHEAP = new PassphraseSeal.Cost(1024, 1, 1);

  @TempDir Path dir;

  @Test
  void keyFile_sealThenOpen_roundTrips() {
    KeyFileSeal seal = new KeyFileSeal(dir.resolve("seal.key"));
    byte[] root =
        roundTrip(seal.initialise(0, 0).sealer(), seal.openAutomatically(Optional.empty()));
    assertThat(root).hasSize(32);
  }

  @Test
  void keyFile_anotherFile_doesNotOpen() {
    Sealer first = new KeyFileSeal(dir.resolve("a.key")).initialise(0, 0).sealer();
    RootKeyring.Generation g = RootKeyring.initialise(first, 1, Optional.empty());
    Sealer other = new KeyFileSeal(dir.resolve("b.key")).openAutomatically(Optional.empty()).get();
    assertThatThrownBy(() -> RootKeyring.open(other, List.of(g), id -> Optional.empty()))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void keyFile_legacyRootKeyFile_isAdoptedThenRetired() {
    Path legacy = dir.resolve("root.key");
    byte[] old = KeyFile.loadOrCreate(legacy).toByteArray();
    Sealer sealer = new KeyFileSeal(dir.resolve("seal.key")).initialise(0, 0).sealer();
    RootKeyring.Generation g = RootKeyring.initialise(sealer, 1, Optional.of(legacy));
    try (RootKeyring ring = RootKeyring.open(sealer, List.of(g), id -> Optional.empty())) {
      assertThat(ring.keyBytes(1)).isEqualTo(old);
      assertThat(ring.retireLegacyKeyFile(legacy)).isTrue();
    }
    assertThat(legacy).doesNotExist();
  }

  @Test
  void passphrase_sealThenOpenWithSamePassphrase_roundTrips() {
    PassphraseSeal seal = new PassphraseSeal(Optional.of("correct horse battery"), CHEAP);
    Sealer sealer = seal.initialise(0, 0).sealer();
    RootKeyring.Generation g = RootKeyring.initialise(sealer, 1, Optional.empty());
    byte[] sealedKey = g.sealed();
    PassphraseSeal typed = new PassphraseSeal(Optional.empty(), CHEAP);
    assertThat(typed.openAutomatically(Optional.of(sealedKey))).isEmpty();
    SealProvider.UnsealStep step = typed.submit("correct horse battery", sealedKey);
    Sealer opened = ((SealProvider.UnsealStep.Opened) step).sealer();
    try (RootKeyring a = RootKeyring.open(sealer, List.of(g), id -> Optional.empty());
        RootKeyring b = RootKeyring.open(opened, List.of(g), id -> Optional.empty())) {
      assertThat(b.keyBytes(1)).isEqualTo(a.keyBytes(1));
    }
  }

  @Test
  void passphrase_wrongPassphrase_doesNotOpen() {
    Sealer sealer = new PassphraseSeal(Optional.of("right"), CHEAP).initialise(0, 0).sealer();
    RootKeyring.Generation g = RootKeyring.initialise(sealer, 1, Optional.empty());
    SealProvider.UnsealStep step =
        new PassphraseSeal(Optional.empty(), CHEAP).submit("wrong", g.sealed());
    Sealer wrong = ((SealProvider.UnsealStep.Opened) step).sealer();
    assertThatThrownBy(() -> RootKeyring.open(wrong, List.of(g), id -> Optional.empty()))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void passphrase_initialiseWithoutPassphrase_saysWhatIsMissing() {
    assertThatThrownBy(() -> new PassphraseSeal(Optional.empty(), CHEAP).initialise(0, 0))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("passphrase");
  }

  @Test
  void shamir_anyThresholdOfShares_opens() {
    ShamirSeal seal = new ShamirSeal();
    SealProvider.Initialised made = seal.initialise(5, 3);
    assertThat(made.shares()).hasSize(5).doesNotHaveDuplicates();
    RootKeyring.Generation g = RootKeyring.initialise(made.sealer(), 1, Optional.empty());
    byte[] expected;
    try (RootKeyring ring = RootKeyring.open(made.sealer(), List.of(g), id -> Optional.empty())) {
      expected = ring.keyBytes(1);
    }
    List<List<Integer>> subsets = List.of(List.of(0, 1, 2), List.of(4, 2, 0), List.of(1, 3, 4));
    for (List<Integer> subset : subsets) {
      ShamirSeal unsealing = new ShamirSeal();
      SealProvider.UnsealStep step = null;
      for (int i : subset) {
        step = unsealing.submit(made.shares().get(i), g.sealed());
      }
      Sealer opened = ((SealProvider.UnsealStep.Opened) step).sealer();
      try (RootKeyring ring = RootKeyring.open(opened, List.of(g), id -> Optional.empty())) {
        assertThat(ring.keyBytes(1)).isEqualTo(expected);
      }
    }
  }

  @Test
  void shamir_fewerThanThreshold_reportsProgressOnly() {
    ShamirSeal seal = new ShamirSeal();
    List<String> shares = seal.initialise(5, 3).shares();
    ShamirSeal unsealing = new ShamirSeal();
    assertThat(unsealing.submit(shares.get(0), new byte[0]))
        .isEqualTo(new SealProvider.UnsealStep.Progress(1, 3));
    // The same share twice counts once.
    assertThat(unsealing.submit(shares.get(0), new byte[0]))
        .isEqualTo(new SealProvider.UnsealStep.Progress(1, 3));
    assertThat(unsealing.submit(shares.get(3), new byte[0]))
        .isEqualTo(new SealProvider.UnsealStep.Progress(2, 3));
  }

  @Test
  void shamir_corruptedShare_isRefusedWithAClearError() {
    String share = new ShamirSeal().initialise(3, 2).shares().get(0);
    char last = share.charAt(share.length() - 5);
    String typo =
        share.substring(0, share.length() - 5)
            + (last == 'A' ? 'B' : 'A')
            + share.substring(share.length() - 4);
    assertThatThrownBy(() -> new ShamirSeal().submit(typo, new byte[0]))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("corrupted");
    assertThatThrownBy(() -> new ShamirSeal().submit("hello", new byte[0]))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("not a Coffer unseal share");
  }

  @Test
  void shamir_sharesOfAnotherInitialisation_doNotOpen() {
    SealProvider.Initialised mine = new ShamirSeal().initialise(3, 2);
    SealProvider.Initialised theirs = new ShamirSeal().initialise(3, 2);
    RootKeyring.Generation g = RootKeyring.initialise(mine.sealer(), 1, Optional.empty());
    ShamirSeal unsealing = new ShamirSeal();
    unsealing.submit(mine.shares().get(0), g.sealed());
    Sealer mixed =
        ((SealProvider.UnsealStep.Opened) unsealing.submit(theirs.shares().get(1), g.sealed()))
            .sealer();
    assertThatThrownBy(() -> RootKeyring.open(mixed, List.of(g), id -> Optional.empty()))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void shamir_badThreshold_isRefused() {
    assertThatThrownBy(() -> new ShamirSeal().initialise(2, 3))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("threshold");
  }

  @Test
  void gf256_multiplicationAndDivision_matchFips197() {
    // FIPS-197 §4.2: {57} • {83} = {c1}; {53} and {ca} are inverses.
    assertThat(Shamir.mul(0x57, 0x83)).isEqualTo(0xc1);
    assertThat(Shamir.mul(0x53, 0xca)).isEqualTo(0x01);
    assertThat(Shamir.div(0xc1, 0x83)).isEqualTo(0x57);
  }

  @Test
  void keyring_rotate_keepsOldGenerationReadable() {
    try (RootKeyring ring = TestRootKeys.fresh()) {
      RootKeyring.Wrapped old = ring.wrap(new byte[] {1, 2, 3}, new byte[0]);
      RootKeyring.Generation g2 = ring.rotate(2);
      assertThat(g2.id()).isEqualTo(2);
      ring.activate(2);
      RootKeyring.Wrapped fresh = ring.wrap(new byte[] {4}, new byte[0]);
      assertThat(old.generation()).isEqualTo(1);
      assertThat(fresh.generation()).isEqualTo(2);
      assertThat(ring.unwrap(1, old.blob(), new byte[0])).containsExactly(1, 2, 3);
      assertThat(ring.unwrap(2, fresh.blob(), new byte[0])).containsExactly(4);
      assertThatThrownBy(() -> ring.unwrap(2, old.blob(), new byte[0]))
          .isInstanceOf(DecryptionException.class);
    }
  }

  private static byte[] roundTrip(Sealer sealer, Optional<Sealer> reopened) {
    RootKeyring.Generation g = RootKeyring.initialise(sealer, 1, Optional.empty());
    try (RootKeyring a = RootKeyring.open(sealer, List.of(g), id -> Optional.empty());
        RootKeyring b =
            RootKeyring.open(reopened.orElseThrow(), List.of(g), id -> Optional.empty())) {
      assertThat(b.keyBytes(1)).isEqualTo(a.keyBytes(1));
      return a.keyBytes(1);
    }
  }
}
