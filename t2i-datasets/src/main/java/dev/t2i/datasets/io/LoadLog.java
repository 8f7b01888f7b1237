package dev.t2i.datasets.io;

import dev.t2i.api.data.DatasetException;
import dev.t2i.api.data.SkippedItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies the {@link OnError} policy to a load's problems, and keeps what was skipped. */
public final class LoadLog {
  private final String dataset;
  private final OnError policy;
  private final List<SkippedItem> skipped = new ArrayList<>();

  public LoadLog(String dataset, OnError policy) {
    this.dataset = dataset;
    this.policy = policy;
  }

  /**
   * Reports a malformed item: fails under {@link OnError#FAIL}, else records it.
   *
   * @throws DatasetException under {@link OnError#FAIL}
   */
  public void problem(String location, String reason) {
    if (policy == OnError.FAIL) {
      throw new DatasetException(
          dataset
              + ": "
              + location
              + ": "
              + reason
              + " (onError: fail; set onError: skip to leave such items out)");
    }
    skipped.add(new SkippedItem(location, reason));
  }

  public List<SkippedItem> skipped() {
    return skipped;
  }

  /** Counts of skipped items by reason, for reports. */
  public Map<String, Integer> countsByReason() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (SkippedItem s : skipped) {
      out.merge(s.reason().replaceAll(" at byte \\d+", ""), 1, Integer::sum);
    }
    return out;
  }
}
