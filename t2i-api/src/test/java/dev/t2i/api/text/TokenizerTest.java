package dev.t2i.api.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

  @Test
  void lowerCasesAndSplitsOnPunctuation() {
    assertThat(Tokenizer.tokenize("This flower has PINK petals, and a yellow-center."))
        .containsExactly("this", "flower", "has", "pink", "petals", "and", "a", "yellow", "center");
  }

  @Test
  void keepsApostrophesBetweenLettersOnly() {
    assertThat(Tokenizer.tokenize("the flower's petals don’t 'curl' rosses'"))
        .containsExactly("the", "flower's", "petals", "don't", "curl", "rosses");
  }

  @Test
  void keepsDigitsAsTheyAre() {
    assertThat(Tokenizer.tokenize("it has 5 petals and a4 shape 3.5cm"))
        .containsExactly("it", "has", "5", "petals", "and", "a4", "shape", "3", "5cm");
  }

  @Test
  void normalisesUnicodeCompatibilityForms() {
    // Full-width letters and the "fi" ligature become their plain forms.
    assertThat(Tokenizer.tokenize("ＲＥＤ ﬁne Ÿellow")).containsExactly("red", "fine", "ÿellow");
  }

  @Test
  void emptyAndSeparatorOnlyTextGiveNoTokens() {
    assertThat(Tokenizer.tokenize("")).isEmpty();
    assertThat(Tokenizer.tokenize(" ,.;-- ")).isEmpty();
  }
}
