package dev.t2i.cli;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.t2i.api.Progress;

/** Shows the components' long tasks (word2vec training) as progress bars. */
final class ProgressModule extends AbstractModule {
  @Override
  protected void configure() {
    OptionalBinder.newOptionalBinder(binder(), Progress.Factory.class)
        .setBinding()
        .toInstance(new CliProgress());
  }
}
