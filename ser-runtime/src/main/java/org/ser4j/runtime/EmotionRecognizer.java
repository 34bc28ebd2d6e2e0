package org.ser4j.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.TooShortAudioException;
import org.ser4j.features.FeatureSpec;
import org.ser4j.features.MfccExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ModelBundle}'s network in plain Java. Thread-safe: the weights are immutable and each call
 * uses its own small scratch arrays.
 *
 * <pre>{@code
 * EmotionRecognizer r = EmotionRecognizer.load(Path.of("model.ser4j"));
 * Prediction p = r.predict(Path.of("clip.wav"));  // decode, load, features, network: as in training
 * p.topLabel();                                    // "angry"
 * Prediction q = r.predict(clip);                  // an AudioClip at any rate (mic, stream, ...)
 * Prediction s = r.predictPooled(meanMfcc);        // or features you computed yourself
 * }</pre>
 *
 * <p>The audio-to-feature steps are the bundle's {@link FeatureSpec} (load options, MFCC, deltas, pooling), so
 * a file is featurised exactly as the training data were.
 *
 * <h2>Where bundles and audio come from</h2>
 * A bundle loads from a {@link Path} on any file system (also inside a jar or zip file system), a
 * {@link URL} (a class-path resource: {@code load(MyApp.class.getResource("/model.ser4j"))}), an
 * {@link InputStream} or a {@code byte[]}. Audio is classified from a file, an {@link AudioClip}, or encoded
 * bytes / a stream (an upload), decoded by content. For live audio use {@link StreamingRecognizer}.
 *
 * <h2>Errors</h2>
 * Bad input is one checked family, {@link AudioFormatException}, whose message names the source and the
 * reason: undecodable data ({@code UnrecognizedAudioException}, {@code UnsupportedAudioEncodingException},
 * {@code MalformedAudioException}, also for a directory) and audio too short for the model
 * ({@link TooShortAudioException}; see {@link #minimumDuration()}). A bad bundle is a
 * {@link ModelBundleException}. A missing or unreadable file stays a plain {@link IOException}
 * ({@link java.nio.file.NoSuchFileException}, {@link java.nio.file.AccessDeniedException}).
 */
public final class EmotionRecognizer {
  private static final Logger LOG = LoggerFactory.getLogger(EmotionRecognizer.class);

  private final ModelBundle bundle;
  private final List<LayerSpec> layers;
  private final LstmLayer lstm; // first layer, or null
  private final int firstDense;
  private final int maxWidth;
  private final float[] mean;
  private final float[] invStd;
  /**
   * The LSTM's weight rows split by gate, [row][gate][unit], and its bias [gate][unit]: with every gate in an
   * array of its own all the step's loops index their arrays alike, the form the JIT vectorises.
   */
  private final float[][][] lstmW;
  private final float[][][] lstmRW;
  private final float[][] lstmB;
  private final float[][][] denseW;
  private final FeatureSpec featureSpec; // null for bundles made without a usable one
  private final String featureProblem; // why featureSpec is null
  private final MfccExtractor extractor;
  private final int minimumSamples; // at the spec's rate, after the offset; 0 without a spec

  private EmotionRecognizer(ModelBundle bundle) {
    this.bundle = Objects.requireNonNull(bundle, "bundle");
    this.layers = bundle.layers();
    this.lstm = layers.get(0) instanceof LstmLayer l ? l : null;
    this.firstDense = lstm == null ? 0 : 1;
    int w = bundle.inputLength();
    for (LayerSpec l : layers) {
      w = Math.max(w, Math.max(l.nIn(), l.nOut()));
    }
    this.maxWidth = w;
    this.mean = bundle.normalization().map(Normalization::meanRef).orElse(null);
    this.invStd = bundle.normalization().map(n -> n.invStd).orElse(null);
    this.lstmW = lstm == null ? null : LstmKernel.byGate(lstm.w, lstm.nIn(), lstm.nOut());
    this.lstmRW = lstm == null ? null : LstmKernel.byGate(lstm.rw, lstm.nOut(), lstm.nOut());
    this.lstmB = lstm == null ? null : LstmKernel.byGate(lstm.b, 1, lstm.nOut())[0];
    this.denseW = new float[layers.size()][][];
    for (int i = firstDense; i < layers.size(); i++) {
      DenseLayer d = (DenseLayer) layers.get(i);
      denseW[i] = rows(d.w, d.nIn(), d.nOut());
    }
    FeatureSpec spec = null;
    String problem = "the bundle has no feature configuration";
    if (!bundle.featureConfig().isEmpty()) {
      try {
        spec = FeatureSpec.fromMap(bundle.featureConfig());
      } catch (IllegalArgumentException e) {
        problem = "the bundle's feature configuration is not one this version reads (" + e.getMessage() + ")";
      }
    }
    MfccExtractor ex = null;
    if (spec != null) {
      try {
        ex = spec.newExtractor();
      } catch (IllegalStateException e) { // an FFT size that needs JTransforms, absent from the class path
        problem = e.getMessage();
        spec = null;
      }
    }
    this.featureSpec = spec;
    this.featureProblem = spec == null ? problem : null;
    this.extractor = ex;
    this.minimumSamples = spec == null ? 0 : spec.minimumSamples();
  }

  private static float[][] rows(float[] flat, int nRows, int nCols) {
    float[][] r = new float[nRows][];
    for (int i = 0; i < nRows; i++) {
      r[i] = java.util.Arrays.copyOfRange(flat, i * nCols, (i + 1) * nCols);
    }
    return r;
  }

  /**
   * The class-path resource that holds the pretrained model bundle, shipped by the artifact
   * {@value #PRETRAINED_ARTIFACT} (no leading slash: a {@link ClassLoader} resource name).
   */
  public static final String PRETRAINED_RESOURCE = "org/ser4j/pretrained/pretrained.ser4j";

  /** The Maven coordinates ({@code groupId:artifactId}) of the artifact that ships the pretrained model. */
  public static final String PRETRAINED_ARTIFACT = "org.ser4j:ser-pretrained";

  private static final Object PRETRAINED_LOCK = new Object();
  private static volatile EmotionRecognizer pretrained;

  /**
   * The pretrained general English model that ser4j ships: the {@code stats} recipe trained on the 75
   * training actors of CREMA-D (six emotions: angry, disgust, fear, happy, neutral, sad). It comes with the
   * artifact {@value #PRETRAINED_ARTIFACT} (add it beside ser-runtime, with the same version, or through
   * {@code org.ser4j:ser4j-bom}); ser-runtime itself does not depend on it. What it was trained on, its
   * held-out accuracy and the CREMA-D licence notice (the model is a Produced Work of CREMA-D under the Open
   * Database License 1.0) are in {@code bundle().provenance()}.
   *
   * <pre>{@code
   * EmotionRecognizer r = EmotionRecognizer.pretrained();   // loaded once, then shared
   * r.predict(Path.of("clip.wav")).topLabel();
   * }</pre>
   *
   * <p>The bundle is read from the class-path resource {@value #PRETRAINED_RESOURCE} (through this class's
   * class loader, then the thread's context class loader) on the first call; later calls return the same
   * recognizer, which is thread-safe.
   *
   * @return the pretrained recognizer
   * @throws PretrainedModelUnavailableException when {@value #PRETRAINED_ARTIFACT} is not on the class path
   *     (the message says which dependency to add), or its bundle cannot be read (the cause says why)
   */
  public static EmotionRecognizer pretrained() {
    EmotionRecognizer r = pretrained;
    if (r != null) {
      return r;
    }
    synchronized (PRETRAINED_LOCK) {
      if (pretrained == null) {
        pretrained = pretrained(EmotionRecognizer.class.getClassLoader(),
            Thread.currentThread().getContextClassLoader());
      }
      return pretrained;
    }
  }

  /** Loads the pretrained bundle through the first of {@code loaders} (nulls skipped) that has it. */
  static EmotionRecognizer pretrained(ClassLoader... loaders) {
    URL url = null;
    for (ClassLoader loader : loaders) {
      if (loader != null && url == null) {
        url = loader.getResource(PRETRAINED_RESOURCE);
      }
    }
    if (url == null) {
      throw new PretrainedModelUnavailableException("no pretrained model on the class path: add the dependency "
          + PRETRAINED_ARTIFACT + " (the same version as ser-runtime, or through the BOM org.ser4j:ser4j-bom),"
          + " which ships the resource " + PRETRAINED_RESOURCE + "; or load a model of your own with"
          + " EmotionRecognizer.load(...)", null);
    }
    try {
      EmotionRecognizer r = load(url);
      LOG.debug("loaded the pretrained model from {}", url);
      return r;
    } catch (IOException e) {
      throw new PretrainedModelUnavailableException("the pretrained model " + url + " (" + PRETRAINED_ARTIFACT
          + ") cannot be read: " + e.getMessage() + "; use a matching version of " + PRETRAINED_ARTIFACT, e);
    }
  }

  /**
   * Reads a bundle file on any file system (the default one, a jar or zip file system, an in-memory one).
   *
   * @param bundleFile the bundle
   * @return a recognizer for it
   * @throws java.nio.file.NoSuchFileException if there is no file there
   * @throws ModelBundleException if it is not a usable bundle (see {@link ModelBundle})
   * @throws IOException if it cannot be read
   */
  public static EmotionRecognizer load(Path bundleFile) throws IOException {
    ModelBundle b = ModelBundle.read(bundleFile);
    LOG.debug("loaded {} from {}", b, bundleFile);
    return new EmotionRecognizer(b);
  }

  /**
   * Reads a bundle from a stream (read to its end, not closed), e.g. a download or an entry of an archive.
   *
   * @param in the bundle's bytes
   * @param sourceName how to name the stream in messages
   * @return a recognizer for it
   * @throws ModelBundleException if it is not a usable bundle, or larger than bundles may be
   * @throws IOException if the stream cannot be read
   */
  public static EmotionRecognizer load(InputStream in, String sourceName) throws IOException {
    ModelBundle b = ModelBundle.read(in, sourceName);
    LOG.debug("loaded {} from {}", b, sourceName);
    return new EmotionRecognizer(b);
  }

  /**
   * Reads a bundle held in memory.
   *
   * @param bundleBytes the bundle's bytes
   * @param sourceName how to name the bytes in messages
   * @return a recognizer for it
   * @throws ModelBundleException if it is not a usable bundle
   */
  public static EmotionRecognizer load(byte[] bundleBytes, String sourceName) throws ModelBundleException {
    ModelBundle b = ModelBundle.read(bundleBytes, sourceName);
    LOG.debug("loaded {} from {}", b, sourceName);
    return new EmotionRecognizer(b);
  }

  /**
   * Reads a bundle from a URL, typically a class-path resource packaged in the application's jar:
   * {@code EmotionRecognizer.load(MyApp.class.getResource("/model.ser4j"))}. A {@code file:} URL is read as
   * a file, anything else through {@link URL#openStream()}.
   *
   * @param bundleUrl the bundle; {@code null} (what {@code getResource} returns for a missing resource) is
   *     reported as a missing file
   * @return a recognizer for it
   * @throws java.nio.file.NoSuchFileException if {@code bundleUrl} is {@code null} or names no file
   * @throws ModelBundleException if it is not a usable bundle
   * @throws IOException if it cannot be read
   */
  public static EmotionRecognizer load(URL bundleUrl) throws IOException {
    if (bundleUrl == null) {
      throw new java.nio.file.NoSuchFileException("(null URL)", null,
          "no model bundle: the resource was not found on the class path");
    }
    if ("file".equalsIgnoreCase(bundleUrl.getProtocol())) {
      try {
        return load(Path.of(bundleUrl.toURI()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        // not a plain file URL: read it as a stream below
      }
    }
    try (InputStream in = bundleUrl.openStream()) {
      return load(in, bundleUrl.toString());
    }
  }

  /**
   * A recognizer for a bundle already in memory.
   *
   * @param bundle the bundle
   * @return a recognizer for it
   */
  public static EmotionRecognizer of(ModelBundle bundle) {
    return new EmotionRecognizer(bundle);
  }

  /**
   * The bundle this recognizer runs.
   *
   * @return the bundle
   */
  public ModelBundle bundle() {
    return bundle;
  }

  /**
   * Output labels in the network's order.
   *
   * @return the labels
   */
  public List<String> labels() {
    return bundle.labels();
  }

  /**
   * The shortest audio this model classifies: the recipe's offset (skipped) plus enough samples for the
   * frames its features need (one frame, or nine for deltas, whose window is nine frames wide). A shorter
   * file or clip is rejected with a {@link TooShortAudioException}. The notebook recipe needs 0.5 s + 1
   * sample, the stats and framewise recipes 8 hops (0.19 s at 22050 Hz). Audio shorter than the recipe's
   * {@code duration} (if it has one) is classified, with a quality note (see
   * {@link Prediction#qualityNotes()}).
   *
   * @return the minimum duration
   * @throws IllegalStateException if the bundle carries no usable feature configuration
   */
  public Duration minimumDuration() {
    FeatureSpec spec = featureSpec();
    double seconds = spec.load().offset() + (double) minimumSamples / spec.mfcc().sampleRate();
    return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
  }

  /**
   * The features this model was trained on: how {@link #predict(Path)} turns audio into its input.
   *
   * @return the recipe
   * @throws IllegalStateException if the bundle carries no usable feature configuration (then classify
   *     features you compute yourself with {@link #predict(float[][])} or {@link #predictPooled(float[])})
   */
  public FeatureSpec featureSpec() {
    if (featureSpec == null) {
      throw new IllegalStateException(featureProblem + ": use predict(float[][]) or predictPooled(float[])");
    }
    return featureSpec;
  }

  /**
   * Classifies an audio file: decoded by content, loaded (offset, duration, mono, rate) and featurised as
   * the bundle's {@link #featureSpec()} says, then run through the network. Only the part the recipe reads is
   * decoded.
   *
   * @param file the audio file
   * @return the prediction, with its quality notes
   * @throws AudioFormatException if the file is not decodable audio, is a directory, or holds too little
   *     audio ({@link TooShortAudioException}; see {@link #minimumDuration()}); the message names the file
   * @throws java.nio.file.NoSuchFileException if there is no file there
   * @throws IOException if it cannot be read
   * @throws IllegalStateException if the bundle carries no usable feature configuration
   */
  public Prediction predict(Path file) throws IOException {
    FeatureSpec spec = featureSpec();
    Objects.requireNonNull(file, "file");
    return predictLoaded(AudioLoader.load(file, spec.load()), file.toString());
  }

  /**
   * Classifies encoded audio held in memory (an upload, a message payload), decoded by content as
   * {@link #predict(Path)} decodes a file; equal to {@code predict(Path)} on the same bytes.
   *
   * @param encoded a WAV or AIFF file's bytes
   * @param sourceName how to name the audio in messages
   * @return the prediction
   * @throws AudioFormatException if the bytes are not decodable audio or too short (the message names
   *     {@code sourceName})
   * @throws IllegalStateException if the bundle carries no usable feature configuration
   */
  public Prediction predict(byte[] encoded, String sourceName) throws AudioFormatException {
    Objects.requireNonNull(encoded, "encoded");
    Objects.requireNonNull(sourceName, "sourceName");
    FeatureSpec spec = featureSpec();
    AudioClip clip = AudioReader.read(encoded, sourceName);
    return predictLoaded(AudioLoader.load(clip, spec.load()), sourceName);
  }

  /**
   * Classifies encoded audio from a stream (read to its end and held in memory, not closed); see
   * {@link #predict(byte[], String)}.
   *
   * @param encoded a WAV or AIFF file's bytes
   * @param sourceName how to name the audio in messages
   * @return the prediction
   * @throws AudioFormatException if the data are not decodable audio or too short
   * @throws IOException if the stream cannot be read
   * @throws IllegalStateException if the bundle carries no usable feature configuration
   */
  public Prediction predict(InputStream encoded, String sourceName) throws IOException {
    Objects.requireNonNull(encoded, "encoded");
    return predict(encoded.readAllBytes(), sourceName);
  }

  /**
   * Classifies a clip at any sample rate and channel count: cut, downmixed and resampled as the bundle's
   * {@link #featureSpec()} loads files, then featurised.
   *
   * @param clip the audio
   * @return the prediction
   * @throws TooShortAudioException if the clip is shorter than {@link #minimumDuration()}
   * @throws IllegalStateException if the bundle carries no usable feature configuration
   */
  public Prediction predict(AudioClip clip) throws TooShortAudioException {
    return predict(clip, "<clip>");
  }

  /**
   * Same as {@link #predict(AudioClip)}, naming the clip in messages.
   *
   * @param clip the audio
   * @param sourceName how to name the clip in messages
   * @return the prediction
   * @throws TooShortAudioException if the clip is shorter than {@link #minimumDuration()}
   * @throws IllegalStateException if the bundle carries no usable feature configuration
   */
  public Prediction predict(AudioClip clip, String sourceName) throws TooShortAudioException {
    Objects.requireNonNull(clip, "clip");
    FeatureSpec spec = featureSpec();
    return predictLoaded(AudioLoader.load(clip, spec.load()), sourceName);
  }

  /** Clips whose networks run together in {@link #predictAll}: each weight row is read once per batch. */
  static final int BATCH = 16;

  /**
   * What {@link #predictAll} made of one file: its prediction, or why it could not be classified.
   *
   * @param file the file
   * @param prediction the prediction (with its quality notes), or null
   * @param error why there is none (the message names the file), or null
   */
  public record Outcome(Path file, Prediction prediction, IOException error) {
    /** {@return whether the file was classified} */
    public boolean ok() {
      return prediction != null;
    }
  }

  /**
   * Classifies many files: each is decoded and featurised as {@link #predict(Path)} does, and the networks of
   * up to {@value #BATCH} clips run together, so that each weight row is read from memory once for all of
   * them (the recurrent matrix of the notebook's LSTM is 1 MB, read at every time step). The predictions equal
   * {@code predict(Path)}'s bit for bit. A file that cannot be used gets its reason, never an exception for
   * the whole list.
   *
   * @param files the audio files
   * @return one outcome per file, in the same order
   * @throws IllegalStateException if the bundle carries no usable feature configuration
   */
  public List<Outcome> predictAll(List<Path> files) {
    Objects.requireNonNull(files, "files");
    FeatureSpec spec = featureSpec();
    List<Outcome> out = new java.util.ArrayList<>(files.size());
    for (int from = 0; from < files.size(); from += BATCH) {
      List<Path> part = files.subList(from, Math.min(files.size(), from + BATCH));
      float[][][] inputs = new float[part.size()][][];
      List<QualityNote>[] notes = newNoteArray(part.size());
      IOException[] errors = new IOException[part.size()];
      for (int i = 0; i < part.size(); i++) {
        Path f = Objects.requireNonNull(part.get(i), "file");
        try {
          AudioClip loaded = AudioLoader.load(f, spec.load());
          double have = (double) loaded.frameCount() / spec.mfcc().sampleRate();
          float[][] features = spec.compute(loaded, extractor, f.toString()); // too short: typed, named
          try {
            inputs[i] = networkInput(features);
          } catch (IllegalArgumentException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
          }
          notes[i] = Quality.of(loaded, spec, have);
        } catch (IOException e) {
          errors[i] = e;
        } catch (IllegalArgumentException e) {
          errors[i] = new IOException(f + ": " + e.getMessage(), e);
        }
      }
      ArithmeticException[] overflow = new ArithmeticException[part.size()];
      Prediction[] ps = networkBatch(inputs, overflow);
      for (int i = 0; i < part.size(); i++) {
        if (overflow[i] != null) {
          errors[i] = new IOException(part.get(i) + ": " + overflow[i].getMessage(), overflow[i]);
        }
      }
      for (int i = 0; i < part.size(); i++) {
        out.add(errors[i] != null ? new Outcome(part.get(i), null, errors[i])
            : new Outcome(part.get(i), ps[i].withQuality(notes[i]), null));
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }

  @SuppressWarnings("unchecked")
  private static List<QualityNote>[] newNoteArray(int n) {
    return (List<QualityNote>[]) new List<?>[n];
  }

  /**
   * The network's input for one clip's features, checked as {@link #predict(float[][])} checks it: the
   * normalised pooled vector (one value per step) for a {@link InputMode#VECTOR_AS_STEPS} model, else the raw rows.
   */
  private float[][] networkInput(float[][] features) {
    if (bundle.inputMode() == InputMode.VECTOR_AS_STEPS) {
      float[] f = features[0];
      if (f.length != bundle.inputLength()) {
        throw new IllegalArgumentException("expected " + bundle.inputLength() + " pooled values, got " + f.length);
      }
      checkFinite(f, 0);
      float[] v = new float[f.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = mean == null ? f[i] : (f[i] - mean[i]) * invStd[i];
      }
      return new float[][] {v};
    }
    int nIn = bundle.inputLength();
    for (int t = 0; t < features.length; t++) {
      if (features[t] == null || features[t].length != nIn) {
        throw new IllegalArgumentException("time step " + t + " has "
            + (features[t] == null ? 0 : features[t].length) + " features, the model expects " + nIn);
      }
      checkFinite(features[t], t);
    }
    if (lstm == null && features.length != 1) {
      throw new IllegalArgumentException("a dense-only model takes one time step, got " + features.length);
    }
    return features;
  }

  /**
   * The networks of several clips (null entries skipped), sharing weight reads; null where skipped or where
   * the output is not finite (then {@code overflow[i]} says so).
   */
  private Prediction[] networkBatch(float[][][] inputs, ArithmeticException[] overflow) {
    int b = inputs.length;
    Prediction[] out = new Prediction[b];
    float[][] last = new float[b][];
    if (lstm != null) {
      boolean pooled = bundle.inputMode() == InputMode.VECTOR_AS_STEPS;
      int[] steps = new int[b];
      for (int i = 0; i < b; i++) {
        steps[i] = inputs[i] == null ? 0 : pooled ? inputs[i][0].length : inputs[i].length;
      }
      last = runLstmBatch(lstm, inputs, pooled, steps);
    } else {
      for (int i = 0; i < b; i++) {
        last[i] = inputs[i] == null ? null : normalizedRow(inputs[i][0], new float[maxWidth]);
      }
    }
    for (int i = 0; i < b; i++) {
      if (last[i] != null) {
        float[] x = new float[maxWidth];
        System.arraycopy(last[i], 0, x, 0, last[i].length);
        try {
          out[i] = dense(x, new float[maxWidth]);
        } catch (ArithmeticException e) {
          overflow[i] = e;
        }
      }
    }
    return out;
  }

  /**
   * The LSTM for several clips at once (clip i runs {@code steps[i]} steps; 0 = skipped), returning each
   * clip's last hidden state: the same operations in the same order for every clip as for a clip alone (so a
   * batch gives what one-by-one gives, bit for bit), but each input and recurrent weight row is loaded once per
   * time step for all clips. {@code pooled}: {@code inputs[i][0]} holds one normalised value per step; else
   * {@code inputs[i]} holds the raw rows (normalised here).
   */
  private float[][] runLstmBatch(LstmLayer l, float[][][] inputs, boolean pooled, int[] steps) {
    final int n = l.nOut();
    final int nIn = l.nIn();
    final float[][][] w = lstmW;
    int b = steps.length;
    int maxSteps = 0;
    for (int s : steps) {
      maxSteps = Math.max(maxSteps, s);
    }
    float[][][] z = new float[b][4][n];
    float[][] h = new float[b][n];
    float[][] c = new float[b][n];
    float[][] x = pooled ? null : new float[b][nIn];
    int[] active = new int[b];
    for (int t = 0; t < maxSteps; t++) {
      int na = 0;
      for (int i = 0; i < b; i++) {
        if (t < steps[i]) {
          active[na++] = i;
          for (int g = 0; g < 4; g++) {
            System.arraycopy(lstmB[g], 0, z[i][g], 0, n);
          }
        }
      }
      if (pooled) {
        for (int a = 0; a < na; a++) {
          int i = active[a];
          for (int g = 0; g < 4; g++) {
            LstmKernel.axpy(inputs[i][0][t], w[0][g], z[i][g], 0, n);
          }
        }
      } else {
        for (int a = 0; a < na; a++) {
          normalizedRow(inputs[active[a]][t], x[active[a]]);
        }
        for (int k = 0; k < nIn; k++) {
          float[][] wk = w[k];
          for (int a = 0; a < na; a++) {
            int i = active[a];
            float xk = x[i][k];
            if (xk != 0f) {
              for (int g = 0; g < 4; g++) {
                LstmKernel.axpy(xk, wk[g], z[i][g], 0, n);
              }
            }
          }
        }
      }
      if (t > 0) {
        LstmKernel.recurrent(lstmRW, h, z, active, na, n, (t & 1) == 0);
      }
      for (int a = 0; a < na; a++) {
        int i = active[a];
        LstmKernel.cell(z[i], c[i], h[i], n);
      }
    }
    float[][] out = new float[b][];
    for (int i = 0; i < b; i++) {
      out[i] = steps[i] > 0 ? h[i] : null;
    }
    return out;
  }

  /** Features and network for a clip loaded as the spec says (mono, at its rate). */
  private Prediction predictLoaded(AudioClip loaded, String source) throws TooShortAudioException {
    return predictLoaded(loaded, source, null);
  }

  /** As {@link #predictLoaded(AudioClip, String)}, standardised with {@code profile} when it is not null. */
  private Prediction predictLoaded(AudioClip loaded, String source, SpeakerProfile profile)
      throws TooShortAudioException {
    FeatureSpec spec = featureSpec;
    double have = (double) loaded.frameCount() / spec.mfcc().sampleRate();
    float[][] features = featuresOf(loaded, source);
    Prediction p = profile == null ? predictFeatures(features) : predictPooled(features[0], profile);
    return p.withQuality(Quality.of(loaded, spec, have));
  }

  private float[][] featuresOf(AudioClip loaded, String source) throws TooShortAudioException {
    return featureSpec.compute(loaded, extractor, source); // checks minimumSamples, naming the source
  }

  // ---------------------------------------------------------------- speaker profiles

  /**
   * Whether the model was trained with speaker normalisation ({@link Provenance#normalization()} is
   * {@code "speaker"}): it then works best with a {@link SpeakerProfile} of the speaker; without one the input is
   * standardised with the training data's global statistics.
   *
   * @return true for a speaker-normalised model
   */
  public boolean speakerNormalized() {
    return bundle.provenance().normalization().map("speaker"::equals).orElse(false);
  }

  /**
   * The pooled feature vector of a file as this model computes it (before any normalisation): what a
   * {@link SpeakerProfile} is built from.
   *
   * @param file an audio file
   * @return the vector of {@link ModelBundle#inputLength()} values
   * @throws AudioFormatException naming the file, if it is not usable audio or too short
   * @throws IOException if it cannot be read
   * @throws IllegalStateException if the bundle has no usable feature recipe, or its features are not pooled
   */
  public float[] featureVector(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    requirePooledRecipe();
    return featuresOf(AudioLoader.load(file, featureSpec.load()), file.toString())[0];
  }

  /**
   * {@link #featureVector(Path)} of a clip at any rate (loaded as the recipe says first).
   *
   * @param clip the audio
   * @return the vector
   * @throws TooShortAudioException if the clip is shorter than {@link #minimumDuration()}
   * @throws IllegalStateException if the bundle has no usable feature recipe, or its features are not pooled
   */
  public float[] featureVector(AudioClip clip) throws TooShortAudioException {
    Objects.requireNonNull(clip, "clip");
    requirePooledRecipe();
    return featuresOf(AudioLoader.load(clip, featureSpec.load()), "<clip>")[0];
  }

  private void requirePooledRecipe() {
    if (featureSpec().pooling() == FeatureSpec.Summary.NONE) {
      throw new IllegalStateException("this model reads frame sequences ('" + featureSpec.name() + "'): speaker"
          + " profiles need a model with pooled features (stats, voice, notebook)");
    }
  }

  /**
   * Classifies a file with its speaker's profile: as {@link #predict(Path)}, but the input is standardised with
   * the profile ({@link SpeakerProfile#standardize}) instead of the bundle's global statistics.
   *
   * @param file the audio file
   * @param profile the speaker's profile, built for this model
   * @return the prediction, with its quality notes
   * @throws AudioFormatException naming the file, if it is not usable audio or too short
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if the profile has another size than the model's input
   * @throws IllegalStateException if the model has no input normalisation or reads frame sequences
   */
  public Prediction predict(Path file, SpeakerProfile profile) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(profile, "profile");
    requirePooledRecipe();
    return predictLoaded(AudioLoader.load(file, featureSpec.load()), file.toString(), profile);
  }

  /**
   * {@link #predict(Path, SpeakerProfile)} for a clip at any rate.
   *
   * @param clip the audio
   * @param profile the speaker's profile
   * @return the prediction
   * @throws TooShortAudioException if the clip is shorter than {@link #minimumDuration()}
   */
  public Prediction predict(AudioClip clip, SpeakerProfile profile) throws TooShortAudioException {
    Objects.requireNonNull(clip, "clip");
    Objects.requireNonNull(profile, "profile");
    requirePooledRecipe();
    return predictLoaded(AudioLoader.load(clip, featureSpec.load()), "<clip>", profile);
  }

  /**
   * Classifies a pooled feature vector standardised with a speaker's profile:
   * {@code z = profile.standardize(features, globalStd)} replaces the bundle's {@code (x - mean) / std}.
   *
   * @param features the raw pooled vector ({@link #featureVector(Path)})
   * @param profile the speaker's profile
   * @return the prediction
   * @throws IllegalArgumentException if the sizes differ or a value is not finite
   * @throws IllegalStateException if the model has no input normalisation
   */
  public Prediction predictPooled(float[] features, SpeakerProfile profile) {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(profile, "profile");
    if (mean == null) {
      throw new IllegalStateException("this model has no input normalisation, so a speaker profile has nothing to"
          + " replace (train with standardisation, e.g. the stats or voice preset)");
    }
    checkFinite(features, 0);
    float[] globalStd = bundle.normalization().orElseThrow().std();
    float[] z = profile.standardize(features, globalStd);
    // the network standardises with the bundle's statistics: hand it mean + std * z, which they map back to z
    float[] x = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      x[i] = (float) (mean[i] + (double) globalStd[i] * z[i]);
    }
    return predictPooled(x);
  }

  private Prediction predictFeatures(float[][] features) {
    if (bundle.inputMode() == InputMode.VECTOR_AS_STEPS) {
      return predictPooled(features[0]);
    }
    return predict(features);
  }

  /**
   * Classifies a sequence of time steps x features (normalised with the bundle's statistics first). For a
   * {@link InputMode#VECTOR_AS_STEPS} bundle a [length][1] array is accepted too and read as the pooled vector.
   *
   * @param sequence rows of features, finite
   * @return the prediction
   * @throws IllegalArgumentException if a row has the wrong width or a non-finite value
   * @throws ArithmeticException if the network's output overflows (weights too large for the input)
   */
  public Prediction predict(float[][] sequence) {
    Objects.requireNonNull(sequence, "sequence");
    return predict(sequence, sequence.length);
  }

  /**
   * Classifies the first {@code steps} rows of {@code sequence} (the rest is padding and ignored, as a mask
   * would do).
   *
   * @param sequence rows of features, finite
   * @param steps how many rows to read
   * @return the prediction
   * @throws IllegalArgumentException if {@code steps} is out of range, or a row is unusable
   * @throws ArithmeticException if the network's output overflows
   */
  public Prediction predict(float[][] sequence, int steps) {
    Objects.requireNonNull(sequence, "sequence");
    if (steps <= 0 || steps > sequence.length) {
      throw new IllegalArgumentException("steps must be in [1, " + sequence.length + "], got " + steps);
    }
    if (bundle.inputMode() == InputMode.VECTOR_AS_STEPS) {
      float[] v = new float[steps];
      for (int t = 0; t < steps; t++) {
        if (sequence[t] == null || sequence[t].length != 1) {
          throw new IllegalArgumentException("pooled model: expected [" + bundle.inputLength()
              + "][1] input, row " + t + " has " + (sequence[t] == null ? 0 : sequence[t].length) + " values");
        }
        v[t] = sequence[t][0];
      }
      return predictPooled(v);
    }
    int nIn = bundle.inputLength();
    for (int t = 0; t < steps; t++) {
      float[] row = sequence[t];
      if (row == null || row.length != nIn) {
        throw new IllegalArgumentException("time step " + t + " has " + (row == null ? 0 : row.length)
            + " features, the model expects " + nIn);
      }
      checkFinite(row, t);
    }
    float[] h = new float[maxWidth];
    float[] tmp = new float[maxWidth];
    float[] x;
    if (lstm != null) {
      x = runLstm(lstm, sequence, steps, h);
    } else {
      if (steps != 1) {
        throw new IllegalArgumentException("a dense-only model takes one time step, got " + steps);
      }
      x = normalizedRow(sequence[0], new float[maxWidth]);
    }
    return dense(x, tmp);
  }

  /**
   * Classifies one utterance's pooled feature vector: for a {@link InputMode#VECTOR_AS_STEPS} bundle (the
   * notebook preset) the {@code n} values are read as {@code n} time steps of one feature, after per-position
   * normalisation; for a {@link InputMode#SEQUENCE} bundle whose input is one step of that width (the default
   * {@code stats} preset: 240 statistics) the vector is that step.
   *
   * @param features the pooled vector, finite
   * @return the prediction
   * @throws IllegalStateException if the model reads frame sequences of another width
   * @throws IllegalArgumentException if the length is wrong or a value is not finite
   * @throws ArithmeticException if the network's output overflows
   */
  public Prediction predictPooled(float[] features) {
    Objects.requireNonNull(features, "features");
    float[][][] input = {pooledInput(features)};
    ArithmeticException[] overflow = new ArithmeticException[1];
    Prediction p = networkBatch(input, overflow)[0];
    if (overflow[0] != null) {
      throw overflow[0];
    }
    return p;
  }

  /**
   * The network's input for a pooled vector, checked: one value per step for a
   * {@link InputMode#VECTOR_AS_STEPS} model, else one step of {@link ModelBundle#inputLength()} statistics.
   */
  private float[][] pooledInput(float[] features) {
    if (bundle.inputMode() != InputMode.VECTOR_AS_STEPS && features.length != bundle.inputLength()) {
      throw new IllegalStateException("this model reads sequences of " + bundle.inputLength()
          + " features per step; use predict(float[][])");
    }
    return networkInput(new float[][] {features});
  }

  /**
   * {@link #predictPooled(float[])} for many vectors: the networks of up to {@value #BATCH} vectors run
   * together, so that each weight row is read from memory once for all of them (the notebook LSTM's recurrent
   * matrix, 1 MB, is read at every one of its 40 steps). Each prediction equals {@code predictPooled}'s for the
   * same vector bit for bit. Use it to score many cached feature vectors, e.g. a whole test set.
   *
   * @param vectors pooled feature vectors ({@link #featureVector(Path)}), finite
   * @return one prediction per vector, in the same order (without quality notes: there is no audio to judge)
   * @throws IllegalArgumentException naming the index of the first vector of the wrong length or with a
   *     non-finite value
   * @throws IllegalStateException if the model reads frame sequences of another width
   * @throws ArithmeticException naming the index of the first vector whose output overflows
   */
  public List<Prediction> predictPooledAll(List<float[]> vectors) {
    Objects.requireNonNull(vectors, "vectors");
    List<Prediction> out = new java.util.ArrayList<>(vectors.size());
    for (int from = 0; from < vectors.size(); from += BATCH) {
      int size = Math.min(BATCH, vectors.size() - from);
      float[][][] inputs = new float[size][][];
      for (int i = 0; i < size; i++) {
        int index = from + i;
        float[] f = Objects.requireNonNull(vectors.get(index), () -> "vector " + index + " is null");
        try {
          inputs[i] = pooledInput(f);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("vector " + index + ": " + e.getMessage(), e);
        }
      }
      ArithmeticException[] overflow = new ArithmeticException[size];
      Prediction[] ps = networkBatch(inputs, overflow);
      for (int i = 0; i < size; i++) {
        if (overflow[i] != null) {
          throw new ArithmeticException("vector " + (from + i) + ": " + overflow[i].getMessage());
        }
        out.add(ps[i]);
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private static void checkFinite(float[] row, int t) {
    for (float f : row) {
      if (!Float.isFinite(f)) {
        throw new IllegalArgumentException("non-finite input value " + f + " at time step " + t);
      }
    }
  }

  private float[] normalizedRow(float[] row, float[] out) {
    if (mean == null) {
      System.arraycopy(row, 0, out, 0, row.length);
    } else {
      for (int k = 0; k < row.length; k++) {
        out[k] = (row[k] - mean[k]) * invStd[k];
      }
    }
    return out;
  }

  /**
   * LSTM over the first {@code steps} rows of {@code seq} (normalised per feature here); returns the last hidden
   * state in {@code hOut}.
   */
  private float[] runLstm(LstmLayer l, float[][] seq, int steps, float[] hOut) {
    float[] h = runLstmBatch(l, new float[][][] {seq}, false, new int[] {steps})[0];
    System.arraycopy(h, 0, hOut, 0, h.length);
    return hOut;
  }

  /** z[0..len) += a * row[0..len): same index on both arrays, so C2 vectorises it. */
  private static void axpy(float a, float[] row, float[] z, int len) {
    LstmKernel.axpy(a, row, z, 0, len);
  }

  static double sigmoid(double x) {
    return 1.0 / (1.0 + exp(-x));
  }

  static double tanh(double x) {
    // 1 - 2/(e^{2x}+1): accurate to ~1e-10 with exp below (Math.tanh is not a JIT intrinsic in Java 17)
    return 1.0 - 2.0 / (exp(2.0 * x) + 1.0);
  }

  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2 = 0.6931471805599453;

  /**
   * e^x with relative error below 3e-10 (range reduction to 2^n * e^y, |y| <= ln2/2, degree-8 Taylor
   * polynomial); cheaper than {@link Math#exp}, which matters because the LSTM evaluates five
   * exponentials per unit and time step.
   */
  static double exp(double x) {
    if (x > 709.0) {
      return Double.POSITIVE_INFINITY;
    }
    if (x < -708.0) {
      return 0.0;
    }
    double n = Math.floor(x * LOG2E + 0.5);
    double y = x - n * LN2;
    double p = 1.0 + y * (1.0 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24 + y * (1.0 / 120
        + y * (1.0 / 720 + y * (1.0 / 5040 + y * (1.0 / 40320))))))));
    return p * Double.longBitsToDouble((long) (n + 1023) << 52);
  }

  private Prediction dense(float[] in, float[] out) {
    float[] x = in;
    float[] y = out;
    double[] probs = null;
    for (int li = firstDense; li < layers.size(); li++) {
      DenseLayer d = (DenseLayer) layers.get(li);
      int nIn = d.nIn();
      int nOut = d.nOut();
      float[][] dw = denseW[li];
      System.arraycopy(d.b, 0, y, 0, nOut);
      for (int k = 0; k < nIn; k++) {
        float xk = x[k];
        if (xk != 0f) {
          axpy(xk, dw[k], y, nOut);
        }
      }
      switch (d.activation()) {
        case IDENTITY -> { }
        case RELU -> {
          for (int j = 0; j < nOut; j++) {
            if (y[j] < 0f) {
              y[j] = 0f;
            }
          }
        }
        case TANH -> {
          for (int j = 0; j < nOut; j++) {
            y[j] = (float) tanh(y[j]);
          }
        }
        case SIGMOID -> {
          for (int j = 0; j < nOut; j++) {
            y[j] = (float) sigmoid(y[j]);
          }
        }
        case SOFTMAX -> probs = softmax(y, nOut);
      }
      float[] s = x;
      x = y;
      y = s;
    }
    if (probs == null) {
      throw new IllegalStateException("network has no softmax output");
    }
    for (double p : probs) {
      if (!Double.isFinite(p)) {
        throw new ArithmeticException("the network's output is not finite (" + java.util.Arrays.toString(probs)
            + "): its weights overflow float arithmetic on this input");
      }
    }
    return new Prediction(bundle.labels(), probs);
  }

  private static double[] softmax(float[] y, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, y[j]);
    }
    double[] p = new double[n];
    double sum = 0;
    for (int j = 0; j < n; j++) {
      p[j] = Math.exp(y[j] - max);
      sum += p[j];
    }
    for (int j = 0; j < n; j++) {
      p[j] /= sum;
    }
    return p;
  }
}
