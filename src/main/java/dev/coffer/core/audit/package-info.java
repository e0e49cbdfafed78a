/**
 * The values of the audit trail that several layers share: stored events and signed digests (the
 * store persists them, the audit layer chains and signs them, the protocol layer serves them, the
 * command line verifies them), the log's head, and LookupEvents queries.
 */
package dev.coffer.core.audit;
