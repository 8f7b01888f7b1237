/**
 * The plugin SPI.
 *
 * <p>A plugin is a class implementing {@link dev.t2i.api.plugin.T2iPlugin}, listed in its jar's
 * {@code META-INF/services/dev.t2i.api.plugin.T2iPlugin}. At start-up the runtime finds every
 * plugin with {@link java.util.ServiceLoader}; each registers named {@link
 * dev.t2i.api.plugin.ComponentType}s, and may add Guice modules. YAML then names a component by its
 * registered name ({@code type: dcgan}); class names are never accepted. Two plugins that register
 * the same name for the same role stop the start-up, naming both.
 */
package dev.t2i.api.plugin;
