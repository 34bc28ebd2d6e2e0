package org.ser4j.spark;

import static org.apache.spark.sql.functions.col;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import org.apache.spark.sql.types.StructType;
import org.ser4j.data.CorpusFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lists and reads the audio files under a path with Spark's {@code binaryFile} source, then runs the work. */
final class SparkInput {
  private static final Logger LOG = LoggerFactory.getLogger(SparkInput.class);

  /**
   * The file names read, as a Hadoop glob: the extensions a corpus scan accepts (wav, wave, aif, aiff, aifc,
   * w64), in any case. Decoding is by content, so a name only selects what is tried.
   */
  static final String GLOB = "*.{" + String.join(",", anyCase("wav"), anyCase("wave"), anyCase("aif"),
      anyCase("aiff"), anyCase("aifc"), anyCase("w64")) + "}";

  private SparkInput() {
  }

  /**
   * One row per audio file under {@code path}: {@code work}'s rows for the files read, and an error row for
   * each file that is empty (Spark's scan drops those before any task sees them) or over the size limit
   * (never read). Both are found in the file listing Spark already holds on the driver.
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
    String corpus = options.corpus().orElse(null);
    CorpusFormat format = corpus == null ? null : CorpusFormat.byId(corpus).orElse(null);
    List<Row> unread = new ArrayList<>();
    for (FileStatus f : listing(files)) {
      String p = f.getPath().toString(); // the path column's spelling
      if (f.getLen() == 0) {
        unread.add(FileWork.errorRow(p, Names.parse(p, format), classify, p + ": empty file (0 bytes)"));
      } else if (f.getLen() > max) {
        unread.add(FileWork.errorRow(p, Names.parse(p, format), classify, String.format(Locale.ROOT,
            "%s: too large: %d bytes, over the limit of %d bytes a file (AudioReadOptions.maxFileBytes, "
                + "--max-file-mb); not read", p, f.getLen(), max)));
      }
    }
    if (unread.isEmpty()) {
      return read;
    }
    LOG.info("{} of the files under {} are empty or over {} bytes: error rows, not read", unread.size(), path, max);
    return read.union(spark.createDataFrame(unread, schema));
  }

  /** Every file of the source's listing (with lengths; empty files included), as Spark listed it on the driver. */
  private static List<FileStatus> listing(Dataset<Row> files) {
    LogicalPlan plan = files.queryExecution().analyzed();
    List<FileStatus> out = new ArrayList<>();
    if (plan instanceof LogicalRelation lr && lr.relation() instanceof HadoopFsRelation fs
        && fs.location() instanceof PartitioningAwareFileIndex index) {
      scala.collection.Iterator<FileStatus> it = index.allFiles().iterator();
      while (it.hasNext()) {
        out.add(it.next());
      }
      return out;
    }
    // another Spark's plan shape: ask the file system for each listed file (slower, same result)
    LOG.warn("unexpected plan for the binaryFile source ({}); reading file lengths one by one",
        plan.getClass().getName());
    Set<String> seen = new HashSet<>();
    org.apache.hadoop.conf.Configuration conf = files.sparkSession().sessionState().newHadoopConf();
    for (String uri : files.inputFiles()) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(URI.create(uri));
      if (seen.add(p.toString())) {
        try {
          out.add(p.getFileSystem(conf).getFileStatus(p));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot read the length of " + p + ": " + e.getMessage(), e);
        }
      }
    }
    return out;
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
}
