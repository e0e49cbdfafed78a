package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.PasswordGenerator;
import dev.coffer.secrets.PasswordOptions;
import dev.coffer.secrets.SecretAccess;

/**
 * GetRandomPassword: a password drawn by {@link PasswordGenerator}; only the members present in the
 * request change {@link PasswordOptions}' AWS defaults (32 characters, every type, at least one of
 * each).
 */
public final class GetRandomPasswordHandler implements Operation {
  private final PasswordGenerator generator;
  private final SecretAccess access;

  public GetRandomPasswordHandler(PasswordGenerator generator, SecretAccess access) {
    this.generator = generator;
    this.access = access;
  }

  @Override
  public String name() {
    return "GetRandomPassword";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    var length =
        in.integer("PasswordLength", PasswordOptions.MIN_LENGTH, PasswordOptions.MAX_LENGTH);
    var exclude = in.string("ExcludeCharacters", 0, PasswordOptions.MAX_EXCLUDE_CHARACTERS);
    var numbers = in.bool("ExcludeNumbers");
    var punctuation = in.bool("ExcludePunctuation");
    var uppercase = in.bool("ExcludeUppercase");
    var lowercase = in.bool("ExcludeLowercase");
    var space = in.bool("IncludeSpace");
    var eachType = in.bool("RequireEachIncludedType");
    in.validate();
    access.authorizeWithoutResource(ctx, SecretAccess.Check.of("GetRandomPassword"));
    PasswordOptions.Builder b = PasswordOptions.builder();
    length.ifPresent(b::passwordLength);
    exclude.ifPresent(b::excludeCharacters);
    numbers.ifPresent(b::excludeNumbers);
    punctuation.ifPresent(b::excludePunctuation);
    uppercase.ifPresent(b::excludeUppercase);
    lowercase.ifPresent(b::excludeLowercase);
    space.ifPresent(b::includeSpace);
    eachType.ifPresent(b::requireEachIncludedType);
    return Json.object().put("RandomPassword", generator.generate(b.build()));
  }
}
