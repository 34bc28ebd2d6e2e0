/**
 * ser4j on Apache Spark: corpus-scale feature extraction ({@link org.ser4j.spark.SparkFeatures}) and emotion
 * recognition ({@link org.ser4j.spark.SparkRecognizer}) over folders of WAV/AIFF files on any file system
 * Spark reads, with one row per file and bad files as rows with an error, never a failed job; and the
 * runnable job {@link org.ser4j.spark.SerSparkJob} that writes them as Parquet.
 *
 * <p>Spark (3.5.x, Scala 2.12) is a provided dependency: the cluster's own. Decoding, features and the
 * recognizer are plain Java, so executors need nothing installed beyond the job jar.
 */
package org.ser4j.spark;
