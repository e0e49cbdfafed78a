package dev.coffer.audit;

import dev.coffer.testing.Backend;

class SqliteWitnessedSealTest extends WitnessedSealContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
