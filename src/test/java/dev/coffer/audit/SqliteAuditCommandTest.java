package dev.coffer.audit;

import dev.coffer.testing.Backend;

class SqliteAuditCommandTest extends AuditCommandContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
