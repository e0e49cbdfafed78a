package dev.coffer.protocol.iam;

import dev.coffer.testing.Backend;

class PostgresIamTest extends IamContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
