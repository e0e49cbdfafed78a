package dev.coffer.authz;

import dev.coffer.testing.Backend;

class PostgresIamAccessTest extends IamAccessContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
