package dev.t2i.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Scopes;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.spi.Message;
import dev.t2i.api.Progress;
import dev.t2i.api.RunContext;
import dev.t2i.api.data.DatasetIndex;
import dev.t2i.api.data.ImageCaptionSource;
import dev.t2i.api.plugin.ComponentFactory;
import dev.t2i.api.plugin.ComponentType;
import dev.t2i.api.plugin.PluginException;
import dev.t2i.api.plugin.Role;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lets Guice build the configured components.
 *
 * <p>For each role present, the settings record is bound to its instance, and the role's interface
 * to the implementation its plugin registered, as a singleton. The implementation's {@code @Inject}
 * constructor may ask for its settings, the {@link RunContext}, other roles' components and
 * whatever the plugins' modules bind. When a data set is configured, its index is bound too, loaded
 * once on first use: inject {@code Optional<Provider<DatasetIndex>>} to read it lazily. {@link
 * Progress.Factory} is bound to a silent one unless a module sets it with {@link OptionalBinder}.
 * Bindings are explicit only: a missing one is an error, never a silent just-in-time instance.
 */
public final class ComponentAssembler {
  private final PluginRegistry registry;

  public ComponentAssembler(PluginRegistry registry) {
    this.registry = registry;
  }

  /**
   * Creates the injector.
   *
   * @param context the run's seed and directory
   * @param components settings of each role present; absent roles are not bound
   * @param extra further modules, such as the trainer's; they may override nothing
   */
  public Injector injector(RunContext context, Map<Role, Object> components, Module... extra) {
    Map<Role, ComponentType> types = new EnumMap<>(Role.class);
    for (Map.Entry<Role, Object> e : components.entrySet()) {
      ComponentType type =
          registry
              .typeOfSettings(e.getValue().getClass())
              .orElseThrow(
                  () ->
                      new PluginException(
                          "no plugin registered the settings class "
                              + e.getValue().getClass().getName()));
      if (type.role() != e.getKey()) {
        throw new PluginException(
            "settings of "
                + type.role().key()
                + " type '"
                + type.name()
                + "' given as "
                + e.getKey().key());
      }
      types.put(e.getKey(), type);
    }
    List<Module> modules = new ArrayList<>();
    modules.add(
        new AbstractModule() {
          @Override
          protected void configure() {
            binder().requireExplicitBindings();
            bind(RunContext.class).toInstance(context);
            for (Role role : Role.values()) {
              // Every role is injectable as Optional<Role>, present or not.
              OptionalBinder.newOptionalBinder(binder(), role.componentType());
            }
            for (Map.Entry<Role, ComponentType> e : types.entrySet()) {
              bindComponent(e.getValue(), components.get(e.getKey()));
            }
            OptionalBinder.newOptionalBinder(binder(), Progress.Factory.class)
                .setDefault()
                .toInstance(Progress.Factory.SILENT);
            bind(ComponentFactory.class).toInstance(new ChildFactory());
            var index = OptionalBinder.newOptionalBinder(binder(), DatasetIndex.class);
            if (types.containsKey(Role.DATASET)) {
              index.setBinding().toProvider(DatasetIndexProvider.class).in(Scopes.SINGLETON);
              bind(DatasetIndexProvider.class);
            }
          }

          @SuppressWarnings({"unchecked", "rawtypes"})
          private void bindComponent(ComponentType type, Object settings) {
            bind((Class) type.settings()).toInstance(settings);
            bind(type.implementation()).in(Scopes.SINGLETON);
            OptionalBinder.newOptionalBinder(binder(), (Class) type.role().componentType())
                .setBinding()
                .to((Class) type.implementation());
          }
        });
    modules.addAll(registry.modules());
    modules.addAll(List.of(extra));
    try {
      // DEVELOPMENT builds singletons lazily: assembling never loads data or trains anything.
      return Guice.createInjector(Stage.DEVELOPMENT, modules);
    } catch (CreationException e) {
      throw new PluginException(
          "cannot assemble the components: " + messages(e.getErrorMessages()), e);
    }
  }

  /**
   * Builds nested components (a subset's source, an extractor's training data) in an injector of
   * their own, with the run's context and progress but none of the experiment's components: a
   * nested component may have the same type as a top-level one (a subset of a subset), which a
   * child injector could not bind again.
   */
  private final class ChildFactory implements ComponentFactory {
    @jakarta.inject.Inject private com.google.inject.Injector injector;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> T create(Class<T> type, Object settings) {
      ComponentType t =
          registry
              .typeOfSettings(settings.getClass())
              .filter(c -> c.role().componentType() == type)
              .orElseThrow(
                  () ->
                      new PluginException(
                          "no "
                              + type.getSimpleName()
                              + " type is registered for "
                              + settings.getClass().getName()));
      Progress.Factory progress = injector.getInstance(Progress.Factory.class);
      Injector nested =
          injector(
              injector.getInstance(RunContext.class),
              Map.of(),
              new AbstractModule() {
                @Override
                protected void configure() {
                  bind((Class) t.settings()).toInstance(settings);
                  bind(t.implementation());
                  OptionalBinder.newOptionalBinder(binder(), Progress.Factory.class)
                      .setBinding()
                      .toInstance(progress);
                }
              });
      return type.cast(get(nested, t.implementation()));
    }
  }

  /** Gets one component, turning Guice's errors into a readable one. */
  public static <T> T get(Injector injector, Class<T> type) {
    try {
      return injector.getInstance(type);
    } catch (ProvisionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r && !(cause instanceof ProvisionException)) {
        throw r;
      }
      throw new PluginException(
          "cannot build " + type.getSimpleName() + ": " + messages(e.getErrorMessages()), e);
    } catch (ConfigurationException e) {
      throw new PluginException(
          "cannot build " + type.getSimpleName() + ": " + messages(e.getErrorMessages()), e);
    }
  }

  private static String messages(java.util.Collection<Message> messages) {
    return messages.stream().map(Message::getMessage).collect(Collectors.joining("; "));
  }

  /** Loads the configured data set's index, once. */
  static final class DatasetIndexProvider implements jakarta.inject.Provider<DatasetIndex> {
    private final ImageCaptionSource source;

    @Inject
    DatasetIndexProvider(ImageCaptionSource source) {
      this.source = source;
    }

    @Override
    public DatasetIndex get() {
      try {
        return source.load();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
