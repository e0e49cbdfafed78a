/**
 * The parts of SigV4 that {@code dev.coffer.auth.sigv4} does not export: URI encoding,
 * canonicalization, hashing, timestamp parsing, reading the authentication parameters and the
 * signing-key cache. Public only so the package above can use them; not an API.
 */
package dev.coffer.auth.sigv4.internal;
