package io.orderstream.export;

import io.orderstream.sink.BatchManifest;
import java.util.List;

/**
 * What a step did: the manifest the database now holds and the rows written per table; no tables
 * when the database already held the newest manifest.
 */
public record StepResult(BatchManifest manifest, List<AppliedChanges> tables) {
  public boolean changedNothing() {
    return tables.isEmpty();
  }
}
