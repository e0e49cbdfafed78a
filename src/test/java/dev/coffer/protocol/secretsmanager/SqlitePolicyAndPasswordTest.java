package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class SqlitePolicyAndPasswordTest extends PolicyAndPasswordContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
