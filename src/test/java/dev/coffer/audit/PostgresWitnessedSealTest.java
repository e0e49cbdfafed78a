package dev.coffer.audit;

import dev.coffer.testing.Backend;

class PostgresWitnessedSealTest extends WitnessedSealContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
