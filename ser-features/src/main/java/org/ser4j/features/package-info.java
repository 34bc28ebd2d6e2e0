/**
 * MFCC and its building blocks, matching librosa 0.11 element by element.
 *
 * <p>Entry points: {@code MfccConfig} (immutable, built like {@code librosa.feature.mfcc}'s signature, with
 * librosa's defaults), {@code MfccExtractor} (thread-safe, reusable), {@code MfccStream} (push samples,
 * receive frames), and the public building blocks {@code Spectrograms} and {@code MelFilterbank}.
 */
package org.ser4j.features;
