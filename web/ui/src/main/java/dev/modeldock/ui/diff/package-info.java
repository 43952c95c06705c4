/** Differences between two versions' JSON documents, flattened to one row per value, for the compare page. */
package dev.modeldock.ui.diff;
