/**
 * The {@code file} export target: writes the pipeline and its Oracle metadata into a folder, each
 * file appearing only when complete. A plugin built exactly as a third party would build one.
 */
package dev.modeldock.export.file;
