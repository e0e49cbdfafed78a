package dev.coffer.auth;

import dev.coffer.core.Caller;

/**
 * A request whose signature was verified.
 *
 * @param caller the principal that signed it
 * @param region the region named in the credential scope
 * @param accessKeyId the access key that signed it
 */
public record Authentication(Caller caller, String region, String accessKeyId) {}
