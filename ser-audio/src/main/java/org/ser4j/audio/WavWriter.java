package org.ser4j.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes an {@link AudioClip} as a RIFF/WAVE file: PCM 16-bit, PCM 24-bit or IEEE float 32-bit, all channels
 * interleaved, at the clip's rate.
 *
 * <p>Integer conversion is the inverse of the decoder's scaling: {@code v * 32768} (16-bit) or
 * {@code v * 2^23} (24-bit), rounded half to even ({@link Math#rint}) and clipped to the format's range
 * ({@code [-32768, 32767]}, {@code [-2^23, 2^23 - 1]}), so that 1.0 becomes the largest positive value, as
 * libsndfile does with clipping enabled; NaN becomes 0. Float 32 is written bit for bit (with a {@code fact}
 * chunk, as the WAVE specification asks of non-PCM data). A decoded file therefore reads back exactly, and any
 * clip reads back within one least-significant bit.
 *
 * <p>The file appears complete or not at all: the data is written to a temporary file in the target folder,
 * which is then moved into place (atomically where the file system allows; see {@link OutputFiles}). Long
 * audio can be written block by block in constant memory with
 * {@link #write(int, int, Path, Encoding, FrameSource)}.
 */
public final class WavWriter {

  /** The sample format to write. */
  public enum Encoding {
    /** Signed 16-bit PCM. */
    PCM16(2, WavParser.FORMAT_PCM),
    /** Signed 24-bit PCM. */
    PCM24(3, WavParser.FORMAT_PCM),
    /** IEEE float 32-bit. */
    FLOAT32(4, WavParser.FORMAT_IEEE_FLOAT);

    private final int bytes;
    private final int formatTag;

    Encoding(int bytes, int formatTag) {
      this.bytes = bytes;
      this.formatTag = formatTag;
    }

    /** {@return bytes per sample of one channel} */
    public int bytesPerSample() {
      return bytes;
    }
  }

  private WavWriter() {}

  /**
   * Writes {@code clip} to {@code file}, replacing it if it exists (through {@link OutputFiles#write}: a
   * symbolic link is written through, a folder, FIFO or device is refused).
   *
   * @param clip the audio
   * @param file the WAV file to write
   * @param enc the sample encoding
   * @throws IllegalArgumentException if the audio is too long for a WAV file (data over 4 GiB)
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  public static void write(AudioClip clip, Path file, Encoding enc) throws IOException {
    Objects.requireNonNull(clip, "clip");
    float[][] channels = clip.channelsUnsafe();
    checkSize(clip.frameCount(), channels.length, enc);
    int[] pos = {0};
    write(clip.sampleRate(), channels.length, file, enc, (dest, max) -> {
      int n = Math.min(max, clip.frameCount() - pos[0]);
      if (n <= 0) {
        return -1;
      }
      for (int c = 0; c < channels.length; c++) {
        System.arraycopy(channels[c], pos[0], dest[c], 0, n);
      }
      pos[0] += n;
      return n;
    });
  }

  /** Supplies audio block by block to {@link #write(int, int, Path, Encoding, FrameSource)}. */
  @FunctionalInterface
  public interface FrameSource {
    /**
     * Fills {@code dest[c][0 .. n)} for every channel.
     *
     * @param dest one array per channel, each with room for {@code maxFrames} frames
     * @param maxFrames the most frames wanted, at least 1
     * @return the frames written, or -1 at the end of the audio
     * @throws IOException if the audio cannot be read
     */
    int read(float[][] dest, int maxFrames) throws IOException;
  }

  /**
   * Writes audio that arrives block by block, in constant memory whatever its length: the header is written
   * first and its sizes are set at the end. The file is replaced as {@link #write(AudioClip, Path, Encoding)}
   * replaces it.
   *
   * @param sampleRate rate of the audio, Hz
   * @param channelCount channels of the audio
   * @param file the WAV file to write
   * @param enc the sample format
   * @param source the audio, read until it returns -1
   * @return the number of frames written
   * @throws IllegalArgumentException if a rate or channel count is not positive, or the audio is too long for
   *     a WAV file (data over 4 GiB)
   * @throws IOException if the file cannot be written or the source fails; the target is then left as it was
   */
  public static long write(int sampleRate, int channelCount, Path file, Encoding enc, FrameSource source)
      throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(enc, "enc");
    Objects.requireNonNull(source, "source");
    if (sampleRate <= 0 || channelCount <= 0) {
      throw new IllegalArgumentException("sampleRate and channelCount must be positive, got " + sampleRate
          + " and " + channelCount);
    }
    checkSize(0, channelCount, enc);
    int nch = channelCount;
    int blockAlign = nch * enc.bytes;
    boolean isFloat = enc == Encoding.FLOAT32;
    int fmtSize = isFloat ? 18 : 16;
    int headerBytes = 12 + 8 + fmtSize + (isFloat ? 12 : 0) + 8;
    long[] written = {0};
    OutputFiles.write(file, tmp -> {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.allocate(Math.max(64 * 1024, blockAlign + headerBytes))
            .order(ByteOrder.LITTLE_ENDIAN);
        header(buf, sampleRate, nch, enc, 0);
        drain(out, buf);
        int framesPerBlock = Math.max(1, buf.capacity() / blockAlign);
        float[][] block = new float[nch][framesPerBlock];
        long frames = 0;
        int n;
        while ((n = source.read(block, framesPerBlock)) >= 0) {
          frames += n;
          checkSize(frames, nch, enc);
          for (int i = 0; i < n; i++) {
            for (int c = 0; c < nch; c++) {
              float v = block[c][i];
              switch (enc) {
                case PCM16:
                  buf.putShort((short) quantize(v, 32768.0));
                  break;
                case PCM24:
                  int s = quantize(v, 8388608.0);
                  buf.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                  break;
                default:
                  buf.putFloat(v);
              }
            }
          }
          drain(out, buf);
        }
        long dataBytes = frames * blockAlign;
        if ((dataBytes & 1) != 0) {
          buf.put((byte) 0);
          drain(out, buf);
        }
        header(buf, sampleRate, nch, enc, frames);
        buf.flip();
        long at = 0;
        while (buf.hasRemaining()) {
          at += out.write(buf, at);
        }
        written[0] = frames;
      }
    });
    return written[0];
  }

  private static void checkSize(long frames, int nch, Encoding enc) {
    Objects.requireNonNull(enc, "enc");
    long blockAlign = (long) nch * enc.bytes;
    long dataBytes = frames * blockAlign;
    boolean isFloat = enc == Encoding.FLOAT32;
    int headerBytes = 12 + 8 + (isFloat ? 18 : 16) + (isFloat ? 12 : 0) + 8;
    long riffSize = headerBytes - 8 + dataBytes + (dataBytes & 1);
    if (riffSize > 0xFFFFFFFFL || blockAlign > 0xFFFF) {
      throw new IllegalArgumentException("audio of " + frames + " frames x " + nch
          + " channels is too large for a WAV file (data over 4 GiB)");
    }
  }

  /** The header for {@code frames} frames, into {@code buf} (cleared first). */
  private static void header(ByteBuffer buf, int rate, int nch, Encoding enc, long frames) {
    buf.clear();
    int blockAlign = nch * enc.bytes;
    boolean isFloat = enc == Encoding.FLOAT32;
    int fmtSize = isFloat ? 18 : 16;
    int headerBytes = 12 + 8 + fmtSize + (isFloat ? 12 : 0) + 8;
    long dataBytes = frames * blockAlign;
    long riffSize = headerBytes - 8 + dataBytes + (dataBytes & 1);
    buf.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
    buf.put(ascii("fmt ")).putInt(fmtSize).putShort((short) enc.formatTag).putShort((short) nch)
        .putInt(rate).putInt((int) ((long) rate * blockAlign)).putShort((short) blockAlign)
        .putShort((short) (enc.bytes * 8));
    if (isFloat) {
      buf.putShort((short) 0);
      buf.put(ascii("fact")).putInt(4).putInt((int) frames);
    }
    buf.put(ascii("data")).putInt((int) dataBytes);
  }

  /** {@code rint(v * scale)} clipped to {@code [-scale, scale - 1]}; NaN to 0. */
  static int quantize(float v, double scale) {
    double x = Math.rint(v * scale);
    if (x >= scale) {
      return (int) scale - 1;
    }
    if (x < -scale) {
      return (int) -scale;
    }
    return (int) x; // NaN casts to 0
  }

  private static void drain(FileChannel out, ByteBuffer buf) throws IOException {
    buf.flip();
    while (buf.hasRemaining()) {
      out.write(buf);
    }
    buf.clear();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
