package dev.coffer.kms;

import dev.coffer.testing.Backend;

class PostgresAtRestTest extends AtRestContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
