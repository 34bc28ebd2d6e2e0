package org.ser4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ser4j.runtime.InputMode;

/**
 * Labelled feature sequences in memory, independent of any corpus: either variable-length sequences
 * (time steps x features) or pooled vectors (read as that many time steps of one feature). Immutable
 * (arrays are copied in; accessors return the stored arrays, which callers must not modify).
 */
public final class FeatureDataset {
  private final InputMode mode;
  private final List<float[][]> sequences;
  private final int[] labels;
  private final List<String> labelNames;
  private final int nFeatures;

  private FeatureDataset(InputMode mode, List<float[][]> sequences, int[] labels, List<String> labelNames) {
    this.mode = mode;
    this.labelNames = List.copyOf(labelNames);
    if (sequences.size() != labels.length) {
      throw new IllegalArgumentException(sequences.size() + " examples but " + labels.length + " labels");
    }
    if (labelNames.isEmpty()) {
      throw new IllegalArgumentException("label names must not be empty");
    }
    int nf = -1;
    for (int i = 0; i < sequences.size(); i++) {
      float[][] s = Objects.requireNonNull(sequences.get(i), "example " + i);
      if (s.length == 0) {
        throw new IllegalArgumentException("example " + i + " has no time steps");
      }
      for (float[] row : s) {
        if (nf < 0) {
          nf = row.length;
        }
        if (row.length != nf || nf == 0) {
          throw new IllegalArgumentException("example " + i + ": " + row.length + " features per step, expected " + nf);
        }
      }
      if (labels[i] < 0 || labels[i] >= labelNames.size()) {
        throw new IllegalArgumentException("example " + i + ": label " + labels[i] + " outside [0, " + labelNames.size() + ")");
      }
    }
    if (mode == InputMode.VECTOR_AS_STEPS && sequences.stream().mapToInt(s -> s.length).distinct().count() > 1) {
      throw new IllegalArgumentException("pooled vectors must all have the same length");
    }
    this.sequences = List.copyOf(sequences);
    this.labels = labels.clone();
    this.nFeatures = Math.max(nf, 0);
  }

  /** Variable-length sequences (steps x features), one label index each. */
  public static FeatureDataset ofSequences(List<float[][]> sequences, int[] labels, List<String> labelNames) {
    List<float[][]> copy = new ArrayList<>(sequences.size());
    for (float[][] s : sequences) {
      float[][] c = new float[s.length][];
      for (int t = 0; t < s.length; t++) {
        c[t] = s[t].clone();
      }
      copy.add(c);
    }
    return new FeatureDataset(InputMode.SEQUENCE, copy, labels, labelNames);
  }

  /** Pooled vectors (e.g. 40 mean MFCCs), read by the network as that many time steps of 1 feature. */
  public static FeatureDataset ofPooled(List<float[]> vectors, int[] labels, List<String> labelNames) {
    List<float[][]> seqs = new ArrayList<>(vectors.size());
    for (float[] v : vectors) {
      float[][] s = new float[v.length][1];
      for (int t = 0; t < v.length; t++) {
        s[t][0] = v[t];
      }
      seqs.add(s);
    }
    return new FeatureDataset(InputMode.VECTOR_AS_STEPS, seqs, labels, labelNames);
  }

  /** Whether examples are pooled vectors or frame sequences. */
  public InputMode mode() {
    return mode;
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** Features per time step (1 for pooled data). */
  public int featuresPerStep() {
    return nFeatures;
  }

  /** Example {@code i} as steps x features (pooled vectors as length x 1). */
  public float[][] sequence(int i) {
    return sequences.get(i);
  }

  /** Example {@code i}'s pooled vector (pooled data only). */
  public float[] pooled(int i) {
    if (mode != InputMode.VECTOR_AS_STEPS) {
      throw new IllegalStateException("not a pooled dataset");
    }
    float[][] s = sequences.get(i);
    float[] v = new float[s.length];
    for (int t = 0; t < s.length; t++) {
      v[t] = s[t][0];
    }
    return v;
  }

  /** The label index of example {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Label index of every example, in order (a copy). */
  public int[] labels() {
    return labels.clone();
  }

  /** The label names, indexed by label index. */
  public List<String> labelNames() {
    return labelNames;
  }

  /** The longest example's number of time steps. */
  public int maxSteps() {
    return sequences.stream().mapToInt(s -> s.length).max().orElse(0);
  }

  /** The examples at {@code indices}, in that order. */
  public FeatureDataset subset(int[] indices) {
    List<float[][]> s = new ArrayList<>(indices.length);
    int[] l = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      s.add(sequences.get(indices[i]));
      l[i] = labels[indices[i]];
    }
    return new FeatureDataset(mode, s, l, labelNames);
  }

  /** Per-class example counts in label order. */
  public int[] classCounts() {
    int[] c = new int[labelNames.size()];
    for (int l : labels) {
      c[l]++;
    }
    return c;
  }

  @Override
  public String toString() {
    return "FeatureDataset[" + size() + " " + mode.name().toLowerCase(java.util.Locale.ROOT) + " examples, "
        + nFeatures + " features/step, classes " + labelNames + " " + Arrays.toString(classCounts()) + "]";
  }
}
