package org.ser4j.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Imports a Keras model saved as HDF5 ({@code model.save('model.h5')}, Keras 2; the seed notebook's LSTM) so
 * that the plain-Java {@link org.ser4j.runtime.EmotionRecognizer} runs it.
 *
 * <pre>{@code
 * KerasModel keras = KerasImport.read(Path.of("model.h5"));
 * keras.toBundle().write(Path.of("model.ser4j"));     // the notebook's features and label order
 * EmotionRecognizer r = keras.recognizer();           // or run it straight away
 * }</pre>
 *
 * <p><b>What is supported.</b> Sequential models of: InputLayer; one LSTM as the first computing layer
 * ({@code return_sequences=False}, activation tanh, recurrent_activation sigmoid, with or without bias);
 * Dense with relu, tanh, sigmoid, softmax or linear; a separate Activation/Softmax/ReLU right after a linear
 * Dense (folded into it); Dropout, GaussianNoise, GaussianDropout, AlphaDropout and ActivityRegularization
 * (no-ops at inference); Flatten and Reshape where they do not change what the next layer sees. The last
 * layer must be a softmax Dense. Anything else (GRU, stacked or bidirectional LSTMs, hard_sigmoid gates of
 * old Keras versions, convolutions, functional models, ...) fails with a {@link KerasImportException}
 * naming the layer: never a silently different model.
 *
 * <p><b>Weights.</b> Keras stores an LSTM's kernel as (inputs, 4 x units), its recurrent kernel as
 * (units, 4 x units) and its bias as (4 x units) with gate blocks i, f, c, o: exactly the layout and gate
 * order of {@link org.ser4j.runtime.LstmLayer} (i, f, g, o), so they are copied as they are; a Dense kernel
 * (inputs, units) is {@link org.ser4j.runtime.DenseLayer}'s W[nIn][nOut]. Each array's shape is checked
 * against the layer's configuration before it is read.
 *
 * <p><b>Reader.</b> The HDF5 file is read with jhdf (io.jhdf), a pure-Java HDF5 reader, so the import runs
 * wherever Java does, with no native code; Deeplearning4j's Keras import would have brought native HDF5
 * through JavaCPP and the whole DL4J stack. The import lives in its own module (ser-keras) so that
 * ser-runtime, which embedders ship, carries neither jhdf nor Jackson. Files are read whole into memory
 * (at most 512 MiB) and every declared size is checked against the file's, so a truncated or corrupt file
 * fails with a {@link KerasImportException} rather than an unbounded allocation.
 */
public final class KerasImport {

  /**
   * The seed notebook's label order: the sorted labels of its one-hot encoder (angry, disgust, fear, happy,
   * neutral, ps, sad), spelled as ser4j spells the TESS classes ({@code ps} is {@code pleasant_surprise}),
   * so that {@code ser evaluate} matches them with corpus labels.
   */
  public static final List<String> NOTEBOOK_LABELS =
      List.of("angry", "disgust", "fear", "happy", "neutral", "pleasant_surprise", "sad");

  private KerasImport() {
  }

  /**
   * Reads a Keras HDF5 model file.
   *
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws KerasImportException if the file is not a readable Keras model (not HDF5, truncated, corrupt,
   *     weights only) or has a layer, shape or activation the recognizer cannot run; the message names the
   *     file and the layer
   * @throws IOException if the file cannot be read
   */
  public static KerasModel read(Path file) throws IOException {
    return Importer.read(Objects.requireNonNull(file, "file"));
  }
}
