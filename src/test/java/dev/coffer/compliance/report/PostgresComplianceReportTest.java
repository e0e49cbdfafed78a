package dev.coffer.compliance.report;

import dev.coffer.testing.Backend;

class PostgresComplianceReportTest extends ComplianceReportContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
