package dev.coffer.protocol.iam;

import dev.coffer.testing.Backend;

class PostgresAccessKeyLastUsedTest extends AccessKeyLastUsedContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
