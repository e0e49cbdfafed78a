package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class PostgresManyVersionsTest extends ManyVersionsContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
