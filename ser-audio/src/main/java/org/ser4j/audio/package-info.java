/**
 * Audio input for ser4j: decoding by content, {@code librosa.load} semantics, resampling and WAV writing.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link org.ser4j.audio.AudioReader}: decode RIFF/WAVE (PCM 8/16/24/32, IEEE float 32/64, A-law,
 *       mu-law, WAVE_FORMAT_EXTENSIBLE) and AIFF / AIFF-C by their content, whatever the file is called,
 *       scaled exactly as soundfile/libsndfile scale them;</li>
 *   <li>{@link org.ser4j.audio.AudioClip}: the immutable decoded audio (float samples per channel, sample
 *       rate, warnings about what the decoder had to repair);</li>
 *   <li>{@code AudioLoader} with {@code LoadOptions}: {@code librosa.load} (target rate, mono, offset,
 *       duration);</li>
 *   <li>{@code Resampler}: band-limited sample-rate conversion for any rate pair, batch or streaming;</li>
 *   <li>{@code WavWriter}: PCM 16/24 and float 32 WAV output.</li>
 * </ul>
 * Bad input raises an {@link org.ser4j.audio.AudioFormatException} (or a subclass) whose message names the
 * file and the problem.
 */
package org.ser4j.audio;
