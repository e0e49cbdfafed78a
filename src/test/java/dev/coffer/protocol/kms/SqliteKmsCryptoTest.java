package dev.coffer.protocol.kms;

import dev.coffer.testing.Backend;

class SqliteKmsCryptoTest extends KmsCryptoContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
