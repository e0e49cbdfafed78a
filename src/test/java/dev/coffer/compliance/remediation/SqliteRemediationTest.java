package dev.coffer.compliance.remediation;

import dev.coffer.testing.Backend;

class SqliteRemediationTest extends RemediationContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
