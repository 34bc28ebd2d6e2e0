/**
 * The embeddable emotion recognizer: plain Java, no DL4J/ND4J, no native code (depends on ser-features,
 * ser-audio and the SLF4J API only; JTransforms only for FFT sizes that are not powers of two).
 *
 * <p>{@link org.ser4j.runtime.ModelBundle} is the one-file saved model (zip: properties text entries plus
 * little-endian float32 weights; format documented on the class) written by ser-model and read here with
 * strict validation ({@link org.ser4j.runtime.ModelBundleException} for foreign, newer, corrupt, truncated,
 * oversized or inconsistent files). {@link org.ser4j.runtime.EmotionRecognizer} runs the stored network
 * (an {@link org.ser4j.runtime.LstmLayer} returning its last time step, then
 * {@link org.ser4j.runtime.DenseLayer}s ending in softmax) and answers a
 * {@link org.ser4j.runtime.Prediction} (a probability per label). It is thread-safe and allocation-light:
 * one forward pass of the notebook network (LSTM 256 over 40 steps, dense 128/64/7) takes about 1 ms of
 * CPU on one thread on a busy 2-core machine.
 *
 * <p>{@link org.ser4j.runtime.Evaluation} scores predictions against true labels (accuracy, per-class
 * precision, recall and F1, macro-F1, confusion matrix) with no dependency on the training engine.
 *
 * <p>A bundle carries its feature recipe ({@link org.ser4j.features.FeatureSpec}: load options, MFCC,
 * deltas, pooling), so {@code EmotionRecognizer.predict(Path)} and {@code predict(AudioClip)} featurise audio
 * exactly as the training data were; {@code predict(byte[], String)} and {@code predict(InputStream, String)}
 * classify encoded uploads. Bundles load from any {@link java.nio.file.Path} (also inside a jar), a URL, a
 * stream or bytes. {@link org.ser4j.runtime.StreamingRecognizer} classifies live audio in sliding windows.
 * Predictions from audio carry {@link org.ser4j.runtime.QualityNote}s (decoder repairs, silence, clipping,
 * less audio than the model's window); bad audio raises the checked
 * {@link org.ser4j.audio.AudioFormatException} family, naming the source and the reason.
 */
package org.ser4j.runtime;
