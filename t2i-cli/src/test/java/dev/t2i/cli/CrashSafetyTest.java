package dev.t2i.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.t2i.runtime.PluginRegistry;
import dev.t2i.training.checkpoint.CheckpointWeights;
import dev.t2i.training.checkpoint.DirectoryCheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training survives being killed: a training process is killed with SIGKILL at random moments (a
 * checkpoint is written after every step, so many kills land inside a checkpoint write) and resumed
 * each time; it ends with the weights of an uninterrupted run. SIGTERM and SIGINT save a checkpoint
 * and exit with status 130.
 */
class CrashSafetyTest {
  @TempDir Path dir;

  private Path config(String name, int steps, int threads) throws Exception {
    return config(name, steps, threads, 1);
  }

  private Path config(String name, int steps, int threads, int checkpointEvery) throws Exception {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(
        f,
        """
        name: %s
        seed: 11
        output: %s
        dataset: {type: synthetic-flowers, train: 64, test: 8, imageSize: 32}
        encoder: {type: word2vec-sum, vectors: {dimension: 8, train: {epochs: 1, minCount: 1, threads: 1}}}
        generator: {type: dcgan, ngf: 8, imageSize: 32, noiseDimension: 8, textProjection: 8}
        discriminator: {type: dcgan, ndf: 8, textProjection: 8}
        loss: {type: gan, matchingAware: true}
        training: {batchSize: 16, steps: %d, threads: %d, checkpointEvery: %d, keepCheckpoints: 2, sampleEvery: 0,
                   samples: {count: 1, perCaption: 1}}
        pipeline: {workers: 1, prefetch: 2}
        """
            .formatted(name, dir.resolve(name), steps, threads, checkpointEvery));
    return f;
  }

  private static Process start(Path config, boolean resume) throws Exception {
    return start(config, resume, ProcessBuilder.Redirect.DISCARD);
  }

  private static Process start(Path config, boolean resume, ProcessBuilder.Redirect output)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.t2i.cli.T2i",
                "train",
                config.toString()));
    if (resume) {
      cmd.add("--resume");
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    return pb.start();
  }

  private static long stagingDirectories(Path run) throws Exception {
    Path ckpts = run.resolve("checkpoints");
    if (!Files.isDirectory(ckpts)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(ckpts)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".staging")).count();
    }
  }

  @Test
  void killedAtRandomMomentsItResumesToTheWeightsOfAnUninterruptedRun() throws Exception {
    int steps = 300;
    Process reference = start(config("reference", steps, 1), false);
    assertThat(reference.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(reference.exitValue()).isZero();

    Path crashConfig = config("crash", steps, 1);
    Path run = dir.resolve("crash");
    DirectoryCheckpointStore store = new DirectoryCheckpointStore(run.resolve("checkpoints"), 2);
    Random random = new Random(42);
    int kills = 0;
    int midCheckpoint = 0;
    long lastStep = 0;
    for (int attempt = 0; attempt < 60; attempt++) {
      Process p = start(crashConfig, store.latest().isPresent());
      if (kills < 12) {
        // Kill at a random moment after this process has committed at least one checkpoint of its
        // own, so that every kill follows progress whatever the machine's speed.
        long before = store.latest().map(c -> c.step()).orElse(0L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && store.latest().map(c -> c.step()).orElse(0L) <= before) {
          assertThat(System.nanoTime()).as("no checkpoint within 120 s").isLessThan(deadline);
          Thread.sleep(10);
        }
        Thread.sleep(random.nextInt(250));
        if (p.isAlive()) {
          p.destroyForcibly().waitFor();
          kills++;
          if (stagingDirectories(run) > 0) {
            midCheckpoint++;
          }
          // Whatever the moment, the newest committed checkpoint is complete and readable.
          var latest = store.latest();
          if (latest.isPresent()) {
            assertThat(latest.get().variables().resolveSibling("variables.index")).exists();
            assertThat(latest.get().step()).isGreaterThanOrEqualTo(lastStep);
            lastStep = latest.get().step();
          }
          continue;
        }
      }
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      break;
    }
    System.out.printf(
        "SIGKILLs: %d, of which inside a checkpoint write: %d%n", kills, midCheckpoint);
    assertThat(kills).isGreaterThanOrEqualTo(10);
    assertThat(store.latest().orElseThrow().step()).isEqualTo(steps);
    PluginRegistry registry = PluginRegistry.discover();
    double diff =
        CheckpointWeights.maxDifference(
            CheckpointWeights.read(dir.resolve("reference"), registry),
            CheckpointWeights.read(run, registry));
    System.out.println("max weight difference after the kills: " + diff);
    assertThat(diff).isLessThanOrEqualTo(1e-6);
  }

  @Test
  void sigtermAndSigintSaveACheckpointAndExitCleanly() throws Exception {
    // A job started in the background of a non-interactive shell (nohup, `&`) ignores SIGINT, and
    // so
    // do its children: the JVM then installs no handler for it, and no Ctrl-C could reach it
    // anyway.
    String[] signals = sigintIgnored() ? new String[] {"TERM"} : new String[] {"TERM", "INT"};
    if (signals.length == 1) {
      System.out.println(
          "SIGINT is ignored by this test's process (a background job), and so by the child: SIGTERM only");
    }
    for (String signal : signals) {
      // No scheduled checkpoint within the test (every 100,000 steps): any checkpoint is the one
      // the signal asked for.
      Path config =
          config("signal-" + signal.toLowerCase(java.util.Locale.ROOT), 1_000_000, 1, 100_000);
      Path run = config.resolveSibling(config.getFileName().toString().replace(".yaml", ""));
      Path log = dir.resolve("signal-" + signal + ".log");
      Process p = start(config, false, ProcessBuilder.Redirect.to(log.toFile()));
      try {
        DirectoryCheckpointStore store =
            new DirectoryCheckpointStore(run.resolve("checkpoints"), 2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long reached;
        while ((reached = stepsLogged(log)) < 3) {
          assertThat(System.nanoTime()).as("3 steps logged within 120 s").isLessThan(deadline);
          Thread.sleep(200);
        }
        assertThat(store.latest()).as("no checkpoint before the signal").isEmpty();
        new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
            .as("exited within 60 s of SIG" + signal)
            .isTrue();
        assertThat(p.exitValue())
            .as("exit status after SIG" + signal)
            .isEqualTo(ExitCodes.INTERRUPTED);
        long saved =
            store
                .latest()
                .orElseThrow(() -> new AssertionError("no checkpoint after SIG" + signal))
                .step();
        assertThat(saved)
            .as("the signal-time checkpoint holds the steps done by then")
            .isGreaterThanOrEqualTo(reached);
        assertThat(stagingDirectories(run)).isZero();
      } finally {
        p.destroyForcibly(); // a failed assertion leaves no training of 1,000,000 steps behind
      }
    }
  }

  /**
   * A second training of a run directory in use is refused, naming the first's PID, and changes
   * nothing.
   */
  @Test
  void aSecondTrainingOfTheSameRunIsRefused() throws Exception {
    Path config = config("locked", 1_000_000, 1, 100_000);
    Path run = dir.resolve("locked");
    Process first = start(config, false, ProcessBuilder.Redirect.DISCARD);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      Path lock = run.resolve("run.lock");
      while (!Files.exists(lock) || !Files.readString(lock).startsWith("pid ")) {
        assertThat(System.nanoTime())
            .as("the first run locked its directory within 120 s")
            .isLessThan(deadline);
        Thread.sleep(100);
      }
      Path log = dir.resolve("second.log");
      Process second = start(config, true, ProcessBuilder.Redirect.to(log.toFile()));
      assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the second run exits").isTrue();
      assertThat(second.exitValue()).as(Files.readString(log)).isEqualTo(ExitCodes.USAGE);
      assertThat(Files.readString(log))
          .contains(run + " is being trained by another process (pid " + first.pid() + " on ");
      assertThat(first.isAlive()).as("the first run trains on").isTrue();
    } finally {
      first.destroyForcibly();
    }
  }

  /** The highest step count in the child's progress lines ("123/1000000 steps"), or 0. */
  private static long stepsLogged(Path log) throws java.io.IOException {
    if (!Files.exists(log)) {
      return 0;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)/1000000 steps").matcher(Files.readString(log));
    long most = 0;
    while (m.find()) {
      most = Math.max(most, Long.parseLong(m.group(1)));
    }
    return most;
  }

  /** Whether this process ignores SIGINT: bit 2 of {@code SigIgn} in {@code /proc/self/status}. */
  private static boolean sigintIgnored() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1))
            != 0;
      }
    }
    return false;
  }
}
