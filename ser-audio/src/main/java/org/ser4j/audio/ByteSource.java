package org.ser4j.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Positional byte access to a file or an in-memory array; block-wise, never per sample. */
abstract class ByteSource implements Closeable {

  /** Total bytes available. */
  abstract long size() throws IOException;

  /**
   * Reads up to {@code dst.remaining()} bytes at {@code position} into {@code dst}; fewer only at the end of
   * the source.
   *
   * @return bytes read, 0 at or past the end
   */
  abstract int readAt(long position, ByteBuffer dst) throws IOException;

  /** Reads {@code length} bytes at {@code position}; returns {@code null} when fewer are available. */
  final byte[] readExactly(long position, int length) throws IOException {
    if (position < 0 || position + length > size()) {
      return null;
    }
    byte[] out = new byte[length];
    ByteBuffer buf = ByteBuffer.wrap(out);
    readAt(position, buf);
    return buf.hasRemaining() ? null : out;
  }

  static ByteSource of(byte[] data) {
    return new ArraySource(data);
  }

  static ByteSource open(Path file) throws IOException {
    if (java.nio.file.Files.isDirectory(file)) {
      throw new UnrecognizedAudioException(file.toString(), "is a directory, not an audio file");
    }
    return new FileSource(FileChannel.open(file, StandardOpenOption.READ));
  }

  private static final class ArraySource extends ByteSource {
    private final byte[] data;

    ArraySource(byte[] data) {
      this.data = data;
    }

    @Override
    long size() {
      return data.length;
    }

    @Override
    int readAt(long position, ByteBuffer dst) {
      if (position >= data.length) {
        return 0;
      }
      int n = (int) Math.min(dst.remaining(), data.length - position);
      dst.put(data, (int) position, n);
      return n;
    }

    @Override
    public void close() {}
  }

  private static final class FileSource extends ByteSource {
    private final FileChannel channel;

    FileSource(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    long size() throws IOException {
      return channel.size();
    }

    @Override
    int readAt(long position, ByteBuffer dst) throws IOException {
      int total = 0;
      while (dst.hasRemaining()) {
        int n = channel.read(dst, position + total);
        if (n <= 0) {
          break; // end of file (n == -1); a FileChannel never returns 0 for a non-empty buffer
        }
        total += n;
      }
      return total;
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
