/**
 * Corpus reading for speech emotion recognition (planned; see issue 4).
 *
 * <p>This package will turn a folder of recordings into labelled, split, featurised data:
 * {@code Utterance} (path, corpus, speaker, word, {@code Emotion}), a {@code Corpus} scan result with its
 * problems, one adapter per corpus (TESS, RAVDESS, CREMA-D, SAVEE, EmoDB), seeded leakage-free
 * {@code Split}s with manifest CSVs, and cached, parallel feature extraction over ser-features.
 */
package org.ser4j.data;
