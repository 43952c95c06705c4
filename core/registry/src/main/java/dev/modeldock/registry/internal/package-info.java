/**
 * Implementation details of the registry's storage: chunk layout and verified chunk streams,
 * staged uploads, content removal, audit rows, stored target rows, SQLSTATE checks.
 *
 * <p>Internal: not API, may change in any release; use {@link dev.modeldock.registry} instead.
 */
package dev.modeldock.registry.internal;
