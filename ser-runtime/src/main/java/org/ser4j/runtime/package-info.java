/**
 * The embeddable emotion recognizer (planned; see issue 5).
 *
 * <p>This package will read a {@code ModelBundle} and answer {@code EmotionRecognizer.predict(...)} with a
 * {@code Prediction} (a probability per emotion), running the trained LSTM and dense layers in plain Java,
 * so that an application that embeds it needs neither DL4J nor ND4J nor any native library.
 */
package org.ser4j.runtime;
