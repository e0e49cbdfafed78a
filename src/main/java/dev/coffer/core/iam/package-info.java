/**
 * The identity vocabulary shared by the store, the identity services and the IAM/STS handlers:
 * users, groups, roles, managed policies, access keys and sessions as immutable values.
 */
package dev.coffer.core.iam;
