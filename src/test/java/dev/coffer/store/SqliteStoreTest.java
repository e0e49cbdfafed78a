package dev.coffer.store;

import dev.coffer.testing.Backend;

class SqliteStoreTest extends StoreContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
