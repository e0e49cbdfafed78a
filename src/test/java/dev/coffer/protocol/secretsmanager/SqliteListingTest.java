package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;

class SqliteListingTest extends ListingContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
