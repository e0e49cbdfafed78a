package dev.coffer.rotation;

import dev.coffer.testing.Backend;

class SqliteScheduleTest extends ScheduleContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
