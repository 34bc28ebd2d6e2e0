package org.ser4j.audio;

/**
 * How one sample is stored in a file, as far as decoding is concerned. Integer PCM is named by its container
 * width (a 12-bit WAV stored in 16-bit words is {@link #PCM_S16}); byte order is a property of the container,
 * not of the encoding.
 */
public enum SampleEncoding {
  /** Unsigned 8-bit PCM (WAV): decoded as {@code (x - 128) / 128}. */
  PCM_U8(8, "PCM 8-bit unsigned"),
  /** Signed 8-bit PCM (AIFF): decoded as {@code x / 128}. */
  PCM_S8(8, "PCM 8-bit"),
  /** Signed 16-bit PCM: decoded as {@code x / 32768}. */
  PCM_S16(16, "PCM 16-bit"),
  /** Signed 24-bit PCM: decoded as {@code x / 2^23}. */
  PCM_S24(24, "PCM 24-bit"),
  /** Signed 32-bit PCM: decoded as {@code x / 2^31}. */
  PCM_S32(32, "PCM 32-bit"),
  /** IEEE 754 single precision, kept as is. */
  FLOAT32(32, "float 32-bit"),
  /** IEEE 754 double precision, rounded to float. */
  FLOAT64(64, "float 64-bit"),
  /** ITU-T G.711 A-law, expanded to 16-bit by the standard table, then {@code / 32768}. */
  ALAW(8, "A-law"),
  /** ITU-T G.711 mu-law, expanded to 16-bit by the standard table, then {@code / 32768}. */
  ULAW(8, "mu-law");

  private final int bitsPerSample;
  private final String label;

  SampleEncoding(int bitsPerSample, String label) {
    this.bitsPerSample = bitsPerSample;
    this.label = label;
  }

  /** {@return bits one sample of one channel occupies in the file: 8, 16, 24, 32 or 64} */
  public int bitsPerSample() {
    return bitsPerSample;
  }

  /** {@return bytes one sample of one channel occupies in the file} */
  public int bytesPerSample() {
    return bitsPerSample / 8;
  }

  /** {@return a short human-readable name, e.g. "PCM 16-bit", "float 32-bit", "A-law"} */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }

  /**
   * Whether decoded samples of this encoding can be NaN or infinite: only the floating-point encodings
   * can; integer PCM and G.711 decode to finite values by construction, so loaders skip the scan for them.
   *
   * @return true for {@link #FLOAT32} and {@link #FLOAT64}
   */
  public boolean canHoldNonFinite() {
    return this == FLOAT32 || this == FLOAT64;
  }
}
