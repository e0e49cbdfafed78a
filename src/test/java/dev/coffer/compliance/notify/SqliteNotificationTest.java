package dev.coffer.compliance.notify;

import dev.coffer.testing.Backend;

class SqliteNotificationTest extends NotificationContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
