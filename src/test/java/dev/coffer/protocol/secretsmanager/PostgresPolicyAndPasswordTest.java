package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class PostgresPolicyAndPasswordTest extends PolicyAndPasswordContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
