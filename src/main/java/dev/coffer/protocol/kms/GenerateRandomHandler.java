package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.UnsupportedOperationException;
import dev.coffer.kms.CryptoService;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/** GenerateRandom: NumberOfBytes (1..1024, required by the service) random bytes. */
public final class GenerateRandomHandler implements Operation {
  private final CryptoService crypto;

  public GenerateRandomHandler(CryptoService crypto) {
    this.crypto = crypto;
  }

  @Override
  public String name() {
    return "GenerateRandom";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    var bytes = in.integer("NumberOfBytes", 1, 1024);
    var store = in.string("CustomKeyStoreId", 1, 64);
    if (bytes.isEmpty()) {
      in.requiredString("NumberOfBytes", 1, 1);
    }
    in.validate();
    if (store.isPresent()) {
      throw new UnsupportedOperationException("Coffer has no custom key stores.");
    }
    if (in.has("Recipient")) {
      throw new UnsupportedOperationException("Coffer does not support attested recipients.");
    }
    ObjectNode out = Json.object();
    out.put("Plaintext", crypto.random(ctx, bytes.orElseThrow().intValue()));
    return out;
  }
}
