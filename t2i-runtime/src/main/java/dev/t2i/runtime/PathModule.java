package dev.t2i.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Path;

/** Writes paths as the plain strings a user typed, not as {@code file://} URIs. */
final class PathModule {
  private PathModule() {}

  static SimpleModule create() {
    SimpleModule m = new SimpleModule("t2i-paths");
    m.addSerializer(
        Path.class,
        new StdSerializer<>(Path.class) {
          @Override
          public void serialize(Path value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(value.toString());
          }
        });
    return m;
  }
}
