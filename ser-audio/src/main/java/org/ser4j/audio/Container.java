package org.ser4j.audio;

/** The file structure an audio stream was found in (recognised by content, never by file name). */
public enum Container {
  /** RIFF/WAVE with a plain {@code WAVEFORMAT}/{@code WAVEFORMATEX} fmt chunk. */
  WAV("WAV"),
  /** RIFF/WAVE whose fmt chunk is {@code WAVE_FORMAT_EXTENSIBLE} (0xFFFE). */
  WAV_EXTENSIBLE("WAV (extensible)"),
  /** RF64 or BW64 (EBU Tech 3306, ITU-R BS.2088): WAVE with 64-bit sizes in a {@code ds64} chunk. */
  RF64("RF64"),
  /** Sony Wave64: WAVE with GUID chunk ids and 64-bit sizes. */
  W64("Wave64"),
  /** Apple/SGI AIFF: big-endian PCM. */
  AIFF("AIFF"),
  /** AIFF-C: AIFF with a compression type (NONE, sowt, fl32, fl64, alaw, ulaw are decoded). */
  AIFF_C("AIFF-C");

  private final String label;

  Container(String label) {
    this.label = label;
  }

  /** {@return a short human-readable name, e.g. "WAV", "AIFF-C"} */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
