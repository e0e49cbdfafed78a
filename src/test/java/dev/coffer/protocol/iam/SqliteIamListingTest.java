package dev.coffer.protocol.iam;

import dev.coffer.testing.Backend;

class SqliteIamListingTest extends IamListingContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
