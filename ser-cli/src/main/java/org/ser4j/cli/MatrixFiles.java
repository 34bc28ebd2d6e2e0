package org.ser4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ser4j.audio.OutputFiles;

/** Writes float matrices as CSV (shortest round-trip decimal) or NumPy {@code .npy} (v1.0, little-endian float32). */
final class MatrixFiles {

  private MatrixFiles() {}

  /**
   * Rows of floats, comma-separated, each value printed so that it parses back to the same float, after a
   * header row naming the columns {@code c0, c1, ...} (as every CSV ser4j writes starts with its header).
   */
  static void writeCsv(Path file, float[][] rows) throws IOException {
    writeAtomically(file, tmp -> {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        for (int j = 0; j < cols; j++) {
          w.write(j == 0 ? "c0" : ",c" + j);
        }
        w.newLine();
        for (float[] row : rows) {
          writeRow(w, row);
          w.newLine();
        }
      }
    });
  }

  /** A table: a header row, then each row a label (quoted per RFC 4180 when needed) followed by its values. */
  static void writeLabelledCsv(Path file, String firstColumn, List<String> labels, float[][] rows)
      throws IOException {
    writeAtomically(file, tmp -> {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write(firstColumn);
        int cols = rows.length == 0 ? 0 : rows[0].length;
        for (int j = 0; j < cols; j++) {
          w.write(",c" + j);
        }
        w.newLine();
        for (int i = 0; i < rows.length; i++) {
          String label = labels.get(i);
          w.write(org.ser4j.data.Csv.quote(label)); // RFC 4180: commas, quotes, line breaks
          w.write(',');
          writeRow(w, rows[i]);
          w.newLine();
        }
      }
    });
  }

  private static void writeRow(BufferedWriter w, float[] row) throws IOException {
    for (int j = 0; j < row.length; j++) {
      if (j > 0) {
        w.write(',');
      }
      w.write(Float.toString(row[j]));
    }
  }

  /** A 2-D {@code <f4} array that {@code numpy.load} reads with shape (rows, cols). */
  static void writeNpy(Path file, float[][] rows) throws IOException {
    int r = rows.length;
    int c = r == 0 ? 0 : rows[0].length;
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + r + ", " + c + "), }";
    int unpadded = 10 + dict.length() + 1; // magic(6) + version(2) + header length(2) + dict + '\n'
    int pad = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
    head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
    head.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
    writeAtomically(file, tmp -> {
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        out.write(head.array());
        ByteBuffer row = ByteBuffer.allocate(c * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] values : rows) {
          row.clear();
          for (float v : values) {
            row.putFloat(v);
          }
          out.write(row.array(), 0, c * 4);
        }
      }
    });
  }

  interface Writer {
    void write(Path tmp) throws IOException;
  }

  /** Writes through a temporary file in the same folder, then moves it into place ({@link OutputFiles}). */
  static void writeAtomically(Path file, Writer writer) throws IOException {
    OutputFiles.write(file, writer::write);
  }
}
