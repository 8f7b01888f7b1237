/**
 * A text encoder plugin written as a user would write one: a settings record, the encoder, and a
 * {@link dev.t2i.api.plugin.T2iPlugin} listed in {@code META-INF/services}. Drop its jar on the
 * class path (or pass {@code --plugins JAR}) and YAML can say {@code encoder: {type:
 * hashed-trigrams}}.
 */
package dev.t2i.examples.plugin;
