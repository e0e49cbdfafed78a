package dev.coffer.core.audit;

/**
 * The audit log's head: the last sequence number and chain hash handed out, the last digest sealed,
 * and the last digest moved to the archive.
 */
public record AuditHead(
    long lastSeq, String lastHash, long lastDigestSeq, long archivedDigestSeq) {}
