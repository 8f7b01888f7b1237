package dev.t2i.api.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one tokenizer of t2i, used to train word vectors, to encode captions and to generate.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>Text is normalised to Unicode NFKC (so that full-width letters and ligatures match their
 *       plain forms) and lower-cased with {@link Locale#ROOT}.
 *   <li>A token is a maximal run of letters and digits. Digits stay as they are: {@code "4"} and
 *       {@code "a4"} are tokens; numbers are not spelled out.
 *   <li>An apostrophe ({@code '} or {@code ’}) between two letters stays inside the token, written
 *       as {@code '}: {@code "don't"}, {@code "flower's"}. Any other apostrophe separates.
 *   <li>Every other character (space, punctuation, symbol) separates tokens and is dropped.
 * </ol>
 *
 * <p>Thread-safe and allocation-light: ASCII text skips normalisation.
 */
public final class Tokenizer {
  private Tokenizer() {}

  /** The tokens of {@code text}, in order. */
  public static List<String> tokenize(CharSequence text) {
    List<String> out = new ArrayList<>();
    tokenize(text, out::add);
    return out;
  }

  /** Passes each token of {@code text} to {@code sink}, in order. */
  public static void tokenize(CharSequence text, Consumer<String> sink) {
    String s = normalise(text);
    int n = s.length();
    StringBuilder token = new StringBuilder(16);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c)
          || (Character.isHighSurrogate(c) && i + 1 < n && isLetterOrDigitAt(s, i))) {
        if (Character.isHighSurrogate(c)) {
          token.append(c).append(s.charAt(++i));
        } else {
          token.append(c);
        }
      } else if ((c == '\'' || c == '\u2019')
          && token.length() > 0
          && Character.isLetter(token.charAt(token.length() - 1))
          && i + 1 < n
          && Character.isLetter(s.charAt(i + 1))) {
        token.append('\'');
      } else if (token.length() > 0) {
        sink.accept(token.toString());
        token.setLength(0);
      }
    }
    if (token.length() > 0) {
      sink.accept(token.toString());
    }
  }

  private static boolean isLetterOrDigitAt(String s, int i) {
    return Character.isLetterOrDigit(s.codePointAt(i));
  }

  private static String normalise(CharSequence text) {
    String s = text.toString();
    boolean ascii = true;
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (!ascii) {
      s = Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
    return s.toLowerCase(Locale.ROOT);
  }
}
