package dev.coffer.kms;

import dev.coffer.testing.Backend;

class SqliteAtRestTest extends AtRestContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
