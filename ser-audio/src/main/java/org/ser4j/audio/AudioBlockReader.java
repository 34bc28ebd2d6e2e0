package org.ser4j.audio;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes an audio file block by block, without reading it whole: a fixed 64 KiB byte buffer is filled from
 * the file and decoded into the caller's per-channel arrays. Obtain one from {@link AudioReader#open}.
 *
 * <p>Not thread-safe: one reader per thread. Close it to release the file.
 */
public final class AudioBlockReader implements Closeable {

  /** Size of the byte buffer samples are read through. */
  static final int BUFFER_BYTES = 64 * 1024;

  private final ByteSource source;
  private final StreamLayout layout;
  private final AudioInfo info;
  private final String name;
  private final ByteBuffer buffer;
  private final int bytesPerFrame;
  private final int bufferFrames;
  private long position;
  private boolean closed;

  AudioBlockReader(ByteSource source, StreamLayout layout, String name) {
    this.source = source;
    this.layout = layout;
    this.info = layout.info();
    this.name = name;
    this.bytesPerFrame = layout.bytesPerFrame();
    this.bufferFrames = Math.max(1, BUFFER_BYTES / bytesPerFrame);
    this.buffer = ByteBuffer.allocate(bufferFrames * bytesPerFrame).order(layout.order());
  }

  /** {@return the stream's format and decodable length (with any repair warnings)} */
  public AudioInfo info() {
    return info;
  }

  /** {@return the next frame {@link #read} will return, from 0 to {@code info().frames()}} */
  public long position() {
    return position;
  }

  /**
   * Decodes up to {@code maxFrames} frames into {@code dest[c][destOffset ...]}, one array per channel. Fills
   * as many as the stream still holds, reading the file in blocks.
   *
   * @param dest at least {@code info().channels()} arrays, each with room for {@code maxFrames} frames from
   *     {@code destOffset}
   * @param destOffset first frame index written in each channel array
   * @param maxFrames most frames to decode, not negative
   * @return frames decoded, or -1 if the stream is at its end (and {@code maxFrames > 0})
   * @throws IllegalArgumentException if {@code dest} has too few channels or {@code maxFrames} is negative
   * @throws IndexOutOfBoundsException if a channel array is too small
   * @throws IOException if the file cannot be read or has shrunk since it was opened
   */
  public int read(float[][] dest, int destOffset, int maxFrames) throws IOException {
    ensureOpen();
    Objects.requireNonNull(dest, "dest");
    int channels = info.channels();
    if (dest.length < channels) {
      throw new IllegalArgumentException("dest has " + dest.length + " channel arrays, the stream has " + channels);
    }
    if (maxFrames < 0) {
      throw new IllegalArgumentException("maxFrames must not be negative, got " + maxFrames);
    }
    for (int c = 0; c < channels; c++) {
      Objects.checkFromIndexSize(destOffset, maxFrames, Objects.requireNonNull(dest[c], "dest[" + c + "]").length);
    }
    if (maxFrames == 0) {
      return 0;
    }
    long remaining = info.frames() - position;
    if (remaining <= 0) {
      return -1;
    }
    int total = (int) Math.min(maxFrames, remaining);
    int done = 0;
    while (done < total) {
      int n = Math.min(total - done, bufferFrames);
      int bytes = n * bytesPerFrame;
      buffer.clear().limit(bytes);
      int got = source.readAt(layout.dataOffset() + position * bytesPerFrame, buffer);
      if (got < bytes) {
        throw new EOFException(name + ": the file ended at frame " + (position + got / bytesPerFrame)
            + " of " + info.frames() + "; it was changed while being read");
      }
      SampleDecoder.decode(buffer, info.encoding(), channels, n, dest, destOffset + done);
      position += n;
      done += n;
    }
    return total;
  }

  /**
   * Moves to {@code frame}; the next {@link #read} starts there. Nothing is decoded to get there.
   *
   * @param frame the frame to continue from
   * @throws IllegalArgumentException unless {@code 0 <= frame <= info().frames()}
   * @throws IOException if the reader is closed or the file cannot be read
   */
  public void seek(long frame) throws IOException {
    ensureOpen();
    if (frame < 0 || frame > info.frames()) {
      throw new IllegalArgumentException("frame " + frame + " is outside [0, " + info.frames() + "]");
    }
    position = frame;
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException(name + ": reader is closed");
    }
  }

  /** Releases the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      source.close();
    }
  }
}
