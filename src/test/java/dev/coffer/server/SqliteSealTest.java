package dev.coffer.server;

import dev.coffer.testing.Backend;

class SqliteSealTest extends SealContract {
  @Override
  Backend backend() {
    return Backend.SQLITE;
  }
}
