/**
 * Corpora for speech emotion recognition: from a folder of recordings to labelled, split, featurised data.
 *
 * <ul>
 *   <li>{@link org.ser4j.data.Corpus#scan}: the {@link org.ser4j.data.Utterance}s (path, corpus, speaker,
 *       word, {@link org.ser4j.data.Emotion}) of a folder in any common layout, labelled by the naming
 *       conventions of {@link org.ser4j.data.CorpusFormat} (TESS, RAVDESS, CREMA-D, SAVEE, EmoDB), and every
 *       {@link org.ser4j.data.Problem} met; {@link org.ser4j.data.CorpusStats} adds durations and formats;</li>
 *   <li>{@link org.ser4j.data.Splits}: seeded stratified, speaker-held-out, word-held-out and grouped k-fold
 *       {@link org.ser4j.data.Split}s, saved and re-read as {@link org.ser4j.data.Manifest} CSVs;</li>
 *   <li>{@link org.ser4j.data.CorpusFeatures}: a {@link org.ser4j.features.FeatureSpec}'s features for many
 *       utterances, in parallel, with progress reports and an on-disk {@link org.ser4j.data.FeatureCache};</li>
 *   <li>{@link org.ser4j.data.SyntheticTess}: a seeded synthetic corpus in TESS's layout for demos and tests.</li>
 * </ul>
 */
package org.ser4j.data;
