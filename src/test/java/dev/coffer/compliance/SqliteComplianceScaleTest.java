package dev.coffer.compliance;

import dev.coffer.testing.Backend;

class SqliteComplianceScaleTest extends ComplianceScaleContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
