package dev.coffer.secrets;

import dev.coffer.kms.ValueProtector;
import java.util.Map;

/**
 * No protection at all, values stored as they are: the comparison point that isolates the
 * envelope's cost in the benchmarks. Never used outside src/jmh.
 */
final class PlainProtector implements ValueProtector {
  @Override
  public Protected protect(
      String accountId,
      String region,
      String keyRef,
      Map<String, String> context,
      byte[] plaintext) {
    return new Protected("arn:aws:kms:us-east-1:" + accountId + ":key/plain", plaintext.clone());
  }

  @Override
  public byte[] unprotect(Protected value, Map<String, String> context) {
    return value.blob().clone();
  }
}
