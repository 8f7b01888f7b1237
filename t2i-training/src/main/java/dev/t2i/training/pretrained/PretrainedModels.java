package dev.t2i.training.pretrained;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.t2i.api.InvariantViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The models on the class path. A jar ships models by listing their names, one per line, in {@value
 * #INDEX}, and by holding each model's files under {@code t2i/pretrained/NAME/} with its {@link
 * ModelCard} as {@code model.json} there. Any number of jars may ship models; {@code
 * t2i-pretrained} is the project's own.
 */
public final class PretrainedModels {
  /** The resource that lists a jar's models. */
  public static final String INDEX = "META-INF/t2i/pretrained-models";

  /** The resource folder of a model's files. */
  public static final String ROOT = "t2i/pretrained/";

  /** The card's file name in a model's folder. */
  public static final String CARD = "model.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final ClassLoader loader;

  private PretrainedModels(ClassLoader loader) {
    this.loader = loader;
  }

  /** The models visible to this class's class loader. */
  public static PretrainedModels onClassPath() {
    return new PretrainedModels(PretrainedModels.class.getClassLoader());
  }

  /** The models visible to {@code loader}. */
  public static PretrainedModels of(ClassLoader loader) {
    return new PretrainedModels(loader);
  }

  /** Every shipped model's card, by name. */
  public List<ModelCard> list() {
    Map<String, ModelCard> cards = new TreeMap<>();
    try {
      Enumeration<URL> indexes = loader.getResources(INDEX);
      while (indexes.hasMoreElements()) {
        URL index = indexes.nextElement();
        String text;
        try (InputStream in = index.openStream()) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : text.split("\n")) {
          String name = line.strip();
          if (!name.isEmpty() && !name.startsWith("#")) {
            cards.put(name, card(name));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(cards.values());
  }

  /**
   * The card of {@code name}.
   *
   * @throws IllegalArgumentException if no jar on the class path ships it; the message lists those
   *     that do
   */
  public ModelCard card(String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(ROOT + name + "/" + CARD)) {
      if (in == null) {
        throw new IllegalArgumentException(unknown(name));
      }
      ModelCard card = JSON.readValue(in, ModelCard.class);
      if (!card.name().equals(name)) {
        throw new IOException(
            ROOT
                + name
                + "/"
                + CARD
                + ": its name is '"
                + card.name()
                + "', expected '"
                + name
                + "'");
      }
      return card;
    }
  }

  /**
   * Copies every file of {@code name} into {@code directory} (which must be empty or absent),
   * checking each file's size and SHA-256 against the card.
   *
   * @return the card
   * @throws IOException if a file is missing or differs from its card
   */
  public ModelCard extract(String name, Path directory) throws IOException {
    ModelCard card = card(name);
    Files.createDirectories(directory);
    for (ModelCard.ModelFile f : card.files()) {
      Path target = directory.resolve(f.path()).normalize();
      if (!target.startsWith(directory)) {
        throw new IOException(
            ROOT + name + "/" + CARD + ": file path '" + f.path() + "' leaves the model's folder");
      }
      Files.createDirectories(target.getParent());
      String resource = ROOT + name + "/" + f.path();
      try (InputStream raw = loader.getResourceAsStream(resource)) {
        if (raw == null) {
          throw new IOException(
              "pretrained model '"
                  + name
                  + "': "
                  + resource
                  + " is listed in its card but not on the class path");
        }
        MessageDigest digest = sha256();
        try (DigestInputStream in = new DigestInputStream(raw, digest)) {
          long bytes = Files.copy(in, target);
          String actual = HexFormat.of().formatHex(digest.digest());
          if (bytes != f.bytes() || !actual.equals(f.sha256())) {
            throw new IOException(
                "pretrained model '"
                    + name
                    + "': "
                    + resource
                    + " has "
                    + bytes
                    + " bytes and SHA-256 "
                    + actual
                    + ", its card says "
                    + f.bytes()
                    + " bytes and "
                    + f.sha256()
                    + " (a damaged or mixed-up jar)");
          }
        }
      }
    }
    return card;
  }

  /** The SHA-256 of a file, in hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private String unknown(String name) {
    List<String> names = new ArrayList<>();
    list().forEach(c -> names.add(c.name()));
    return "no pretrained model '"
        + name
        + "' on the class path; "
        + (names.isEmpty()
            ? "none is (add the t2i-pretrained artifact)"
            : "available: " + String.join(", ", names));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new InvariantViolation("this JVM has no SHA-256", e);
    }
  }
}
