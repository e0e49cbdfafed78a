package dev.coffer.protocol.kms;

import dev.coffer.testing.Backend;

class PostgresKmsTest extends KmsContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
