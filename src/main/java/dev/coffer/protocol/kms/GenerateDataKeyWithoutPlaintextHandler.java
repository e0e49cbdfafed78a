package dev.coffer.protocol.kms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.CryptoService;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;

/**
 * GenerateDataKeyWithoutPlaintext: a fresh data key, only encrypted under a symmetric key. Exactly
 * one of KeySpec (AES_256, AES_128) and NumberOfBytes (1..1024).
 */
public final class GenerateDataKeyWithoutPlaintextHandler implements Operation {
  private final CryptoService crypto;

  public GenerateDataKeyWithoutPlaintextHandler(CryptoService crypto) {
    this.crypto = crypto;
  }

  @Override
  public String name() {
    return "GenerateDataKeyWithoutPlaintext";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    return GenerateDataKeyHandler.generate(crypto, ctx, in, false);
  }
}
