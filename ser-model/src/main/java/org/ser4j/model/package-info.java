/**
 * Training and evaluation of emotion classifiers on Deeplearning4j (planned; see issue 5).
 *
 * <p>This package will hold {@code ModelConfig} with the {@code notebook} and {@code framewise} presets, a
 * {@code Trainer} that turns a featurised corpus into a {@code TrainingResult} (network and per-epoch
 * {@code History}), {@code Evaluation} (accuracy, per-class scores, confusion matrix), and the writer of the
 * {@code ModelBundle} files that ser-runtime reads.
 */
package org.ser4j.model;
