package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class PostgresSecretsManagerTest extends SecretsManagerContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
