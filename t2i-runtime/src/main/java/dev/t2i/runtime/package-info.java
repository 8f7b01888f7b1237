/**
 * Start-up machinery: plugin discovery, YAML configuration and Guice assembly.
 *
 * <p>{@link dev.t2i.runtime.PluginRegistry} finds the plugins; {@link dev.t2i.runtime.ConfigLoader}
 * reads a YAML file into typed, validated settings, whose type ids are only the names plugins
 * registered, and reports every error with file, line and column; {@link
 * dev.t2i.runtime.ComponentAssembler} lets Guice build the configured components.
 */
package dev.t2i.runtime;
