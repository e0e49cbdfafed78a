package dev.coffer.compliance.remediation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.error.AccessDeniedException;

/**
 * How a runbook acts: as a session of its AutomationAssumeRole, making Secrets Manager calls
 * through the server's normal request path (authorization, validation, audit). A port implemented
 * by the server, which owns STS and the API endpoint.
 */
public interface Automation {
  /**
   * Assumes {@code roleArn} as the Systems Manager service principal ({@code ssm.amazonaws.com})
   * would, in {@code accountId}: the role must exist and its trust policy must allow that principal
   * {@code sts:AssumeRole}.
   *
   * @throws AccessDeniedException when it may not be assumed
   */
  Session assumeRole(String accountId, String region, String roleArn, String sessionName);

  /** A role session that makes calls. */
  interface Session {
    /** The session's ARN ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}). */
    String arn();

    /**
     * Calls the Secrets Manager operation {@code operation} with {@code input} as this session.
     *
     * @throws dev.coffer.core.error.CofferException as the API would answer it
     */
    ObjectNode call(String operation, ObjectNode input);
  }
}
