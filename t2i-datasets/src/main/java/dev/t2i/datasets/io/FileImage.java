package dev.t2i.datasets.io;

import dev.t2i.api.data.ImageRef;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An image file, optionally cropped to a box. Decoding goes through ImageIO with TwelveMonkeys'
 * JPEG plugin (grayscale, CMYK and YCCK JPEGs decode), and a decoder warning that reports damage,
 * such as a truncated JPEG's "premature end of data", counts as corruption instead of a grey
 * half-image.
 *
 * @param path the file
 * @param crop the box to keep, in pixels, or null for the whole image
 */
public record FileImage(Path path, Rectangle crop) implements ImageRef {
  /**
   * The most pixels an image may have: 40 megapixels (a 160 MB decoded image); Oxford-102's and
   * CUB's photos have under 1.
   */
  public static final long MAX_PIXELS = 40_000_000L;

  public FileImage(Path path) {
    this(path, null);
  }

  @Override
  public BufferedImage read() throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
      if (in == null) {
        throw new IOException(path + ": cannot open");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException(path + ": not a JPEG or PNG image (no decoder recognises it)");
      }
      ImageReader reader = readers.next();
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      try {
        reader.setInput(in, true, true);
        // The header's size, before a pixel is decoded: a small file may claim billions of pixels.
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw new IOException(
              path
                  + ": "
                  + reader.getWidth(0)
                  + " x "
                  + reader.getHeight(0)
                  + " pixels, more than the "
                  + MAX_PIXELS
                  + " an image may have; not decoded");
        }
        BufferedImage image = reader.read(0);
        for (String w : warnings) {
          if (isCorruption(w)) {
            throw new IOException(path + ": corrupt or truncated image: " + w);
          }
        }
        return crop == null ? image : cropTo(image);
      } catch (IOException e) {
        throw e.getMessage() != null && e.getMessage().startsWith(path.toString())
            ? e
            : new IOException(path + ": corrupt or truncated image: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        throw new IOException(path + ": corrupt image: " + e, e);
      } finally {
        reader.dispose();
      }
    }
  }

  /**
   * Whether a decoder warning means damaged data. Others, such as TwelveMonkeys' note that a CMYK
   * image has no ICC profile, describe a valid file.
   */
  static boolean isCorruption(String warning) {
    String w = warning.toLowerCase(java.util.Locale.ROOT);
    return w.contains("premature end")
        || w.contains("corrupt")
        || w.contains("truncat")
        || w.contains("extraneous");
  }

  private BufferedImage cropTo(BufferedImage image) {
    Rectangle r = crop.intersection(new Rectangle(0, 0, image.getWidth(), image.getHeight()));
    if (r.isEmpty()) {
      return image;
    }
    return image.getSubimage(r.x, r.y, r.width, r.height);
  }

  @Override
  public String location() {
    return path.toString();
  }
}
