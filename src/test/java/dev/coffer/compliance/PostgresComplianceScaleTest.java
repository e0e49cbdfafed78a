package dev.coffer.compliance;

import dev.coffer.testing.Backend;

class PostgresComplianceScaleTest extends ComplianceScaleContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
