package org.ser4j.audio;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How {@link AudioLoader} loads a file: the arguments of {@code librosa.load(path, sr=22050, mono=True,
 * offset=0.0, duration=None)}, with the same defaults and the same meaning.
 *
 * <ul>
 *   <li>{@code sampleRate}: target rate in Hz; default {@value #DEFAULT_SAMPLE_RATE}. {@link
 *       Builder#nativeSampleRate()} keeps the file's own rate ({@code sr=None}).</li>
 *   <li>{@code mono}: downmix by the mean of the channels; default {@code true}.</li>
 *   <li>{@code offset}: seconds to skip at the start, at the file's native rate: {@code int(offset * sr_native)}
 *       frames, truncated as librosa/soundfile do; default 0.</li>
 *   <li>{@code duration}: seconds to read after the offset, {@code int(duration * sr_native)} frames; default
 *       none (to the end).</li>
 * </ul>
 *
 * <p>Immutable; build with {@link #builder()}. {@link #notebook()} is the seed notebook's
 * {@code librosa.load(path, duration=3, offset=0.5)}.
 */
public final class LoadOptions {

  /** librosa's default target rate, 22050 Hz. */
  public static final int DEFAULT_SAMPLE_RATE = 22050;

  private static final LoadOptions DEFAULTS = builder().build();
  private static final LoadOptions NOTEBOOK = builder().offset(0.5).duration(3.0).build();

  private final int sampleRate; // 0 = native
  private final boolean mono;
  private final double offset;
  private final double duration; // NaN = to the end

  private LoadOptions(Builder b) {
    this.sampleRate = b.sampleRate;
    this.mono = b.mono;
    this.offset = b.offset;
    this.duration = b.duration;
  }

  /** {@return librosa.load's defaults: 22050 Hz, mono, from the start, to the end} */
  public static LoadOptions defaults() {
    return DEFAULTS;
  }

  /** {@return the seed notebook's load: 22050 Hz, mono, offset 0.5 s, duration 3 s} */
  public static LoadOptions notebook() {
    return NOTEBOOK;
  }

  /** {@return a builder starting from librosa's defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder starting from these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sampleRate = sampleRate;
    b.mono = mono;
    b.offset = offset;
    b.duration = duration;
    return b;
  }

  /** {@return the target rate, or empty for the file's native rate} */
  public OptionalInt sampleRate() {
    return sampleRate == 0 ? OptionalInt.empty() : OptionalInt.of(sampleRate);
  }

  /** {@return whether channels are averaged to one} */
  public boolean mono() {
    return mono;
  }

  /** {@return seconds skipped at the start} */
  public double offset() {
    return offset;
  }

  /** {@return seconds read after the offset, or empty for "to the end"} */
  public OptionalDouble duration() {
    return Double.isNaN(duration) ? OptionalDouble.empty() : OptionalDouble.of(duration);
  }

  /** First frame read, at the native rate: {@code int(offset * nativeRate)}. */
  long startFrame(int nativeRate) {
    return (long) (offset * nativeRate);
  }

  /** Frames read at the native rate, {@code int(duration * nativeRate)}, or -1 for "to the end". */
  long frameCount(int nativeRate) {
    return Double.isNaN(duration) ? -1 : (long) (duration * nativeRate);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoadOptions other
        && sampleRate == other.sampleRate
        && mono == other.mono
        && Double.compare(offset, other.offset) == 0
        && Double.compare(duration, other.duration) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sampleRate, mono, offset, duration);
  }

  @Override
  public String toString() {
    return "LoadOptions[sr=" + (sampleRate == 0 ? "native" : sampleRate) + ", mono=" + mono
        + ", offset=" + offset + ", duration=" + (Double.isNaN(duration) ? "None" : duration) + "]";
  }

  /** Builds {@link LoadOptions}; every setter checks its argument and names it in the error. */
  public static final class Builder {
    private int sampleRate = DEFAULT_SAMPLE_RATE;
    private boolean mono = true;
    private double offset = 0.0;
    private double duration = Double.NaN;

    private Builder() {}

    /**
     * Target rate in Hz (librosa's {@code sr}); default 22050.
     *
     * @param sampleRate the value
     * @return this builder
     */
    public Builder sampleRate(int sampleRate) {
      if (sampleRate <= 0 || sampleRate > 10_000_000) {
        throw new IllegalArgumentException("sampleRate must be in 1..10000000 Hz, got " + sampleRate);
      }
      this.sampleRate = sampleRate;
      return this;
    }

    /** {@return keep the file's own rate (librosa's {@code sr=None})} */
    public Builder nativeSampleRate() {
      this.sampleRate = 0;
      return this;
    }

    /**
     * Average the channels to one (librosa's {@code mono}); default true.
     *
     * @param mono the value
     * @return this builder
     */
    public Builder mono(boolean mono) {
      this.mono = mono;
      return this;
    }

    /**
     * Seconds to skip at the start (librosa's {@code offset}); default 0.
     *
     * @param seconds the value
     * @return this builder
     */
    public Builder offset(double seconds) {
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("offset must be a finite number of seconds >= 0, got " + seconds);
      }
      this.offset = seconds;
      return this;
    }

    /**
     * Seconds to read (librosa's {@code duration}); default: to the end.
     *
     * @param seconds the value
     * @return this builder
     */
    public Builder duration(double seconds) {
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("duration must be a finite number of seconds >= 0, got " + seconds);
      }
      this.duration = seconds;
      return this;
    }

    /** {@return read to the end of the file (librosa's {@code duration=None}); the default} */
    public Builder toEnd() {
      this.duration = Double.NaN;
      return this;
    }

    /** {@return the options} */
    public LoadOptions build() {
      return new LoadOptions(this);
    }
  }
}
