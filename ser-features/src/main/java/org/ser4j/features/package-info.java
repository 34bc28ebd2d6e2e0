/**
 * MFCC and its building blocks, matching librosa 0.11 element by element.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link org.ser4j.features.MfccConfig}: immutable, built like {@code librosa.feature.mfcc}'s signature,
 *       with librosa's defaults ({@code MfccConfig.notebook(sr)} is the seed notebook's 40-coefficient setup);
 *   <li>{@link org.ser4j.features.MfccExtractor}: thread-safe and reusable, {@code float[frames][nMfcc]} per
 *       signal or {@link org.ser4j.audio.AudioClip}, plus a batch helper over many signals;
 *   <li>{@link org.ser4j.features.MfccStream}: push samples of any block size, receive frames as they complete;
 *   <li>{@link org.ser4j.features.Deltas} ({@code feature.delta}) and {@link org.ser4j.features.Pooling}
 *       (mean / std over frames, the notebook's utterance vector);
 *   <li>{@link org.ser4j.features.SpectralFeatures} ({@code feature.rms}, {@code zero_crossing_rate},
 *       {@code spectral_centroid}, {@code _bandwidth}, {@code _rolloff}, {@code _flatness}, {@code _contrast}) and
 *       {@link org.ser4j.features.Pitch} ({@code yin}, {@code pyin} giving a {@link org.ser4j.features.PitchTrack});
 *       {@link org.ser4j.features.FrameStatistics} summarises such a track over an utterance and expresses F0
 *       in semitones relative to a reference;
 *   <li>building blocks: {@link org.ser4j.features.Spectrograms} (framing, window, power spectrogram, mel
 *       spectrogram, {@code power_to_db}), {@link org.ser4j.features.MelFilterbank} ({@code filters.mel},
 *       sparse), {@link org.ser4j.features.Dct} (DCT-II ortho, lifter) and
 *       {@link org.ser4j.features.PowerSpectrum} (one frame's {@code |rfft|^2}).
 * </ul>
 *
 * <p>Conventions: matrices are {@code float[frames][values]}, one row per frame (the transpose of librosa's
 * arrays); the input is the mono float32 signal at the config's sample rate; an empty signal is rejected with
 * {@link java.lang.IllegalArgumentException}. Accuracy: against librosa's float32 results, every MFCC element is
 * within {@code 2e-3 + 1e-4 |x|} (see the parity tests and {@code ser-audio/src/test/resources/golden/README.md}).
 * The library logs through SLF4J only and never prints.
 */
package org.ser4j.features;
