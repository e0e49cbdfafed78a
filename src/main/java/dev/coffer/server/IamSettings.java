package dev.coffer.server;

/**
 * Identity settings.
 *
 * @param acceptAnyCredentials INSECURE emulator mode: any access key is accepted, without checking
 *     its signature, as the root user of the default account. For local test suites only.
 */
public record IamSettings(boolean acceptAnyCredentials) {
  /** Signatures are always checked. */
  public static IamSettings defaults() {
    return new IamSettings(false);
  }
}
