package dev.coffer.audit;

import dev.coffer.testing.Backend;

class PostgresAuditCommandTest extends AuditCommandContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
