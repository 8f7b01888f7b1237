package dev.t2i.datasets.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves paths listed in data set files, refusing any that leave the data set's root. */
public final class SafePaths {
  private SafePaths() {}

  /**
   * {@code root/relative}, if it stays inside {@code root}, also after resolving symbolic links.
   * Absolute paths, {@code ..} escapes and links pointing outside are refused.
   */
  public static Optional<Path> resolve(Path root, String relative) {
    if (relative.isEmpty() || relative.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    Path rel;
    try {
      rel = Path.of(relative);
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
    if (rel.isAbsolute() || rel.getRoot() != null) {
      return Optional.empty();
    }
    Path base = root.toAbsolutePath().normalize();
    Path p = base.resolve(rel).normalize();
    if (!p.startsWith(base)) {
      return Optional.empty();
    }
    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      try {
        if (!p.toRealPath().startsWith(base.toRealPath())) {
          return Optional.empty();
        }
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.of(p);
  }

  /**
   * Why {@code root/relative}, which exists, may not be read: it leaves the root (through {@code
   * ..} or a link), or it is not a regular file (a folder, a FIFO that would block a reader, a
   * device); empty if it may.
   */
  public static Optional<String> refusal(Path root, String relative) {
    Path p = root.toAbsolutePath().normalize().resolve(relative).normalize();
    if (resolve(root, relative).isEmpty()) {
      String target;
      try {
        target = p.toRealPath().toString();
      } catch (IOException e) {
        target = "an unreadable target";
      }
      return Optional.of("outside the data set's folder (it leads to " + target + "); not read");
    }
    if (!Files.isRegularFile(p)) {
      return Optional.of("not a regular file (a folder, FIFO or device); not read");
    }
    return Optional.empty();
  }
}
