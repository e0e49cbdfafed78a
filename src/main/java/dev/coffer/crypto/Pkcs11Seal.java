package dev.coffer.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.security.auth.login.LoginException;

/**
 * A PKCS#11 token seal (an HSM; SoftHSM2 in tests), through the JDK's SunPKCS11 provider: an
 * AES-256 key made on the token at initialisation, sensitive and not extractable, seals the root
 * key with AES-GCM on the token. The key never leaves the token; Coffer only holds a handle to it
 * while the session is logged in with the user PIN.
 *
 * <p>Layout of a sealed root key: {@code 3 || nonce (12) || ciphertext || tag}.
 */
public final class Pkcs11Seal implements SealProvider {
  public static final String TYPE = "pkcs11";
  private static final byte FORMAT_V1 = 3;
  private static final int NONCE_BYTES = 12;

  /**
   * Where the token is.
   *
   * @param library the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
   * @param slotListIndex the token's index in the module's slot list
   * @param keyLabel the label of the AES key on the token
   */
  public record Token(String library, int slotListIndex, String keyLabel) {}

  private final Token token;
  private final Optional<String> pin;

  /**
   * @param pin the user PIN (from the environment); empty when operators type it to unseal
   */
  public Pkcs11Seal(Token token, Optional<String> pin) {
    this.token = token;
    this.pin = pin;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<Sealer> openAutomatically(Optional<byte[]> sealedRoot) {
    return pin.map(p -> login(p, sealedRoot.isEmpty()));
  }

  @Override
  public Initialised initialise(int shares, int threshold) {
    String p =
        pin.orElseThrow(() ->
            new SealException(
                "The PKCS#11 seal needs the token's user PIN: set the environment variable named"
                    + " by seal.pkcs11.pinEnv."));
    return new Initialised(login(p, true), List.of());
  }

  @Override
  public UnsealStep submit(String input, byte[] sealedRoot) {
    return new UnsealStep.Opened(login(input, false));
  }

  @Override
  public void reset() {}

  private Sealer login(String userPin, boolean createKey) {
    if (!new java.io.File(token.library()).canRead()) {
      throw new SealException("The PKCS#11 module " + token.library() + " is not installed.");
    }
    Provider base = Security.getProvider("SunPKCS11");
    if (base == null) {
      throw new SealException("This JDK has no SunPKCS11 provider.");
    }
    Provider provider;
    try {
      provider = base.configure(config());
    } catch (RuntimeException e) {
      throw new SealException(
          "The PKCS#11 token cannot be reached (module "
              + token.library()
              + ", slot index "
              + token.slotListIndex()
              + ").",
          e);
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS11", provider);
      ks.load(null, userPin.toCharArray());
      Key key = ks.getKey(token.keyLabel(), null);
      if (key == null) {
        if (!createKey) {
          throw new SealException(
              "The PKCS#11 token has no key labelled " + token.keyLabel() + ".");
        }
        KeyGenerator gen = KeyGenerator.getInstance("AES", provider);
        gen.init(256);
        SecretKey made = gen.generateKey();
        ks.setEntry(token.keyLabel(), new KeyStore.SecretKeyEntry(made), null);
        key = ks.getKey(token.keyLabel(), null);
      }
      if (!(key instanceof SecretKey secret)) {
        throw new SealException(
            "The PKCS#11 object labelled " + token.keyLabel() + " is not a secret key.");
      }
      return new TokenSealer(provider, secret);
    } catch (IOException e) {
      logout(provider);
      if (hasCause(e, LoginException.class)) {
        throw new SealException("The PKCS#11 token refused the PIN.", e);
      }
      throw new SealException("The PKCS#11 token cannot be opened: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      logout(provider);
      throw new SealException("The PKCS#11 token failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      logout(provider);
      throw e;
    }
  }

  private String config() {
    // Keys generated through this provider are sensitive and never leave the token.
    return "--name=CofferSeal\n"
        + "library="
        + token.library()
        + "\n"
        + "slotListIndex="
        + token.slotListIndex()
        + "\n"
        + "attributes(generate,CKO_SECRET_KEY,CKK_AES) = {\n"
        + "  CKA_SENSITIVE = true\n"
        + "  CKA_EXTRACTABLE = false\n"
        + "}\n";
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static void logout(Provider provider) {
    if (provider instanceof AuthProvider auth) {
      try {
        auth.logout();
      } catch (LoginException | RuntimeException ignored) {
        // Nothing more to undo.
      }
    }
  }

  /** Seals with the token's key; closing logs the session out. */
  private static final class TokenSealer implements Sealer {
    private final Provider provider;
    private final SecretKey key;

    TokenSealer(Provider provider, SecretKey key) {
      this.provider = provider;
      this.key = key;
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public byte[] seal(SecretBytes rootKey, byte[] associatedData) {
      byte[] nonce = RandomBytes.bytes(NONCE_BYTES);
      byte[] raw = rootKey.toByteArray();
      try {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", provider);
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        c.updateAAD(associatedData);
        byte[] body = c.doFinal(raw);
        return ByteBuffer.allocate(1 + NONCE_BYTES + body.length)
            .put(FORMAT_V1)
            .put(nonce)
            .put(body)
            .array();
      } catch (GeneralSecurityException e) {
        throw new SealException("The PKCS#11 token could not seal the root key.", e);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }

    @Override
    public SecretBytes open(byte[] sealed, byte[] associatedData) {
      if (sealed.length < 1 + NONCE_BYTES + 16 || sealed[0] != FORMAT_V1) {
        throw new DecryptionException();
      }
      byte[] raw;
      try {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", provider);
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 1, NONCE_BYTES));
        c.updateAAD(associatedData);
        raw = c.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
      } catch (GeneralSecurityException e) {
        throw new DecryptionException();
      }
      try {
        return SecretBytes.copyOf(raw);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }

    @Override
    public void close() {
      logout(provider);
    }
  }
}
