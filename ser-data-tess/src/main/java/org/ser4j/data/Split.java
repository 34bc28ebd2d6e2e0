package org.ser4j.data;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A partition of utterances into a training part and a test (or validation) part, with how it was made.
 * Made by {@link Splits}; saved and re-loaded with {@link Manifest}. Immutable.
 *
 * @param train the training utterances, in path order
 * @param test the held-out utterances, in path order
 * @param description how the split was made, e.g. {@code "word-held-out, test fraction 0.2, seed 42"}
 */
public record Split(List<Utterance> train, List<Utterance> test, String description) {

  public Split {
    train = List.copyOf(train);
    test = List.copyOf(test);
    Objects.requireNonNull(description, "description");
    Set<java.nio.file.Path> trainPaths = new HashSet<>();
    train.forEach(u -> trainPaths.add(u.path()));
    for (Utterance u : test) {
      if (trainPaths.contains(u.path())) {
        throw new IllegalArgumentException("utterance " + u.path() + " is in both parts of the split");
      }
    }
  }

  /** Training plus test size. */
  public int size() {
    return train.size() + test.size();
  }
}
