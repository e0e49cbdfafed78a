/**
 * AWS Signature Version 4: server-side verification ({@link dev.coffer.auth.sigv4.SigV4Verifier})
 * and client-side signing ({@link dev.coffer.auth.sigv4.SigV4Signer}).
 *
 * <p>Implements the AWS SigV4 specification ("Create a canonical request", "Create a string to
 * sign", "Calculate the signature", "Add the signature to the HTTP request", "Authentication using
 * query parameters"), checked against the aws-sig-v4-test-suite and the aws-c-auth v4 signing
 * suite. Nothing here knows HTTP libraries: the protocol layer builds a {@link
 * dev.coffer.auth.sigv4.SignableRequest} from what it received.
 */
package dev.coffer.auth.sigv4;
