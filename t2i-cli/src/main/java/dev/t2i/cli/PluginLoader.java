package dev.t2i.cli;

import dev.t2i.runtime.PluginRegistry;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the plugins on the class path, plus those in extra jars or folders of jars ({@code
 * --plugins}).
 */
final class PluginLoader {
  private PluginLoader() {}

  static PluginRegistry registry(List<Path> extra) throws IOException {
    if (extra.isEmpty()) {
      return PluginRegistry.discover(T2i.class.getClassLoader());
    }
    List<URL> urls = new ArrayList<>();
    for (Path p : extra) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          for (Path jar : s.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
            urls.add(url(jar));
          }
        }
      } else if (Files.isRegularFile(p)) {
        urls.add(url(p));
      } else {
        throw new java.nio.file.NoSuchFileException(
            p.toString(), null, "--plugins names no jar or folder");
      }
    }
    ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), T2i.class.getClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    return PluginRegistry.discover(loader);
  }

  private static URL url(Path p) {
    try {
      return p.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(p + ": not a valid path", e);
    }
  }
}
