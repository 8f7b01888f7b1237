package dev.t2i.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin, packaged as a separate jar, found and used by an unchanged t2i: the CLI runs
 * in its own JVM whose class path holds t2i and its dependencies but not this module's classes, so
 * the plugin can only come from the jar.
 */
class ExternalPluginJarTest {
  @TempDir static Path dir;
  static Path jar;
  static String sdkClassPath;

  @BeforeAll
  static void packagePlugin() throws IOException {
    Path classes = Path.of("target", "classes");
    jar = dir.resolve("trigram-plugin.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
        if (name.startsWith("dev/t2i/examples/plugin/") || name.startsWith("META-INF/services/")) {
          out.putNextEntry(new JarEntry(name));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
    }
    String own = Path.of("target").toAbsolutePath().toString();
    sdkClassPath =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(p -> !Path.of(p).toAbsolutePath().toString().startsWith(own))
            .collect(Collectors.joining(File.pathSeparator));
  }

  record Run(int exit, String out) {}

  static Run t2i(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                sdkClassPath,
                "dev.t2i.cli.T2i"));
    command.addAll(List.of(args));
    // Output to a file, not a pipe: reading a pipe to its end would wait for ever on a child that
    // hangs.
    Path log = java.nio.file.Files.createTempFile("t2i-external-plugin", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.flush();
      }
      boolean exited = p.waitFor(120, TimeUnit.SECONDS);
      if (!exited) {
        p.destroyForcibly().waitFor();
      }
      String out = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
      assertThat(exited)
          .as("t2i %s exited within 120 s; its output: %s", String.join(" ", args), out)
          .isTrue();
      return new Run(p.exitValue(), out);
    } finally {
      java.nio.file.Files.deleteIfExists(log);
    }
  }

  @Test
  void withoutTheJarTheTypeIsUnknown() throws Exception {
    Run r = t2i("check", Path.of("configs", "custom-encoder.yaml").toAbsolutePath().toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.out())
        .contains("unknown encoder type 'hashed-trigrams'; known: word2vec-sequence, word2vec-sum");
  }

  @Test
  void withTheJarThePluginIsDiscoveredAndUsed() throws Exception {
    Run plugins = t2i("--plugins", jar.toString(), "plugins");
    assertThat(plugins.exit()).as(plugins.out()).isZero();
    assertThat(plugins.out())
        .contains("hashed-trigrams")
        .contains("[examples-trigrams]")
        .contains(
            "plugins: [examples-trigrams, t2i-curation, t2i-datasets, t2i-encoders, t2i-models]");
    Path config = Path.of("configs", "custom-encoder.yaml").toAbsolutePath();
    Run check = t2i("--plugins", jar.toString(), "check", config.toString());
    assertThat(check.exit()).as(check.out()).isZero();
    Run encode =
        t2i("--plugins", dir.toString(), "encode", config.toString(), "--text", "pink petals");
    assertThat(encode.exit()).as(encode.out()).isZero();
    assertThat(encode.out())
        .contains("shape: TextShape[steps=1, dimension=256, sequence=false]")
        .contains("tokens: 2");
  }
}
