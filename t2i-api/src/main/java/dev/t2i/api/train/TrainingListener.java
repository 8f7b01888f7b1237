package dev.t2i.api.train;

/** Receives the events of a training run, on the training thread; keep it quick. */
@FunctionalInterface
public interface TrainingListener {
  void on(TrainingEvent event);
}
