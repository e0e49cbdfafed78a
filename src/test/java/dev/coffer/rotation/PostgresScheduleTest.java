package dev.coffer.rotation;

import dev.coffer.testing.Backend;

class PostgresScheduleTest extends ScheduleContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
