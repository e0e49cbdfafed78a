/**
 * Rotation runs: the four-step protocol of Secrets Manager rotation (user guide, "How rotation
 * works": createSecret, setSecret, testSecret, finishSecret) sent to rotation functions over HTTP
 * in the shape of the AWS Lambda Invoke API, so that a function written for AWS runs unchanged
 * under the AWS Lambda runtime interface emulator or any Lambda-compatible endpoint.
 */
package dev.coffer.rotation;
