package dev.coffer.protocol.kms;

import dev.coffer.testing.Backend;

class PostgresKmsCryptoTest extends KmsCryptoContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
