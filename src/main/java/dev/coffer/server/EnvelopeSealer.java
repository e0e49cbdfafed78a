package dev.coffer.server;

import dev.coffer.auth.SecretSealer;
import dev.coffer.core.iam.SealedSecret;
import dev.coffer.kms.ValueProtector;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Seals credential secrets under the envelope, like secret values: a fresh data key from the
 * account's default {@code aws/secretsmanager} key in the default region, with the encryption
 * context {@code {"coffer:AccessKeyId": id}} bound, so that a sealed secret moved to another key's
 * row does not open.
 */
final class EnvelopeSealer implements SecretSealer {
  static final String CONTEXT_KEY = "coffer:AccessKeyId";

  private final ValueProtector protector;
  private final String region;

  EnvelopeSealer(ValueProtector protector, String region) {
    this.protector = protector;
    this.region = region;
  }

  @Override
  public SealedSecret seal(String accountId, String accessKeyId, String secret) {
    ValueProtector.Protected p =
        protector.protect(
            accountId,
            region,
            "",
            Map.of(CONTEXT_KEY, accessKeyId),
            secret.getBytes(StandardCharsets.UTF_8));
    return new SealedSecret(p.keyArn(), p.blob());
  }

  @Override
  public String open(String accountId, String accessKeyId, SealedSecret sealed) {
    byte[] plain =
        protector.unprotect(
            new ValueProtector.Protected(sealed.keyArn(), sealed.blob()),
            Map.of(CONTEXT_KEY, accessKeyId));
    return new String(plain, StandardCharsets.UTF_8);
  }
}
