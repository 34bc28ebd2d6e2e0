package org.ser4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.Splits;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options several commands share, declared once as picocli mixins (and an argument group), with
 * converters that turn a bad value into a usage error (exit 2) naming the option and what it accepts.
 */
final class CommonOptions {

  private CommonOptions() {}

  /** {@code --corpus NAME}: the file-naming convention, any {@link CorpusFormat#available()} one. */
  static final class CorpusOption {
    @Option(names = "--corpus", defaultValue = "tess", paramLabel = "NAME", converter = CorpusConverter.class,
        description = "Naming convention: tess, ravdess, crema-d, savee, emodb or a registered one"
            + " (default: ${DEFAULT-VALUE}).")
    CorpusFormat format;
  }

  /** {@code --seed S}. */
  static final class SeedOption {
    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
        description = "Seed for splitting and training (default: ${DEFAULT-VALUE}).")
    long seed;
  }

  /** {@code --normalize global|speaker}, for the commands that train ({@code ser pretrain} has its own default). */
  static final class NormalizeOption {
    @Option(names = "--normalize", defaultValue = "global", paramLabel = "global|speaker",
        converter = NormalizeConverter.class,
        description = "How the network input is standardised in training: global (one mean/std over the training"
            + " data) or speaker (each training speaker's clips z-scored with that speaker's own statistics; pooled"
            + " presets only). With speaker, the test part is scored with each test speaker's profile built from"
            + " that speaker's own unlabelled test clips, and without (global statistics); the model then works"
            + " best with `ser evaluate --profile speaker` (default: ${DEFAULT-VALUE}).")
    org.ser4j.model.Experiment.NormalizeBy normalize;
  }

  /** {@code --json}. */
  static final class JsonOption {
    @Option(names = "--json", description = "Machine-readable output: JSON (one object per line where there are many).")
    boolean json;
  }

  /** {@code --split random|speaker|word}. */
  static final class SplitOption {
    @Option(names = "--split", defaultValue = "random", paramLabel = "random|speaker|word",
        converter = StrategyConverter.class, description = "How to hold out the test part (default: ${DEFAULT-VALUE}).")
    Splits.Strategy strategy;
  }

  /** {@code --epochs N}, at least 1; absent means the preset's. */
  static final class EpochsOption {
    @Option(names = "--epochs", paramLabel = "N", converter = PositiveIntConverter.class,
        description = "Epochs (default: the preset's).")
    Integer epochs;
  }

  /** {@code --test-fraction F}, strictly between 0 and 1. */
  static final class TestFractionOption {
    @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F", converter = FractionConverter.class,
        description = "Share of utterances, speakers or words held out (default: ${DEFAULT-VALUE}).")
    double testFraction;
  }

  /** {@code --data PATH | --manifest FILE}: exactly one. */
  static final class DataOrManifest {
    @Option(names = "--data", required = true, paramLabel = "PATH",
        description = "A corpus folder: every usable labelled file is used.")
    Path data;

    @Option(names = "--manifest", required = true, paramLabel = "FILE",
        description = "A split manifest (ser split): its test part is used.")
    Path manifest;
  }

  /** A corpus layout by its id, or a usage error listing the ones there are. */
  static final class CorpusConverter implements ITypeConverter<CorpusFormat> {
    @Override
    public CorpusFormat convert(String value) {
      return CorpusFormat.byId(value).orElseThrow(() -> new TypeConversionException("unknown corpus '" + value
          + "': use one of " + String.join(", ", CorpusFormat.available().stream().map(CorpusFormat::id).toList())
          + " (a layout of your own: implement org.ser4j.data.CorpusFormat and register it in META-INF/services)"));
    }
  }

  /** A split strategy by name. */
  static final class StrategyConverter implements ITypeConverter<Splits.Strategy> {
    @Override
    public Splits.Strategy convert(String value) {
      try {
        return Splits.Strategy.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "' is not random, speaker or word");
      }
    }
  }

  /** {@code global} or {@code speaker}, for {@code --normalize}. */
  static final class NormalizeConverter implements ITypeConverter<org.ser4j.model.Experiment.NormalizeBy> {
    @Override
    public org.ser4j.model.Experiment.NormalizeBy convert(String value) {
      return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "global" -> org.ser4j.model.Experiment.NormalizeBy.GLOBAL;
        case "speaker" -> org.ser4j.model.Experiment.NormalizeBy.SPEAKER;
        default -> throw new TypeConversionException("'" + value + "' is not global or speaker");
      };
    }
  }

  /** An integer of at least 1. */
  static final class PositiveIntConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int v;
      try {
        v = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a whole number");
      }
      if (v < 1) {
        throw new TypeConversionException("must be at least 1, not " + v);
      }
      return v;
    }
  }

  /** A number strictly between 0 and 1. */
  static final class FractionConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double v;
      try {
        v = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a number");
      }
      if (!(v > 0 && v < 1)) {
        throw new TypeConversionException(String.format(Locale.ROOT, "must be between 0 and 1 (exclusive), not %s",
            value.trim()));
      }
      return v;
    }
  }
}
