package dev.t2i.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.api.InvalidSettingException;
import dev.t2i.api.InvariantViolation;
import dev.t2i.runtime.ConfigException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Bad input exits with 2; failures while running and bugs (broken invariants) with 1. */
class ErrorHandlerTest {
  @Test
  void userErrorsAre2AndInternalOnesAre1() {
    assertThat(
            ErrorHandler.codeOf(
                new ConfigException("a.yaml", 3, 5, "ngf must be > 0, was -3", null)))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(ErrorHandler.codeOf(new InvalidSettingException("ngf", "must be > 0, was -3")))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(ErrorHandler.codeOf(new IllegalArgumentException("--scale must be > 0")))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(ErrorHandler.codeOf(new NoSuchFileException("runs/none/config.yaml")))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(
            ErrorHandler.codeOf(
                new InvariantViolation("the generator reads text but none was given")))
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(ErrorHandler.codeOf(new IOException("No space left on device")))
        .isEqualTo(ExitCodes.FAILURE);
    assertThat(ErrorHandler.codeOf(new NullPointerException())).isEqualTo(ExitCodes.FAILURE);
  }

  @Test
  void outOfMemoryAdviceFitsTheCommand() {
    OutOfMemoryError oom = new OutOfMemoryError("Physical memory usage is too high");
    assertThat(T2i.outOfMemory(new String[] {"train", "x.yaml"}, oom))
        .contains("lower training.batchSize");
    assertThat(T2i.outOfMemory(new String[] {"generate", "--model", "m"}, oom))
        .contains("draw fewer images at once (-n)")
        .doesNotContain("batchSize");
    assertThat(T2i.outOfMemory(new String[] {"word2vec", "convert"}, oom))
        .contains("T2I_JAVA_OPTS=-Xmx8g")
        .doesNotContain("batchSize");
  }
}
