package dev.coffer.testing;

/** The storage backends every server-level test runs against. */
public enum Backend {
  SQLITE,
  POSTGRESQL
}
