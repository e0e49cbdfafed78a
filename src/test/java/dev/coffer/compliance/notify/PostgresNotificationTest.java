package dev.coffer.compliance.notify;

import dev.coffer.testing.Backend;

class PostgresNotificationTest extends NotificationContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
