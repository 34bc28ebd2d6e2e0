package org.ser4j.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.AudioReader;
import org.ser4j.data.CorpusFormat;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccExtractor;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;
import org.ser4j.runtime.QualityNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one partition: decode, featurise and (with a model) classify each file of the partition, one
 * row per file, lazily (one file's bytes and samples in memory at a time). The extractor, and the recognizer
 * built from the broadcast bundle bytes, are made once per partition, on the first file.
 */
final class FileWork implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(FileWork.class);

  /** The column holding the probabilities in the model's label order (turned into a map by the caller). */
  static final String PROBS = "probs";

  private final HashMap<String, String> spec;
  private final String corpus;
  private final Broadcast<byte[]> model;
  private final String modelName;

  /**
   * @param spec the feature recipe (with a model: the model's)
   * @param corpus a corpus format id, or null
   * @param model the bundle's bytes, or null for features only
   * @param modelName how to name the bundle in messages
   */
  FileWork(FeatureSpec spec, String corpus, Broadcast<byte[]> model, String modelName) {
    this.spec = new HashMap<>(spec.toMap());
    this.corpus = corpus;
    this.model = model;
    this.modelName = modelName;
  }

  private static final int FEATURE_COLUMNS = schema(false).size();
  private static final int CLASSIFY_COLUMNS = schema(true).size();

  /** {@return the rows' schema: with the prediction's columns when {@code classify}} */
  static StructType schema(boolean classify) {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField(SerColumns.PATH, DataTypes.StringType, false));
    f.add(DataTypes.createStructField(SerColumns.CORPUS, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(SerColumns.SPEAKER, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(SerColumns.WORD, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(SerColumns.LABEL, DataTypes.StringType, true));
    f.add(DataTypes.createStructField(SerColumns.DURATION, DataTypes.DoubleType, true));
    f.add(DataTypes.createStructField(SerColumns.FRAMES, DataTypes.IntegerType, true));
    f.add(DataTypes.createStructField(SerColumns.DIMENSION, DataTypes.IntegerType, true));
    f.add(DataTypes.createStructField(SerColumns.FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false),
        true));
    if (classify) {
      f.add(DataTypes.createStructField(SerColumns.EMOTION, DataTypes.StringType, true));
      f.add(DataTypes.createStructField(SerColumns.PROBABILITY, DataTypes.DoubleType, true));
      f.add(DataTypes.createStructField(PROBS, DataTypes.createArrayType(DataTypes.DoubleType, false), true));
      f.add(DataTypes.createStructField(SerColumns.NOTES, DataTypes.createArrayType(DataTypes.StringType, false),
          true));
    }
    f.add(DataTypes.createStructField(SerColumns.ERROR, DataTypes.StringType, true));
    return DataTypes.createStructType(f);
  }

  @Override
  public Iterator<Row> call(Iterator<Row> input) {
    Worker worker = new Worker();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public Row next() {
        return worker.process(input.next());
      }
    };
  }

  /** An error row: the file's labels and the message, nulls elsewhere. */
  static Row errorRow(String path, Names.Labels labels, boolean classify, String message) {
    Object[] v = new Object[classify ? CLASSIFY_COLUMNS : FEATURE_COLUMNS];
    v[0] = path;
    v[1] = labels.corpus();
    v[2] = labels.speaker();
    v[3] = labels.word();
    v[4] = labels.label();
    v[v.length - 1] = message;
    return RowFactory.create(v);
  }

  /** The message of an error row: the exception's, prefixed with the path unless it names the file already. */
  static String message(String path, Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return m.contains(name) ? m : path + ": " + m;
  }

  /** Per-partition state, made on the executor. */
  private final class Worker {
    private final FeatureSpec featureSpec = FeatureSpec.fromMap(spec);
    private final CorpusFormat format = corpus == null ? null : CorpusFormat.byId(corpus).orElseThrow(
        () -> new IllegalStateException("corpus format '" + corpus + "' is not on this executor's class path"));
    private MfccExtractor extractor;
    private EmotionRecognizer recognizer;

    Row process(Row in) {
      String path = in.getString(0);
      byte[] content = (byte[]) in.get(1);
      Names.Labels labels = Names.parse(path, format);
      boolean classify = model != null;
      try {
        if (extractor == null) {
          extractor = featureSpec.newExtractor();
          if (classify) {
            recognizer = EmotionRecognizer.load(model.value(), modelName);
          }
        }
        AudioClip raw = AudioReader.read(content, path);
        AudioLoader.checkFinite(raw, path);
        AudioClip loaded = AudioLoader.load(raw, featureSpec.load());
        Prediction p = classify ? recognizer.predict(raw, path) : null;
        float[][] m = featureSpec.compute(loaded, extractor);
        int dim = m[0].length;
        float[] flat = new float[m.length * dim];
        for (int t = 0; t < m.length; t++) {
          System.arraycopy(m[t], 0, flat, t * dim, dim);
        }
        Object[] v = new Object[classify ? CLASSIFY_COLUMNS : FEATURE_COLUMNS];
        v[0] = path;
        v[1] = labels.corpus();
        v[2] = labels.speaker();
        v[3] = labels.word();
        v[4] = labels.label();
        v[5] = raw.durationSeconds();
        v[6] = m.length;
        v[7] = dim;
        v[8] = flat;
        if (classify) {
          v[9] = p.topLabel();
          v[10] = p.topProbability();
          v[11] = p.toArray();
          List<QualityNote> notes = p.qualityNotes();
          String[] n = new String[notes.size()];
          for (int i = 0; i < n.length; i++) {
            n[i] = notes.get(i).kind() + ": " + notes.get(i).message();
          }
          v[12] = n;
        }
        return RowFactory.create(v);
      } catch (Exception e) {
        LOG.debug("cannot use {}", path, e);
        return errorRow(path, labels, classify, message(path, e));
      }
    }
  }
}
