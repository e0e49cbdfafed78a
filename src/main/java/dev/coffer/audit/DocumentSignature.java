package dev.coffer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.Ed25519;
import dev.coffer.crypto.Sha256;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A detached signature over a document the server issues (a compliance report), made with the audit
 * trail's Ed25519 digest key so that the same published public key ({@code coffer audit
 * public-key}) verifies digests and documents. What is signed is the canonical, length-prefixed
 * encoding ({@link Canonical#encode}) of the statement: the document type, its format, when it was
 * signed, the SHA-256 of its bytes and the key's fingerprint. A valid signature proves the document
 * is byte for byte what the server issued at that time; it says nothing about whether what the
 * document states is true.
 *
 * @param documentType what the document is, e.g. {@code CofferComplianceReport}
 * @param format its format, e.g. {@code html}
 * @param signedAt when it was signed (the report's date)
 * @param sha256 hex SHA-256 of the document's bytes
 * @param keyFingerprint the fingerprint of the signing key
 * @param signature base64 Ed25519 signature of the statement
 */
public record DocumentSignature(
    String documentType,
    String format,
    Instant signedAt,
    String sha256,
    String keyFingerprint,
    String signature) {
  public static final String ALGORITHM = "Ed25519";
  private static final ObjectMapper JSON = new ObjectMapper();

  public DocumentSignature {
    Objects.requireNonNull(documentType, "documentType");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(signedAt, "signedAt");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(keyFingerprint, "keyFingerprint");
    Objects.requireNonNull(signature, "signature");
  }

  /** The bytes the signature covers. */
  static byte[] statement(
      String documentType, String format, Instant signedAt, String sha256, String fingerprint) {
    return Canonical.encode(
        Map.of(
            "documentType", documentType,
            "format", format,
            "signedAt", signedAt.toString(),
            "sha256", sha256,
            "keyFingerprint", fingerprint,
            "algorithm", ALGORITHM));
  }

  /**
   * Checks {@code document} against this signature with the trusted keys (X.509 DER by
   * fingerprint); empty when it verifies, otherwise why not.
   */
  public Optional<String> problem(byte[] document, Map<String, byte[]> trustedKeys) {
    if (!Sha256.hex(document).equals(sha256)) {
      return Optional.of("the document's SHA-256 differs from the signed one: it was changed");
    }
    byte[] key = trustedKeys.get(keyFingerprint);
    if (key == null) {
      return Optional.of("signed by key " + keyFingerprint + ", which is not a trusted key");
    }
    byte[] sig;
    try {
      sig = Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return Optional.of("the signature is not base64");
    }
    byte[] signed = statement(documentType, format, signedAt, sha256, keyFingerprint);
    return Ed25519.verify(key, signed, sig)
        ? Optional.empty()
        : Optional.of("the signature does not verify: the signature file was changed or forged");
  }

  /** The signature file's JSON. */
  public String toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("DocumentType", documentType);
    n.put("Format", format);
    n.put("SignedAt", signedAt.toString());
    n.put("DocumentSha256", sha256);
    n.put("SignatureAlgorithm", ALGORITHM);
    n.put("KeyFingerprint", keyFingerprint);
    n.put("Signature", signature);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a signature file.
   *
   * @throws IllegalArgumentException it is not one
   */
  public static DocumentSignature fromJson(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      if (!ALGORITHM.equals(n.path("SignatureAlgorithm").asText())) {
        throw new IllegalArgumentException("not an Ed25519 document signature");
      }
      return new DocumentSignature(
          text(n, "DocumentType"),
          text(n, "Format"),
          Instant.parse(text(n, "SignedAt")),
          text(n, "DocumentSha256"),
          text(n, "KeyFingerprint"),
          text(n, "Signature"));
    } catch (IOException | DateTimeParseException e) {
      throw new IllegalArgumentException("not a document signature: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("the signature file lacks " + field);
    }
    return v.asText();
  }
}
