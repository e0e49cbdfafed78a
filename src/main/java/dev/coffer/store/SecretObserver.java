package dev.coffer.store;

/**
 * Told of every secret that a unit of work inserted, updated or deleted, once per secret, just
 * before the unit commits and inside its transaction (store calls it makes join that transaction).
 * Compliance records configuration items this way, so no change commits without its item.
 */
@FunctionalInterface
public interface SecretObserver {
  /**
   * @param tx the unit's transaction
   * @param secret the secret as last written; for a deleted secret, as it was before deletion
   * @param removed whether the secret was permanently deleted
   */
  void changed(Tx tx, SecretRecord secret, boolean removed);

  /** Observes nothing. */
  SecretObserver NONE = (tx, secret, removed) -> {};
}
