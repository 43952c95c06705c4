/**
 * The ${stepName} post-processor, a ModelDock plugin.
 */
package ${package};
