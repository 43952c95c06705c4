/**
 * Natural texts for tests that compare tokenizers across writing systems: a few hundred lines of
 * news, web and chat style text per script, read from a resource kept next to this package.
 */
package dev.modeldock.testkit.text;
