package org.ser4j.features;

import java.util.Arrays;
import java.util.Objects;
import org.ser4j.features.MfccConfig.PadMode;

/**
 * Streaming MFCC: push blocks of samples of any size, receive each MFCC frame as soon as the samples it
 * covers have arrived, and call {@link #flush()} at the end of the signal to receive the last frames (those
 * that reach into the end padding). Frame {@code t} covers padded samples {@code [t hop, t hop + n_fft)}; with
 * {@code center} the stream starts with {@code n_fft / 2} zeros (or, for {@link PadMode#REFLECT}, the
 * mirrored start, once {@code n_fft / 2 + 1} samples have arrived) and {@link #flush()} appends the end padding.
 *
 * <p><b>Equality with batch.</b> Every frame goes through the same code as {@link MfccExtractor#mfcc(float[])},
 * so, with {@code top_db} off ({@link MfccConfig#topDb()} NaN), the frames after {@code flush()} equal the batch
 * result exactly (bit for bit). With {@code top_db} on, librosa clamps dB values at {@code max - top_db} where
 * the maximum is taken over the <em>whole clip</em>, which a stream cannot know in advance; the stream clamps at
 * the running maximum (over all frames so far, this frame included). A streamed frame therefore equals the
 * batch frame exactly whenever no value of it lies below either floor — the usual case for speech, where 80 dB
 * below the loudest band is silence — and otherwise differs only in the clamped (near-silent) bands, by up to
 * the rise of the maximum after that frame.
 *
 * <p><b>Buffers.</b> The {@code float[]} handed to {@link FrameListener#onFrame} is reused for every frame:
 * copy it if you keep it. The listener runs on the thread calling {@link #push} or {@link #flush()}.
 *
 * <p>Not thread-safe (one producer). After {@link #flush()}, {@link #reset()} starts a new signal.
 * Memory stays bounded: about {@code 2 n_fft + block size} samples.
 */
public final class MfccStream {

  /** Receives MFCC frames in order. */
  @FunctionalInterface
  public interface FrameListener {
    /**
     * One frame.
     *
     * @param frameIndex 0-based index of the frame in the signal
     * @param mfcc the {@code n_mfcc} coefficients; a buffer reused for the next frame, valid only during the
     *     call
     */
    void onFrame(long frameIndex, float[] mfcc);
  }

  private final MfccExtractor ex;
  private final FrameListener listener;
  private final int nFft;
  private final int hop;
  private final int pad;
  private final boolean reflect;
  private final MfccExtractor.Scratch scratch;
  private final float[] mel;
  private final float[] coeffs;
  private final float[] uv;

  /** Padded-signal samples; buf[0] is padded index {@code bufStart}. */
  private float[] buf;
  private int bufLen;
  private long bufStart;
  /** Padded index where the next frame starts. */
  private long nextFrame;
  private long frames;
  private long samples;
  private boolean headDone;
  private boolean finished;
  private float runningMax;

  MfccStream(MfccExtractor ex, FrameListener listener) {
    this.ex = ex;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.nFft = ex.nFft();
    this.hop = ex.hop();
    this.pad = ex.padLength();
    this.reflect = ex.config().padMode() == PadMode.REFLECT && pad > 0;
    this.scratch = ex.newScratch();
    this.mel = new float[ex.nMels()];
    this.coeffs = new float[ex.nMfcc()];
    this.uv = new float[ex.nMels() + 1];
    this.buf = new float[2 * nFft + hop + 1024];
    reset();
  }

  /** Forgets all state and starts a new signal (also allowed after {@link #flush()}). */
  public void reset() {
    bufLen = 0;
    bufStart = 0;
    nextFrame = 0;
    frames = 0;
    samples = 0;
    finished = false;
    runningMax = Float.NEGATIVE_INFINITY;
    headDone = !reflect;
    if (!reflect && pad > 0) {
      // zero padding of the start: known before any sample arrives
      Arrays.fill(buf, 0, pad, 0f);
      bufLen = pad;
    }
  }

  /**
   * Pushes all of {@code samples}.
   *
   * @param samples the next samples, all of them
   */
  public void push(float[] samples) {
    push(samples, 0, samples.length);
  }

  /**
   * Pushes {@code len} samples from {@code samples[off]}; frames completed by them are delivered before this
   * returns.
   *
   * @param samples the next samples
   * @param off first index to read
   * @param len how many to read
   * @throws IllegalStateException after {@link #flush()} (until {@link #reset()})
   */
  public void push(float[] samples, int off, int len) {
    Objects.checkFromIndexSize(off, len, samples.length);
    if (finished) {
      throw new IllegalStateException("stream already flushed; call reset() to start a new signal");
    }
    while (len > 0) {
      compact();
      int n = Math.min(len, buf.length - bufLen);
      if (n == 0) {
        buf = Arrays.copyOf(buf, buf.length * 2);
        continue;
      }
      System.arraycopy(samples, off, buf, bufLen, n);
      bufLen += n;
      this.samples += n;
      off += n;
      len -= n;
      if (!headDone && this.samples >= pad + 1) {
        buildReflectHead();
      }
      if (headDone) {
        emitReady();
      }
    }
  }

  /**
   * Ends the signal: appends the end padding and delivers the remaining frames. Afterwards the frames
   * delivered equal {@link MfccExtractor#mfcc(float[])} of everything pushed (see the class notes on
   * {@code top_db}). An empty stream, or one shorter than a frame without centring, delivers no frame.
   */
  public void flush() {
    if (finished) {
      return;
    }
    finished = true;
    if (!headDone) {
      // REFLECT and fewer than n_fft/2 + 1 samples: numpy's multi-fold reflection; let the batch path do it
      if (samples > 0) {
        float[][] all = ex.mfcc(Arrays.copyOf(buf, bufLen));
        for (float[] row : all) {
          System.arraycopy(row, 0, coeffs, 0, coeffs.length);
          listener.onFrame(frames++, coeffs);
        }
      }
      return;
    }
    if (samples == 0) {
      return;
    }
    if (pad > 0) {
      compact();
      ensureCapacity(bufLen + pad);
      if (reflect) {
        // padded tail i = y[n - 2 - i]; y[j] sits at padded index j + pad
        long n = samples;
        for (int i = 0; i < pad; i++) {
          buf[bufLen + i] = buf[(int) (n - 2 - i + pad - bufStart)];
        }
      } else {
        Arrays.fill(buf, bufLen, bufLen + pad, 0f);
      }
      bufLen += pad;
    }
    emitReady();
  }

  /** {@return frames delivered so far} */
  public long framesEmitted() {
    return frames;
  }

  /** {@return samples pushed so far (without padding)} */
  public long samplesPushed() {
    return samples;
  }

  private void emitReady() {
    while (nextFrame + nFft <= bufStart + bufLen) {
      int off = (int) (nextFrame - bufStart);
      ex.melFrame(buf, off, mel, 0, scratch);
      float max = ex.toDb(mel, 0, mel.length);
      if (ex.hasTopDb()) {
        runningMax = Math.max(runningMax, max);
        MfccExtractor.clamp(mel, 0, mel.length, ex.floorFor(runningMax));
      }
      ex.cepstrum(mel, 0, coeffs, uv);
      listener.onFrame(frames++, coeffs);
      nextFrame += hop;
    }
  }

  private void buildReflectHead() {
    // buf holds y[0 .. samples) from index 0; shift by pad and mirror: padded[i] = y[pad - i]
    ensureCapacity(bufLen + pad);
    System.arraycopy(buf, 0, buf, pad, bufLen);
    for (int i = 0; i < pad; i++) {
      buf[i] = buf[pad + pad - i];
    }
    bufLen += pad;
    headDone = true;
  }

  /** Drops samples no longer needed: before the next frame (and, for REFLECT, the last n_fft/2 + 1 samples). */
  private void compact() {
    if (!headDone) {
      return;
    }
    long keepFrom = nextFrame;
    if (reflect) {
      keepFrom = Math.min(keepFrom, bufStart + bufLen - (pad + 1));
    }
    int drop = (int) Math.min(keepFrom - bufStart, bufLen);
    if (drop <= 0 || drop < buf.length / 2 && bufLen < buf.length) {
      return;
    }
    System.arraycopy(buf, drop, buf, 0, bufLen - drop);
    bufLen -= drop;
    bufStart += drop;
  }

  private void ensureCapacity(int n) {
    if (buf.length < n) {
      buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
    }
  }
}
