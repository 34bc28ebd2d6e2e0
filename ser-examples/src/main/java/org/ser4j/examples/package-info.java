/**
 * Example programs, each a {@code main} of a few lines, compiled and run by the tests: {@code ExtractMfcc}
 * (ser-features alone), {@code TrainAndSave} (train the notebook's model and save a bundle),
 * {@code EmbedRecognizer} (classify WAV files with ser-runtime alone) and {@code LiveMicrophone} (sliding
 * windows over a javax.sound microphone stream).
 */
package org.ser4j.examples;
