/**
 * The plugin host: loads the pf4j plugins of the built-in and extra folders ({@link
 * dev.modeldock.host.PluginSources}), each started, failed with a one-line reason, or disabled, and
 * finds their extensions by name ({@link dev.modeldock.host.Extensions}); unpacks plugin zips safely
 * ({@link dev.modeldock.host.PluginZip}); says which ModelDock is hosting them
 * ({@link dev.modeldock.host.ToolVersion}).
 *
 * <p>A foundation of the engine; the command line and the server hand a loaded
 * {@code Extensions} to the stages that need plugins. Not part of the plugin API. The machinery
 * (pf4j's manager, the checks of a plugin folder, the guard around each extension) is in
 * {@code dev.modeldock.host.internal}.
 */
package dev.modeldock.host;
