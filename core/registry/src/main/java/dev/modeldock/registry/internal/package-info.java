/**
 * Implementation details of the registry's storage: chunk layout and verified chunk streams,
 * verified object streams, hashed input, verified file copies, staged uploads and their rows,
 * content removal, audit rows, stored target rows, SQLSTATE checks.
 *
 * <p>Internal: not API, may change in any release; use {@link dev.modeldock.registry} instead.
 */
package dev.modeldock.registry.internal;
