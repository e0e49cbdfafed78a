package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class SqliteManyVersionsTest extends ManyVersionsContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
