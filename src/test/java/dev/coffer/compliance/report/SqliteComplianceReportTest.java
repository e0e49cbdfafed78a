package dev.coffer.compliance.report;

import dev.coffer.testing.Backend;

class SqliteComplianceReportTest extends ComplianceReportContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
