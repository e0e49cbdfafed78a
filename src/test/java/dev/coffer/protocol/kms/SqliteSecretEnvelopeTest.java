package dev.coffer.protocol.kms;

import dev.coffer.testing.Backend;

class SqliteSecretEnvelopeTest extends SecretEnvelopeContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
