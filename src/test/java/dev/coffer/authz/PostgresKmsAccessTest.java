package dev.coffer.authz;

import dev.coffer.testing.Backend;

class PostgresKmsAccessTest extends KmsAccessContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
