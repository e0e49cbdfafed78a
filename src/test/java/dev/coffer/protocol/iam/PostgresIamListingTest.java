package dev.coffer.protocol.iam;

import dev.coffer.testing.Backend;

class PostgresIamListingTest extends IamListingContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
