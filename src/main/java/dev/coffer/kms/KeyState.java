package dev.coffer.kms;

/**
 * The key states Coffer's symmetric keys move through (KMS KeyState enum; the other AWS states
 * belong to imported, custom-store and multi-Region keys, which Coffer does not offer).
 */
public enum KeyState {
  Enabled,
  Disabled,
  PendingDeletion
}
