package dev.coffer.protocol.kms;

import dev.coffer.testing.Backend;

class SqliteKmsTest extends KmsContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
