package dev.coffer.rotation;

import dev.coffer.testing.Backend;

class SqliteRotationTest extends RotationContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
