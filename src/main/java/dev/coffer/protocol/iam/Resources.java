package dev.coffer.protocol.iam;

import dev.coffer.core.RequestContext;
import dev.coffer.protocol.query.QueryInput;
import java.util.function.BiFunction;

/** The ARNs IAM calls are authorized on (Service Authorization Reference, IAM resource types). */
final class Resources {
  private Resources() {}

  /** {@code arn:aws:iam::ACCOUNT:TYPE/NAME} for the name in {@code member}, else {@code *}. */
  static BiFunction<RequestContext, QueryInput, String> named(String type, String member) {
    return (ctx, in) ->
        in.optional(member)
            .map(n -> "arn:aws:iam::" + ctx.accountId() + ":" + type + "/" + n)
            .orElse("*");
  }

  /** The calling user itself when {@code UserName} is absent (access-key calls on oneself). */
  static BiFunction<RequestContext, QueryInput, String> userOrSelf() {
    return (ctx, in) ->
        in.optional("UserName")
            .map(n -> "arn:aws:iam::" + ctx.accountId() + ":user/" + n)
            .orElse(ctx.caller().arn());
  }

  /** The policy ARN in {@code PolicyArn}. */
  static BiFunction<RequestContext, QueryInput, String> policyArn() {
    return (ctx, in) -> in.optional("PolicyArn").orElse("*");
  }
}
