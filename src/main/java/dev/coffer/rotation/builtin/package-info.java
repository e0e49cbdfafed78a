/**
 * Rotation functions that run inside Coffer, chosen by the function name in a Lambda-style ARN
 * ({@code coffer-postgresql-single-user}, {@code coffer-postgresql-multi-user}, {@code
 * coffer-mysql-single-user}, {@code coffer-mysql-multi-user}, {@code coffer-random-password}). They
 * follow the same four steps as AWS's rotation templates and reach secrets only through the secrets
 * service, as the named principal {@code coffer-service/rotation}. The database rotators talk JDBC
 * to the user's database (never to Coffer's own store), which is why this package, and only this
 * one besides {@code store}, uses {@code java.sql}.
 */
package dev.coffer.rotation.builtin;
