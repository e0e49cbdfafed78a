package dev.coffer.protocol.iam;

import dev.coffer.testing.Backend;

class SqliteIamTest extends IamContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
