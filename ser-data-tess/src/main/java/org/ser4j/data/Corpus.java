package org.ser4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result of scanning a folder of recordings: the labelled {@link Utterance}s and every {@link Problem}
 * met on the way (files left out and why, files labelled after a repair). Nothing is dropped silently.
 *
 * <pre>{@code
 * Corpus tess = Corpus.scan(Paths.get("../shared/tess-sample"));               // TESS, 7 classes
 * Corpus rav = Corpus.scan(dir, CorpusFormat.RAVDESS, LabelSet.NATIVE);      // RAVDESS's own 8 labels
 * }</pre>
 *
 * <p>The scan walks the folder recursively, so every common layout works: one folder per speaker and
 * emotion, the doubly nested folder of the common TESS download (whose second copy of each recording is
 * reported as a duplicate and left out), or flat. Labels come from file names (see {@link CorpusFormat}).
 * It reads names only; decoding is left to feature extraction. Utterances are sorted by path.
 */
public final class Corpus {

  private static final Logger LOG = LoggerFactory.getLogger(Corpus.class);

  private final Path root;
  private final CorpusFormat format;
  private final LabelSet labelSet;
  private final List<Utterance> utterances;
  private final List<Problem> problems;
  private final List<Corpus> parts;

  private Corpus(Path root, CorpusFormat format, LabelSet labelSet, List<Utterance> utterances,
      List<Problem> problems) {
    this(root, format, labelSet, utterances, problems, List.of());
  }

  private Corpus(Path root, CorpusFormat format, LabelSet labelSet, List<Utterance> utterances,
      List<Problem> problems, List<Corpus> parts) {
    this.root = root;
    this.format = format;
    this.labelSet = labelSet;
    this.utterances = List.copyOf(utterances);
    this.problems = List.copyOf(problems);
    this.parts = List.copyOf(parts);
  }

  /**
   * The six emotions CREMA-D, TESS, RAVDESS, SAVEE and EmoDB share (angry, disgust, fear, happy, neutral, sad):
   * the default label space of {@link #combine(List)}.
   */
  public static final List<String> SHARED_LABELS = List.of(Emotion.ANGRY.label(), Emotion.DISGUST.label(),
      Emotion.FEAR.label(), Emotion.HAPPY.label(), Emotion.NEUTRAL.label(), Emotion.SAD.label());

  /** {@link #combine(List, List)} over the {@link #SHARED_LABELS six shared emotions}. */
  public static Corpus combine(List<Corpus> corpora) {
    return combine(corpora, SHARED_LABELS);
  }

  /**
   * Several corpora as one, for one training run: one label space, the corpus and speaker kept on every
   * utterance. Speaker ids are namespaced by corpus ({@code "crema-d:1001"}, {@code "tess:OAF"}), so splits and
   * validation sets grouped by speaker never put one corpus's speaker on both sides because another corpus has
   * a speaker of the same name; words (sentence ids) are namespaced the same way. Utterances whose label is
   * outside {@code labels} (TESS's {@code pleasant_surprise} with the default six) are left out, each reported
   * as a {@link Problem} of the combined corpus beside the parts' own problems.
   *
   * <pre>{@code
   * Corpus both = Corpus.combine(List.of(
   *     Corpus.scan(Paths.get("../data/crema-d"), CorpusFormat.CREMA_D, LabelSet.TESS),
   *     Corpus.scan(Paths.get("../shared/tess-sample"))));          // 6 labels: ps is left out
   * }</pre>
   *
   * @param corpora at least one corpus, each of a different {@link CorpusFormat#id()} (the namespace)
   * @param labels the label space, e.g. {@link #SHARED_LABELS}; spellings are normalised by
   *     {@link Emotion#parse} ({@code "surprise"} is {@code pleasant_surprise}); the order of the result's
   *     {@link #labels()} is the usual stable order, not this list's
   * @return the combined corpus: {@link #format()} is a format whose id joins the parts' ids with {@code +}
   *     (it parses no names), {@link #root()} the first part's root, {@link #parts()} the parts as given
   * @throws IllegalArgumentException if {@code corpora} or {@code labels} is empty, two corpora share a format
   *     id, or a label is not one of the seven {@link Emotion} labels
   */
  public static Corpus combine(List<Corpus> corpora, List<String> labels) {
    Objects.requireNonNull(corpora, "corpora");
    Objects.requireNonNull(labels, "labels");
    if (corpora.isEmpty()) {
      throw new IllegalArgumentException("combine needs at least one corpus");
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("the label space is empty: name at least one label");
    }
    TreeSet<String> space = new TreeSet<>();
    for (String l : labels) {
      Emotion e = Emotion.parse(l).orElseThrow(() -> new IllegalArgumentException("label '" + l
          + "' is not one of " + java.util.Arrays.stream(Emotion.values()).map(Emotion::label).toList()));
      space.add(e.label());
    }
    List<String> ids = new ArrayList<>();
    List<Utterance> all = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Corpus c : corpora) {
      Objects.requireNonNull(c, "corpus");
      String id = c.format().id();
      if (ids.contains(id)) {
        throw new IllegalArgumentException("two corpora named '" + id + "' (" + c.root() + " and another): each"
            + " part of a combination needs its own format id, which namespaces its speakers");
      }
      ids.add(id);
      problems.addAll(c.problems());
      for (Utterance u : c.utterances()) {
        if (!space.contains(u.label())) {
          problems.add(Problem.skipped(u.path(), "label '" + u.label() + "' is outside the label space " + space
              + " of the combined corpora (ask for it to keep it)"));
          continue;
        }
        all.add(Utterance.withNativeLabel(u.path(), u.corpus(), id + ":" + u.speaker(), id + ":" + u.word(),
            u.label(), u.emotion().orElse(null)));
      }
    }
    all.sort(BY_PATH);
    String joined = String.join("+", ids);
    CorpusFormat combined = new CorpusFormat() {
      @Override
      public String id() {
        return joined;
      }

      @Override
      public Parsed parse(Path file, String stem, String folder) {
        return Parsed.failure("a combination of corpora (" + joined + ") reads no file names: scan each part");
      }

      @Override
      public String toString() {
        return joined;
      }
    };
    LOG.info("combined {}: {} utterances over labels {}, {} problems", joined, all.size(), space,
        problems.size());
    return new Corpus(corpora.get(0).root(), combined, LabelSet.TESS, all, problems, corpora);
  }

  /**
   * The corpora this one combines ({@link #combine}), in the order given; empty for a scanned corpus.
   *
   * @return the parts, unmodifiable
   */
  public List<Corpus> parts() {
    return parts;
  }

  /** Scans a TESS folder with the seven TESS labels. */
  public static Corpus scan(Path root) throws IOException {
    return scan(root, CorpusFormat.TESS, LabelSet.TESS);
  }

  /**
   * Scans {@code root} recursively for {@code .wav}/{@code .aif(f/c)} files named in {@code format}'s way.
   *
   * @throws java.nio.file.NoSuchFileException if {@code root} does not exist (reason "not found")
   * @throws java.nio.file.NotDirectoryException if {@code root} is not a folder
   */
  public static Corpus scan(Path root, CorpusFormat format, LabelSet labelSet) throws IOException {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(labelSet, "labelSet");
    if (!Files.exists(root)) {
      throw new java.nio.file.NoSuchFileException(root.toString(), null, "not found");
    }
    if (!Files.isDirectory(root)) {
      throw new java.nio.file.NotDirectoryException(root.toString());
    }
    List<Path> files = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    // follows links into folders; loops, dangling links and unreadable folders are problems, not silence
    Files.walkFileTree(root, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
            if (a.isRegularFile()) {
              files.add(file);
            } else if (a.isSymbolicLink()) {
              problems.add(Problem.skipped(file, "dangling symbolic link (its target does not exist)"));
            } else if (!a.isDirectory()) {
              problems.add(Problem.skipped(file, "not a regular file (a FIFO, socket or device)"));
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
            problems.add(Problem.skipped(file, e instanceof java.nio.file.FileSystemLoopException
                ? "symbolic link loop (a link to a folder that contains it)"
                : "cannot read: " + org.ser4j.audio.OutputFiles.reason(e)));
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    List<Utterance> utterances = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (Path file : files) {
      String fileName = file.getFileName().toString();
      if (fileName.startsWith(".")) {
        continue; // hidden files (.DS_Store, ._resource forks) are not part of any corpus
      }
      String ext = extension(fileName);
      if (!isAudioExtension(ext)) {
        problems.add(Problem.skipped(file, "not an audio file name (." + ext + ")"));
        continue;
      }
      String stem = fileName.substring(0, fileName.length() - ext.length() - 1);
      Path parent = file.getParent();
      String folder = parent == null || parent.equals(root) ? null : parent.getFileName().toString();
      CorpusFormat.Parsed parsed = format.parse(file, stem, folder);
      if (!parsed.ok()) {
        problems.add(Problem.skipped(file, parsed.failure()));
        continue;
      }
      Optional<Emotion> emotion = Emotion.parse(parsed.nativeLabel());
      if (labelSet == LabelSet.TESS && emotion.isEmpty()) {
        problems.add(Problem.skipped(file, "label '" + parsed.nativeLabel()
            + "' has no TESS counterpart (scan with the corpus's own label set to keep it)"));
        continue;
      }
      Path first = seen.putIfAbsent(parsed.identity().toLowerCase(Locale.ROOT), file);
      if (first != null) {
        problems.add(Problem.skipped(file, "the same recording (" + parsed.identity() + ") as " + first));
        continue;
      }
      if (parsed.repair() != null) {
        problems.add(Problem.repaired(file, parsed.repair()));
      }
      utterances.add(labelSet == LabelSet.TESS
          ? Utterance.of(file, format.id(), parsed.speaker(), parsed.word(), emotion.get())
          : Utterance.withNativeLabel(file, format.id(), parsed.speaker(), parsed.word(), parsed.nativeLabel(),
              emotion.orElse(null)));
    }
    LOG.info("scanned {} as {}: {} utterances, {} problems", root, format.id(), utterances.size(), problems.size());
    return new Corpus(root, format, labelSet, utterances, problems);
  }

  /** A corpus made of given utterances (e.g. re-loaded from a manifest). */
  public static Corpus of(Path root, CorpusFormat format, LabelSet labelSet, List<Utterance> utterances,
      List<Problem> problems) {
    return new Corpus(root, format, labelSet, utterances, problems);
  }

  /** {@return the folder that was scanned (or that a manifest's paths are relative to)} */
  public Path root() {
    return root;
  }

  /** {@return the layout the file names were parsed with} */
  public CorpusFormat format() {
    return format;
  }

  /** {@return how the corpus's native labels are named (native, or mapped to the TESS names)} */
  public LabelSet labelSet() {
    return labelSet;
  }

  /** The labelled recordings, sorted by path. */
  public List<Utterance> utterances() {
    return utterances;
  }

  /** Every file left out or repaired, with the reason, in path order. */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * The labels present, in a stable order: {@link Emotion} order for the TESS classes, then any other
   * labels alphabetically.
   */
  public List<String> labels() {
    return labelsOf(utterances);
  }

  /** The speakers present, sorted. */
  public List<String> speakers() {
    return List.copyOf(new TreeSet<>(utterances.stream().map(Utterance::speaker).toList()));
  }

  /** Utterance counts per speaker (sorted) and label (in {@link #labels()} order). */
  public Map<String, Map<String, Integer>> counts() {
    List<String> labels = labels();
    Map<String, Map<String, Integer>> table = new TreeMap<>();
    for (Utterance u : utterances) {
      table.computeIfAbsent(u.speaker(), s -> {
        Map<String, Integer> row = new LinkedHashMap<>();
        labels.forEach(l -> row.put(l, 0));
        return row;
      }).merge(u.label(), 1, Integer::sum);
    }
    return Collections.unmodifiableMap(table);
  }

  /** The stable label order of a list of utterances (see {@link #labels()}). */
  public static List<String> labelsOf(List<Utterance> utterances) {
    TreeSet<String> present = new TreeSet<>(utterances.stream().map(Utterance::label).toList());
    List<String> out = new ArrayList<>();
    for (Emotion e : Emotion.values()) {
      if (present.remove(e.label())) {
        out.add(e.label());
      }
    }
    out.addAll(present);
    return List.copyOf(out);
  }

  static boolean isAudioExtension(String ext) {
    return switch (ext.toLowerCase(Locale.ROOT)) {
      case "wav", "wave", "aif", "aiff", "aifc", "w64" -> true;
      default -> false;
    };
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  /** Orders utterances by path: the order splits and feature passes start from, for determinism. */
  static final Comparator<Utterance> BY_PATH = Comparator.comparing(u -> u.path().toString());

  @Override
  public String toString() {
    return "Corpus[" + format.id() + ", " + root + ", " + utterances.size() + " utterances, " + problems.size()
        + " problems]";
  }
}
