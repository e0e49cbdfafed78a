package dev.coffer.store;

import dev.coffer.testing.Backend;

class PostgresStoreTest extends StoreContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
