package dev.coffer.audit;

import dev.coffer.testing.Backend;

class SqliteAuditTest extends AuditContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
