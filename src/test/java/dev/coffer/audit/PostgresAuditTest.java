package dev.coffer.audit;

import dev.coffer.testing.Backend;

class PostgresAuditTest extends AuditContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
