package dev.coffer.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes PEM files: certificate chains ({@code CERTIFICATE} blocks) and private keys
 * (PKCS#8 {@code PRIVATE KEY} for RSA, EC and Ed25519, and the older {@code RSA PRIVATE KEY} and
 * {@code EC PRIVATE KEY} forms). Encrypted keys are refused with a clear message.
 */
public final class Pem {
  private Pem() {}

  /** Every certificate in {@code file}, in file order (leaf first for a chain). */
  public static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder holder) {
          out.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read certificates from " + file, e);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("invalid certificate in " + file, e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no PEM CERTIFICATE block in " + file);
    }
    return List.copyOf(out);
  }

  /** The private key in {@code file}. */
  public static PrivateKey readPrivateKey(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read private key " + file, e);
    }
    return parsePrivateKey(text, file.toString());
  }

  /** The private key in PEM {@code text}; {@code source} names it in errors. */
  public static PrivateKey parsePrivateKey(String text, String source) {
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (o instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
        if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new IllegalArgumentException(
              "the private key in " + source + " is encrypted; give an unencrypted PKCS#8 key");
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("invalid private key in " + source, e);
    }
    throw new IllegalArgumentException("no PEM PRIVATE KEY block in " + source);
  }

  /** The PEM text of {@code certificates}, one block each. */
  public static String certificates(List<X509Certificate> certificates) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certificates) {
      try {
        sb.append(block("CERTIFICATE", c.getEncoded()));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IllegalArgumentException("certificate cannot be encoded", e);
      }
    }
    return sb.toString();
  }

  /** The PKCS#8 PEM text of {@code key}. */
  public static String privateKey(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  /** Writes {@code text} to {@code file} atomically; {@code secret} files get mode 0600. */
  public static void write(Path file, String text, boolean secret) {
    try {
      Path dir = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "parent");
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      if (secret) {
        try {
          Files.createFile(
              tmp,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
          throw new IllegalStateException("another process is writing " + file, raced);
        }
      }
      Files.writeString(
          tmp,
          text,
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
