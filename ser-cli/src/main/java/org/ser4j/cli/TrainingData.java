package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ser4j.data.Augmentation;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.LabelSet;
import org.ser4j.model.Balance;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The training data options of {@code ser train} and {@code ser cv}: one or several corpora
 * ({@code --data [FORMAT=]PATH}, repeatable), the label space ({@code --labels}) and the balance
 * ({@code --balance}); and the augmentation ({@code --augment}).
 */
final class TrainingData {

  private TrainingData() {}

  /** {@code --data [FORMAT=]PATH ...}, {@code --labels}, {@code --balance}. */
  static final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "[FORMAT=]PATH",
        description = "A corpus folder; repeat it to train on several corpora at once, each named by its format:"
            + " --data crema-d=../data/crema-d --data tess=../shared/tess-sample. A bare PATH is read with"
            + " --corpus. Several corpora share one label space (--labels) and keep their corpus and"
            + " speaker on every clip (speakers are namespaced by corpus, e.g. tess:OAF, so splits by speaker"
            + " work across corpora).")
    List<String> data;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL[,LABEL...]",
        description = "The label space: with several corpora, default the six shared emotions (angry, disgust,"
            + " fear, happy, neutral, sad); add surprise (TESS's ps) here to keep it. Clips outside it are left"
            + " out and counted. With one corpus, default: all its labels.")
    List<String> labels;

    @Option(names = "--balance", paramLabel = "none|class|corpus-class", converter = BalanceConverter.class,
        description = "Balanced sampling of training examples: none (each once per epoch), class (every class"
            + " drawn equally often), corpus-class (every corpus's class equally often, so no corpus"
            + " dominates). Default: corpus-class with several corpora, none with one.")
    Balance balance;

    /** Whether several corpora (or a label space) were asked for. */
    boolean combined() {
      return data.size() > 1 || labels != null;
    }

    /**
     * Scans every {@code --data} corpus and combines them (when several, or {@code --labels} is given), printing
     * one line per corpus.
     *
     * @return the corpus, or empty after printing an error when one holds no labelled recording
     */
    Optional<Corpus> load(CorpusFormat defaultFormat, CommandSpec spec, PrintWriter out, boolean quiet)
        throws IOException {
      List<Corpus> parts = new ArrayList<>();
      for (String d : data) {
        Entry e = entry(d, defaultFormat, spec);
        Corpus c = Corpus.scan(e.path(), e.format(), LabelSet.TESS);
        if (c.utterances().isEmpty()) {
          spec.commandLine().getErr().println("error: no labelled recordings found under " + e.path()
              + (data.size() > 1 ? " (read as " + e.format().id() + ")" : ""));
          return Optional.empty();
        }
        parts.add(c);
      }
      if (!combined()) {
        return Optional.of(parts.get(0));
      }
      Corpus all;
      try {
        all = labels == null ? Corpus.combine(parts) : Corpus.combine(parts, labels);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      if (!quiet) {
        for (Corpus c : parts) {
          long used = all.utterances().stream().filter(u -> u.corpus().equals(c.format().id())).count();
          out.printf(Locale.ROOT, "  %s: %s, %d labelled clips, %d in the label space %s%n", c.format().id(),
              c.root(), c.utterances().size(), used, Corpus.labelsOf(all.utterances()));
        }
      }
      return Optional.of(all);
    }

    /** How a bundle names the training data, e.g. {@code crema-d corpus 'crema-d' + tess corpus 'tess-sample'}. */
    String describe(Corpus corpus) {
      List<Corpus> parts = corpus.parts().isEmpty() ? List.of(corpus) : corpus.parts();
      List<String> names = new ArrayList<>();
      for (Corpus c : parts) {
        names.add(c.format().id() + " corpus '" + c.root().toAbsolutePath().normalize().getFileName() + "'");
      }
      return String.join(" + ", names);
    }

    /** The folders, for messages: the one path, or all joined by {@code +}. */
    String folders(CorpusFormat defaultFormat, CommandSpec spec) {
      return String.join(" + ", data.stream().map(d -> entry(d, defaultFormat, spec).path().toString()).toList());
    }
  }

  record Entry(CorpusFormat format, Path path) {}

  /** {@code FORMAT=PATH} when the part before {@code =} names a format and PATH is not itself a folder. */
  static Entry entry(String value, CorpusFormat defaultFormat, CommandSpec spec) {
    int eq = value.indexOf('=');
    if (eq > 0 && !Files.exists(Paths.get(value))) {
      String name = value.substring(0, eq);
      Optional<CorpusFormat> f = CorpusFormat.byId(name);
      if (f.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--data " + value + ": unknown corpus format '" + name
            + "': use one of " + String.join(", ", CorpusFormat.available().stream().map(CorpusFormat::id).toList()));
      }
      return new Entry(f.get(), Paths.get(value.substring(eq + 1)));
    }
    return new Entry(defaultFormat, Paths.get(value));
  }

  /** A balance by name. */
  static final class BalanceConverter implements ITypeConverter<Balance> {
    @Override
    public Balance convert(String value) {
      try {
        return Balance.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not none, class or corpus-class");
      }
    }
  }

  /** {@code --augment KIND=VALUE}, repeatable. */
  static final class AugmentOptions {
    @Option(names = "--augment", paramLabel = "KIND=VALUE",
        description = "Augment the training examples (never validation or test), seeded with --seed and recorded"
            + " in the model's provenance; repeat it to combine: speed=0.9,1.1 (each copy at one of these speeds,"
            + " resampled: duration / factor, pitch x factor), noise=20dB or noise=10..30dB (white noise at that"
            + " SNR; noise=pink:20dB for pink), gain=-6..6 (dB), copies=N (augmented copies per clip beside the"
            + " original, default 1). Augmented features are cached per draw. Measured (README): speed"
            + " perturbation helps on unseen speakers, gain is neutral, noise hurt on TESS.")
    List<String> augment;

    /** The augmentation these options ask for, or {@link Augmentation#none()}. */
    Augmentation build(long seed, CommandSpec spec) {
      if (augment == null || augment.isEmpty()) {
        return Augmentation.none();
      }
      Augmentation.Builder b = Augmentation.builder().seed(seed);
      for (String a : augment) {
        int eq = a.indexOf('=');
        String kind = eq < 0 ? a : a.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = eq < 0 ? "" : a.substring(eq + 1).trim();
        try {
          switch (kind) {
            case "speed" -> {
              String[] parts = value.split(",");
              double[] factors = new double[parts.length];
              for (int i = 0; i < parts.length; i++) {
                factors[i] = Double.parseDouble(parts[i].trim());
              }
              b.speeds(factors);
            }
            case "noise" -> {
              String v = value.toLowerCase(Locale.ROOT);
              if (v.startsWith("pink:")) {
                b.noise(Augmentation.Noise.PINK);
                v = v.substring(5);
              } else if (v.startsWith("white:")) {
                v = v.substring(6);
              }
              double[] r = range(v);
              b.noiseSnrDb(r[0], r[1]);
            }
            case "gain" -> {
              double[] r = range(value.toLowerCase(Locale.ROOT));
              b.gainDb(r[0], r[1]);
            }
            case "copies" -> b.copies(Integer.parseInt(value));
            default -> throw new IllegalArgumentException("unknown kind '" + kind
                + "' (speed=F,F..., noise=DB or LO..HIdB, gain=LO..HI, copies=N)");
          }
        } catch (IllegalArgumentException e) {
          String why = e instanceof NumberFormatException ? "'" + value + "' is not a number or LO..HI range"
              : e.getMessage();
          throw new ParameterException(spec.commandLine(), "--augment " + a + ": " + why);
        }
      }
      return b.build();
    }

    private static double[] range(String v) {
      String s = v.endsWith("db") ? v.substring(0, v.length() - 2) : v;
      int dots = s.indexOf("..");
      if (dots < 0) {
        double x = Double.parseDouble(s.trim());
        return new double[] {x, x};
      }
      String lo = s.substring(0, dots).trim();
      String hi = s.substring(dots + 2).trim();
      lo = lo.endsWith("db") ? lo.substring(0, lo.length() - 2) : lo;
      return new double[] {Double.parseDouble(lo), Double.parseDouble(hi)};
    }
  }
}
