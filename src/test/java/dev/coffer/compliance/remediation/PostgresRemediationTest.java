package dev.coffer.compliance.remediation;

import dev.coffer.testing.Backend;

class PostgresRemediationTest extends RemediationContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
