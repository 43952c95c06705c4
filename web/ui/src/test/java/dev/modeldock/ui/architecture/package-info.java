/** Rules about the UI's dependencies, checked with ArchUnit. */
package dev.modeldock.ui.architecture;
