package dev.t2i.encoders;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.t2i.api.plugin.ComponentRegistry;
import dev.t2i.api.plugin.Role;
import dev.t2i.api.plugin.T2iPlugin;
import java.util.List;

/** Registers {@code word2vec-sum} and {@code word2vec-sequence}. */
public final class EncodersPlugin implements T2iPlugin {

  @Override
  public String name() {
    return "t2i-encoders";
  }

  @Override
  public void register(ComponentRegistry registry) {
    registry.register(
        Role.ENCODER,
        "word2vec-sum",
        PooledEncoderSettings.class,
        PooledWord2VecEncoder.class,
        "sum or mean of a caption's word2vec vectors (1 x D)");
    registry.register(
        Role.ENCODER,
        "word2vec-sequence",
        SequenceEncoderSettings.class,
        SequenceWord2VecEncoder.class,
        "a caption's word2vec vectors in order (T x D, with a mask)");
  }

  @Override
  public List<Module> modules() {
    return List.of(
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(WordVectorsProvider.class);
          }
        });
  }
}
