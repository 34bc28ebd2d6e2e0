package org.ser4j.spark;

import static org.apache.spark.sql.functions.col;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.ser4j.data.CorpusFormat;

/** Lists and reads the audio files under a path with Spark's {@code binaryFile} source, then runs the work. */
final class SparkInput {
  /**
   * The file names read, as a Hadoop glob: the extensions a corpus scan accepts (wav, wave, aif, aiff, aifc,
   * w64), in any case. Decoding is by content, so a name only selects what is tried.
   */
  static final String GLOB = "*.{" + String.join(",", anyCase("wav"), anyCase("wave"), anyCase("aif"),
      anyCase("aiff"), anyCase("aifc"), anyCase("w64")) + "}";

  private SparkInput() {
  }

  /**
   * One row per audio file under {@code path}: {@code work}'s rows for files up to the size limit, an error
   * row for each larger file (never read).
   */
  static Dataset<Row> run(SparkSession spark, String path, AudioReadOptions options, FileWork work,
      boolean classify) {
    Dataset<Row> files = spark.read().format("binaryFile")
        .option("recursiveFileLookup", "true")
        .option("pathGlobFilter", GLOB)
        .load(path);
    StructType schema = FileWork.schema(classify);
    long max = options.maxFileBytes();
    // the length filter is pushed into the source: files over the limit are never read
    Dataset<Row> read = files.filter(col("length").leq(max)).select("path", "content")
        .mapPartitions(work, Encoders.row(schema));
    Dataset<Row> tooLarge = files.filter(col("length").gt(max)).select("path", "length")
        .map(new TooLarge(options.corpus().orElse(null), max, classify), Encoders.row(schema));
    // Spark's file scan drops zero-length files before any task sees them: they are found in the file index
    // (on the driver, where Spark already holds the listing) and reported, never silently left out
    List<String> listed = new ArrayList<>();
    for (String uri : files.inputFiles()) {
      listed.add(new org.apache.hadoop.fs.Path(URI.create(uri)).toString()); // the path column's spelling
    }
    Dataset<Row> empty = spark.createDataset(listed, Encoders.STRING()).toDF("path")
        .except(files.select("path"))
        .map(new EmptyFile(options.corpus().orElse(null), classify), Encoders.row(schema));
    return read.union(tooLarge).union(empty);
  }

  private static String anyCase(String ext) {
    StringBuilder sb = new StringBuilder();
    for (char c : ext.toCharArray()) {
      if (Character.isLetter(c)) {
        sb.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The error row of an empty file. */
  private static final class EmptyFile implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String corpus;
    private final boolean classify;

    EmptyFile(String corpus, boolean classify) {
      this.corpus = corpus;
      this.classify = classify;
    }

    @Override
    public Row call(Row in) {
      String path = in.getString(0);
      CorpusFormat format = corpus == null ? null : CorpusFormat.byId(corpus).orElse(null);
      return FileWork.errorRow(path, Names.parse(path, format), classify, path + ": empty file (0 bytes)");
    }
  }

  /** The error row of a file over the size limit. */
  private static final class TooLarge implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String corpus;
    private final long max;
    private final boolean classify;

    TooLarge(String corpus, long max, boolean classify) {
      this.corpus = corpus;
      this.max = max;
      this.classify = classify;
    }

    @Override
    public Row call(Row in) {
      String path = in.getString(0);
      long length = in.getLong(1);
      CorpusFormat format = corpus == null ? null : CorpusFormat.byId(corpus).orElse(null);
      return FileWork.errorRow(path, Names.parse(path, format), classify, String.format(Locale.ROOT,
          "%s: too large: %d bytes, over the limit of %d bytes a file (AudioReadOptions.maxFileBytes, "
              + "--max-file-mb); not read", path, length, max));
    }
  }
}
