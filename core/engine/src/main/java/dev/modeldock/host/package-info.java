/**
 * The plugin host: loads the pf4j plugins of a folder and finds their extensions by name
 * ({@link dev.modeldock.host.Extensions}), and says which ModelDock is hosting them
 * ({@link dev.modeldock.host.ToolVersion}).
 *
 * <p>A foundation of the engine; the command line and the server hand a loaded
 * {@code Extensions} to the stages that need plugins. Not part of the plugin API.
 */
package dev.modeldock.host;
