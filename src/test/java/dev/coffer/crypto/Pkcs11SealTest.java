package dev.coffer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.testing.SoftHsm;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The PKCS#11 seal against a SoftHSM2 token. Ordered: a PKCS#11 module keeps one login state per
 * process, so the wrong-PIN case runs while no session is logged in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Pkcs11SealTest {
  private static final Pkcs11Seal.Token TOKEN =
      new Pkcs11Seal.Token(SoftHsm.LIBRARY, 0, "coffer-root-seal-test");

  @BeforeAll
  static void token() {
    SoftHsm.token();
  }

  @Test
  @Order(1)
  void wrongPin_isRefusedWithAClearError() {
    Pkcs11Seal seal = new Pkcs11Seal(TOKEN, Optional.of("0000"));
    assertThatThrownBy(() -> seal.openAutomatically(Optional.empty()))
        .isInstanceOf(SealException.class)
        .hasMessage("The PKCS#11 token refused the PIN.");
  }

  @Test
  @Order(2)
  void sealThenUnsealWithPin_roundTrips() {
    Pkcs11Seal seal = new Pkcs11Seal(TOKEN, Optional.of(SoftHsm.USER_PIN));
    Sealer sealer = seal.initialise(0, 0).sealer();
    RootKeyring.Generation g = RootKeyring.initialise(sealer, 1, Optional.empty());
    assertThat(g.sealType()).isEqualTo("pkcs11");
    byte[] root;
    try (RootKeyring ring = RootKeyring.open(sealer, List.of(g), id -> Optional.empty())) {
      root = ring.keyBytes(1);
    }
    // The operator types the PIN: the same key on the token opens the stored root key.
    Pkcs11Seal typed = new Pkcs11Seal(TOKEN, Optional.empty());
    assertThat(typed.openAutomatically(Optional.of(g.sealed()))).isEmpty();
    Sealer opened =
        ((SealProvider.UnsealStep.Opened) typed.submit(SoftHsm.USER_PIN, g.sealed())).sealer();
    try (RootKeyring ring = RootKeyring.open(opened, List.of(g), id -> Optional.empty())) {
      assertThat(ring.keyBytes(1)).isEqualTo(root);
    }
  }

  @Test
  @Order(3)
  void anotherKeyLabel_doesNotExist_andIsNotMadeOnUnseal() {
    Pkcs11Seal seal =
        new Pkcs11Seal(new Pkcs11Seal.Token(SoftHsm.LIBRARY, 0, "no-such-key"), Optional.empty());
    assertThatThrownBy(() -> seal.submit(SoftHsm.USER_PIN, new byte[0]))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("no key labelled no-such-key");
  }

  @Test
  @Order(4)
  void missingModule_saysSo() {
    Pkcs11Seal seal =
        new Pkcs11Seal(new Pkcs11Seal.Token("/nonexistent/libp11.so", 0, "k"), Optional.of("1"));
    assertThatThrownBy(() -> seal.openAutomatically(Optional.empty()))
        .isInstanceOf(SealException.class)
        .hasMessageContaining("is not installed");
  }
}
