/**
 * Training and evaluation of emotion classifiers on Deeplearning4j 1.0.0-M2.1 (CPU, linux-x86_64).
 *
 * <ul>
 *   <li>{@link org.ser4j.model.ModelConfig}: immutable recipe with presets {@code notebook()} (the Keras
 *       notebook: 40 mean MFCCs as 40 steps of 1 feature, LSTM 256, dense 128/64, dropout 0.2, Adam 1e-3,
 *       batch 64, 50 epochs) and {@code framewise(nFeatures)} (masked variable-length MFCC frames,
 *       standardised on the training part, early stopping). Dropout values are Keras drop probabilities.</li>
 *   <li>{@link org.ser4j.model.FeatureDataset}: labelled sequences or pooled vectors in memory.</li>
 *   <li>{@link org.ser4j.model.Trainer} -&gt; {@link org.ser4j.model.TrainingResult} (DL4J network,
 *       {@link org.ser4j.model.History}, normalisation); progress via
 *       {@link org.ser4j.model.TrainingListener}; deterministic for a given seed.</li>
 *   <li>{@link org.ser4j.model.Experiment}: the whole flow (corpus, split, {@link org.ser4j.model.Preset},
 *       seed -&gt; features, training, evaluation, a bundle with provenance), what {@code ser train} runs.</li>
 *   <li>Scores are {@link org.ser4j.runtime.Evaluation}s (in ser-runtime, so that an app can score the
 *       recognizer without DL4J): accuracy, per-class precision/recall/F1, macro-F1, confusion.</li>
 *   <li>{@link org.ser4j.model.ModelBundles} / {@code TrainingResult.toBundle}: export to the ser-runtime
 *       {@code ModelBundle} (LSTM gates permuted from DL4J's [g, f, o, i] blocks to i, f, g, o).</li>
 *   <li>{@link org.ser4j.model.NativeSettings}: ND4J thread settings (1 OpenMP/BLAS thread by default).</li>
 * </ul>
 */
package org.ser4j.model;
