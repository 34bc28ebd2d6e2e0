package org.ser4j.audio;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@link AudioLoader#load(Path, LoadOptions)} block by block, in memory that does not grow with the file:
 * decode, cut, downmix and resample as the loader does, with the same result sample for sample (the
 * streaming {@link Resampler.Stream} equals the batch one). Obtain one from
 * {@link AudioLoader#open(Path, LoadOptions)}; close it to release the file.
 *
 * <pre>{@code
 * try (AudioStream s = AudioLoader.open(path, LoadOptions.builder().sampleRate(16000).build())) {
 *   float[][] block = new float[s.channels()][4096];
 *   for (int n; (n = s.read(block, 4096)) >= 0; ) {
 *     consume(block[0], n);
 *   }
 * }
 * }</pre>
 *
 * <p>Non-finite samples (NaN, infinity) raise a {@link MalformedAudioException} naming the file, as the
 * loader does. Not thread-safe.
 */
public final class AudioStream implements Closeable {

  /** Input frames decoded per step, at most. */
  private static final int IN_BLOCK = 4096;

  private final AudioBlockReader reader;
  private final String name;
  private final int inChannels;
  private final int outChannels;
  private final int rate;
  private final Resampler.Stream[] resamplers;
  private final int inBlock;
  private final float[][] in;
  private final float[] mono;
  /** Only floating-point encodings can decode to NaN or infinity: integer ones skip the scan. */
  private final boolean mayBeNonFinite;
  private float[][] pending;
  private int pendingStart;
  private int pendingEnd;
  private long remaining;
  private long inputPosition;
  private boolean flushed;

  AudioStream(AudioBlockReader reader, String name, LoadOptions options) throws IOException {
    this.reader = reader;
    this.name = name;
    AudioInfo info = reader.info();
    int nativeRate = info.sampleRate();
    long start = Math.min(options.startFrame(nativeRate), info.frames());
    long count = options.frameCount(nativeRate);
    long end = count < 0 ? info.frames() : Math.min(info.frames(), start + count);
    reader.seek(start);
    this.remaining = end - start;
    this.inChannels = info.channels();
    this.mayBeNonFinite = info.encoding().canHoldNonFinite();
    this.outChannels = options.mono() ? 1 : inChannels;
    this.rate = options.sampleRate().orElse(nativeRate);
    if (rate != nativeRate) {
      Resampler r = AudioLoader.resampler(nativeRate, rate);
      resamplers = new Resampler.Stream[outChannels];
      for (int c = 0; c < outChannels; c++) {
        resamplers[c] = r.newStream();
      }
      // keep each step's output near 64 Ki samples whatever the ratio
      this.inBlock = (int) Math.max(1, Math.min(IN_BLOCK, 65536L * nativeRate / rate));
      this.pending = new float[outChannels][resamplers[0].maxOutput(inBlock)];
    } else {
      resamplers = null;
      this.inBlock = IN_BLOCK;
      this.pending = new float[outChannels][inBlock];
    }
    this.in = new float[inChannels][inBlock];
    this.mono = outChannels == 1 && inChannels > 1 ? new float[inBlock] : null;
  }

  /** Rate of the audio this stream returns, Hz. */
  public int sampleRate() {
    return rate;
  }

  /** Channels of the audio this stream returns (1 when loading mono). */
  public int channels() {
    return outChannels;
  }

  /** What the decoder repaired in the file (see {@link AudioInfo#warnings()}). */
  public List<String> warnings() {
    return reader.info().warnings();
  }

  /** The file's own format. */
  public AudioInfo info() {
    return reader.info();
  }

  /**
   * Reads up to {@code maxFrames} frames into {@code dest[c][0 ..]}.
   *
   * @param dest at least {@link #channels()} arrays with room for {@code maxFrames} frames
   * @param maxFrames the most frames wanted, at least 1
   * @return frames read, or -1 at the end
   * @throws MalformedAudioException if the audio holds NaN or infinite samples
   * @throws IOException if the file cannot be read
   */
  public int read(float[][] dest, int maxFrames) throws IOException {
    Objects.requireNonNull(dest, "dest");
    if (maxFrames < 1) {
      throw new IllegalArgumentException("maxFrames must be at least 1, got " + maxFrames);
    }
    while (pendingStart == pendingEnd) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(maxFrames, pendingEnd - pendingStart);
    for (int c = 0; c < outChannels; c++) {
      System.arraycopy(pending[c], pendingStart, dest[c], 0, n);
    }
    pendingStart += n;
    return n;
  }

  /** Decodes one more block into {@code pending}; false at the end. */
  private boolean fill() throws IOException {
    pendingStart = 0;
    pendingEnd = 0;
    if (remaining > 0) {
      int want = (int) Math.min(inBlock, remaining);
      int got = reader.read(in, 0, want);
      if (got <= 0) {
        throw new IOException(name + ": stream ended at frame " + reader.position());
      }
      for (int c = 0; c < inChannels && mayBeNonFinite; c++) {
        int bad = AudioLoader.firstNonFinite(in[c], 0, got);
        if (bad >= 0) {
          throw new MalformedAudioException(name, "the audio is not finite everywhere (sample " + in[c][bad]
              + " at frame " + (inputPosition + bad) + (inChannels > 1 ? " of channel " + c : "") + ")");
        }
      }
      inputPosition += got;
      remaining -= got;
      float[][] src = in;
      if (mono != null) {
        for (int i = 0; i < got; i++) {
          double sum = 0;
          for (int c = 0; c < inChannels; c++) {
            sum += in[c][i];
          }
          mono[i] = (float) (sum / inChannels);
        }
        src = new float[][] {mono};
      }
      if (resamplers == null) {
        for (int c = 0; c < outChannels; c++) {
          System.arraycopy(src[c], 0, pending[c], 0, got);
        }
        pendingEnd = got;
      } else {
        int n = 0;
        for (int c = 0; c < outChannels; c++) {
          n = resamplers[c].process(src[c], 0, got, pending[c], 0);
        }
        pendingEnd = n;
      }
      return true;
    }
    if (resamplers != null && !flushed) {
      flushed = true;
      int n = resamplers[0].flushLength();
      if (n > pending[0].length) {
        pending = new float[outChannels][n];
      }
      for (int c = 0; c < outChannels; c++) {
        resamplers[c].flush(pending[c], 0);
      }
      pendingEnd = n;
      return true;
    }
    return false;
  }

  /** Releases the file. Idempotent. */
  @Override
  public void close() throws IOException {
    reader.close();
  }
}
