/**
 * Third-party plugins made at test time, as an outsider's build would make them: a tiny
 * post-processor compiled from Java source against the plugin API, packed as a pf4j plugin folder or
 * zip ({@link dev.modeldock.testkit.thirdparty.ThirdPartyPlugin}), well-formed or broken on purpose.
 */
package dev.modeldock.testkit.thirdparty;
