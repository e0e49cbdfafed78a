package dev.coffer.server;

import dev.coffer.testing.Backend;

class PostgresSealTest extends SealContract {
  @Override
  Backend backend() {
    return Backend.POSTGRESQL;
  }
}
