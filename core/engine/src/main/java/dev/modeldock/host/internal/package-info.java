/**
 * How the host loads plugins, not for callers: {@link dev.modeldock.host.internal.Candidate} (a
 * plugin folder or zip, checked before its code loads by {@link dev.modeldock.host.internal.PluginFolder}),
 * {@link dev.modeldock.host.internal.PluginSet} (every plugin's state, changes serialized) starting
 * each through pf4j in a try ({@code PluginStarter}), {@link dev.modeldock.host.internal.GuardedExtension}
 * (the guard around each extension handed out), {@link dev.modeldock.host.internal.ZipCache} (where
 * zips in plugin folders are unpacked) and {@link dev.modeldock.host.internal.ZipDirectory} (a zip's
 * central directory).
 */
package dev.modeldock.host.internal;
