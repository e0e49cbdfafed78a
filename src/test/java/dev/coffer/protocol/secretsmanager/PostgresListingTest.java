package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class PostgresListingTest extends ListingContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
