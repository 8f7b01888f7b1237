package dev.t2i.cli;

import dev.t2i.runtime.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code t2i} command. */
@Command(
    name = "t2i",
    mixinStandardHelpOptions = true,
    versionProvider = T2i.Version.class,
    description = "Turn sentences into images with GANs on TensorFlow Java.",
    subcommands = {
      QuickstartCommand.class,
      TrainCommand.class,
      GenerateCommand.class,
      ExportCommand.class,
      ModelsCommand.class,
      EvalCommand.class,
      ClusterCommand.class,
      CheckCommand.class,
      PluginsCommand.class,
      Word2VecCommand.class,
      DataCommand.class,
      EncodeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class T2i implements Runnable {
  static volatile boolean verbose;

  @Option(
      names = "--plugins",
      paramLabel = "JAR|DIR",
      description = "Extra plugin jars, or folders of jars (repeatable).")
  List<Path> plugins = new ArrayList<>();

  @Option(
      names = {"-v", "--verbose"},
      description = "Debug logs, and stack traces with errors.")
  void verbose(boolean v) {
    verbose = v;
    if (v) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private PluginRegistry registry;

  /** The plugins: built-in ones and those of {@code --plugins}. */
  PluginRegistry registry() throws IOException {
    if (registry == null) {
      registry = PluginLoader.registry(plugins);
    }
    return registry;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs {@code t2i} with {@code args} and returns its exit status (examples and tests call this).
   */
  public static int run(String... args) {
    return run(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs {@code t2i} writing its output and errors to the given writers. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info"));
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    try {
      return new CommandLine(new T2i())
          .setOut(out)
          .setErr(err)
          .setExecutionExceptionHandler(new ErrorHandler())
          .setCaseInsensitiveEnumValuesAllowed(true)
          .execute(args);
    } catch (OutOfMemoryError e) {
      err.println(outOfMemory(args, e));
      return ExitCodes.FAILURE;
    } finally {
      // Autoflush covers println and printf only: a command's last print() would be lost at exit.
      out.flush();
      err.flush();
    }
  }

  /**
   * The advice for running out of memory, for the command that did: only training has a batch size.
   */
  static String outOfMemory(String[] args, OutOfMemoryError e) {
    String command = args.length > 0 ? args[0] : "";
    boolean trains = command.equals("train") || command.equals("quickstart");
    return "t2i: out of memory ("
        + e.getMessage()
        + "). TensorFlow's memory counts against JavaCPP's limit, "
        + "maxPhysicalBytes, which follows the Java heap: raise it with T2I_JAVA_OPTS=-Xmx8g (default -Xmx6g)"
        + (trains
            ? ", or lower training.batchSize. Checkpoints already written are intact."
            : command.equals("generate") ? ", or draw fewer images at once (-n)." : ".");
  }

  public static void main(String[] args) {
    // JavaCPP's deallocator thread can hit the same memory limit as the command: one line, no trace
    // (the command itself explains the limit).
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof OutOfMemoryError) {
            System.err.println(
                "t2i: out of memory in thread " + thread.getName() + ": " + e.getMessage());
          } else {
            e.printStackTrace();
          }
        });
    System.exit(run(args));
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "t2i " + dev.t2i.training.output.RunDirectory.version(), "TensorFlow Java 1.1.0"
      };
    }
  }
}
