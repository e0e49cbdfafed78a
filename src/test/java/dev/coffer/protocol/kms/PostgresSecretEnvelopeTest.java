package dev.coffer.protocol.kms;

import dev.coffer.testing.Backend;

class PostgresSecretEnvelopeTest extends SecretEnvelopeContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
