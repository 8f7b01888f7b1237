package dev.t2i.cli;

import dev.t2i.api.InvariantViolation;
import dev.t2i.api.data.DatasetException;
import dev.t2i.api.plugin.PluginException;
import dev.t2i.encoders.vectors.WordVectorsException;
import dev.t2i.runtime.ConfigException;
import dev.t2i.training.TrainingFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns exceptions into one clear line on standard error and an exit status: 2 for bad
 * configuration or input (the message names the file, line or field), 1 for run-time failures and
 * broken invariants ({@link InvariantViolation}: a bug, with the {@code --verbose} hint). A stack
 * trace follows only with {@code --verbose}, never alone.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    Throwable e = ex;
    // Guice wraps what a provider threw; the user needs the provider's own message.
    while (e instanceof com.google.inject.ProvisionException p && p.getCause() != null) {
      e = p.getCause();
    }
    if (e instanceof UncheckedIOException u) {
      e = u.getCause();
    }
    int code = codeOf(e);
    err.println("t2i " + cmd.getCommandName() + ": " + message(e));
    if (T2i.verbose) {
      e.printStackTrace(err);
    } else if (code == ExitCodes.FAILURE
        && !(e instanceof IOException)
        && !(e instanceof TrainingFailure)) {
      err.println("(run with --verbose for the stack trace)");
    }
    err.flush();
    return code;
  }

  static int codeOf(Throwable e) {
    if (e instanceof InvariantViolation) {
      return ExitCodes.FAILURE;
    }
    if (e instanceof ConfigException
        || e instanceof PluginException
        || e instanceof DatasetException
        || e instanceof WordVectorsException
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof NoSuchFileException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.FAILURE;
  }

  static String message(Throwable e) {
    if (e instanceof NoSuchFileException n) {
      return n.getFile()
          + ": no such file"
          + (n.getReason() != null ? " (" + n.getReason() + ")" : "");
    }
    if (e instanceof AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
