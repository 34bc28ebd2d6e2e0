package org.ser4j.audio;

/**
 * ITU-T G.711 A-law and mu-law expansion to 16-bit linear (the classic Sun {@code g711.c} algorithm, which
 * libsndfile's tables reproduce), pre-scaled by 1/32768.
 */
final class G711 {

  /** A-law byte to float in [-1, 1). */
  static final float[] ALAW = new float[256];
  /** mu-law byte to float in [-1, 1). */
  static final float[] ULAW = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      ALAW[i] = alawToLinear(i) / 32768f;
      ULAW[i] = ulawToLinear(i) / 32768f;
    }
  }

  private G711() {}

  static int alawToLinear(int code) {
    int a = (code & 0xFF) ^ 0x55;
    int t = (a & 0x0F) << 4;
    int seg = (a & 0x70) >> 4;
    if (seg == 0) {
      t += 8;
    } else {
      t = (t + 0x108) << (seg - 1);
    }
    return (a & 0x80) != 0 ? t : -t;
  }

  static int ulawToLinear(int code) {
    int u = ~code & 0xFF;
    int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
    return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
  }
}
