package dev.coffer.rotation;

import dev.coffer.testing.Backend;

class PostgresRotationTest extends RotationContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
