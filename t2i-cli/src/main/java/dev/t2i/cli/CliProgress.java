package dev.t2i.cli;

import dev.t2i.api.Progress;
import dev.t2i.api.train.TrainingEvent;
import dev.t2i.api.train.TrainingListener;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress with rate and ETA: a bar on a terminal, a log line every few seconds otherwise (CI,
 * redirected output), so logs stay readable.
 */
final class CliProgress implements Progress.Factory {
  private static final Logger LOG = LoggerFactory.getLogger("t2i");

  static ProgressBar bar(String task, long total, String unit) {
    return bar(task, total, unit, 0);
  }

  /**
   * A bar that starts at {@code done} with no time spent, so that a resumed run's speed and ETA
   * count only this process's steps.
   */
  static ProgressBar bar(String task, long total, String unit, long done) {
    ProgressBarBuilder b =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .startsFrom(done, Duration.ZERO)
            .setUnit(" " + unit, 1)
            .showSpeed()
            .setSpeedUnit(ChronoUnit.SECONDS)
            .setStyle(ProgressBarStyle.ASCII)
            .setMaxRenderedLength(110);
    if (System.console() == null) {
      b.setConsumer(new DelegatingProgressBarConsumer(LOG::info, 160))
          .setUpdateIntervalMillis(10_000);
    }
    return b.build();
  }

  @Override
  public Progress start(String task, long total, String unit) {
    ProgressBar bar = bar(task, total, unit);
    return new Progress() {
      @Override
      public void set(long done) {
        bar.stepTo(done);
      }

      @Override
      public void status(String text) {
        bar.setExtraMessage(text);
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  /** A training listener that draws the steps, losses, speed and ETA. */
  static TrainingListener training() {
    return new TrainingListener() {
      private ProgressBar bar;

      @Override
      public void on(TrainingEvent event) {
        if (event instanceof TrainingEvent.Started s) {
          bar = bar("train", s.totalSteps(), "steps", s.step());
        } else if (event instanceof TrainingEvent.StepCompleted s) {
          bar.stepTo(s.step());
          bar.setExtraMessage(
              format(s.losses()) + String.format(" %.2fs/step", s.secondsPerStep()));
        } else if (event instanceof TrainingEvent.Finished && bar != null) {
          bar.close();
        }
      }
    };
  }

  private static String format(Map<String, Float> losses) {
    return losses.entrySet().stream()
        .filter(e -> e.getKey().equals("d") || e.getKey().equals("g"))
        .map(e -> e.getKey() + " " + String.format("%.3f", e.getValue()))
        .collect(Collectors.joining(" "));
  }

  static String duration(double seconds) {
    Duration d = Duration.ofMillis((long) (seconds * 1000));
    return d.toMinutes() > 0
        ? d.toMinutes() + " min " + d.toSecondsPart() + " s"
        : String.format("%.1f s", seconds);
  }
}
