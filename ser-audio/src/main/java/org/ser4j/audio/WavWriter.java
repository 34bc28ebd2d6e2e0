package org.ser4j.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * which is then moved into place (atomically where the file system allows).
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
   * Writes {@code clip} to {@code file}, replacing it if it exists.
   *
   * @param clip the audio
   * @param file the WAV file to write
   * @param enc the sample encoding
   * @throws IllegalArgumentException if the audio is too long for a WAV file (data over 4 GiB)
   * @throws IOException if the file cannot be written; the target is then left as it was
   */
  public static void write(AudioClip clip, Path file, Encoding enc) throws IOException {
    Objects.requireNonNull(clip, "clip");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(enc, "enc");
    float[][] channels = clip.channelsUnsafe();
    int nch = channels.length;
    int frames = clip.frameCount();
    int blockAlign = nch * enc.bytes;
    boolean isFloat = enc == Encoding.FLOAT32;
    int fmtSize = isFloat ? 18 : 16;
    int headerBytes = 12 + 8 + fmtSize + (isFloat ? 12 : 0) + 8;
    long dataBytes = (long) frames * blockAlign;
    long riffSize = headerBytes - 8 + dataBytes + (dataBytes & 1);
    if (riffSize > 0xFFFFFFFFL || blockAlign > 0xFFFF) {
      throw new IllegalArgumentException("clip of " + frames + " frames x " + nch
          + " channels is too large for a WAV file (data over 4 GiB)");
    }
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    // not Files.createTempFile: its owner-only permissions would carry over to the finished file
    Path tmp = Files.createFile(dir.resolve("." + absolute.getFileName() + "."
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp"));
    boolean moved = false;
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.allocate(Math.max(64 * 1024, blockAlign + headerBytes))
            .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
        buf.put(ascii("fmt ")).putInt(fmtSize).putShort((short) enc.formatTag).putShort((short) nch)
            .putInt(clip.sampleRate()).putInt(clip.sampleRate() * blockAlign).putShort((short) blockAlign)
            .putShort((short) (enc.bytes * 8));
        if (isFloat) {
          buf.putShort((short) 0);
          buf.put(ascii("fact")).putInt(4).putInt(frames);
        }
        buf.put(ascii("data")).putInt((int) dataBytes);
        int framesPerBlock = Math.max(1, (buf.capacity() - headerBytes) / blockAlign);
        for (int f = 0; f < frames; ) {
          int n = Math.min(framesPerBlock, frames - f);
          for (int i = f; i < f + n; i++) {
            for (int c = 0; c < nch; c++) {
              float v = channels[c][i];
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
          f += n;
          drain(out, buf);
        }
        if ((dataBytes & 1) != 0) {
          buf.put((byte) 0);
        }
        drain(out, buf);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
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
