package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class SqliteSecretsManagerTest extends SecretsManagerContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
