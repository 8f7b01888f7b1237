package dev.t2i.examples.plugin;

import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;

/** Registers {@code hashed-trigrams}. */
public final class TrigramPlugin implements T2iPlugin {

  @Override
  public String name() {
    return "examples-trigrams";
  }

  @Override
  public void register(ComponentRegistry registry) {
    registry.register(
        Role.ENCODER,
        "hashed-trigrams",
        HashedTrigramSettings.class,
        HashedTrigramEncoder.class,
        "hashed character trigrams of the words, normalised (an example plugin)");
  }
}
