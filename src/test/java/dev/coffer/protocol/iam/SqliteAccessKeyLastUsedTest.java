package dev.coffer.protocol.iam;

import dev.coffer.testing.Backend;

class SqliteAccessKeyLastUsedTest extends AccessKeyLastUsedContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
