package org.ser4j.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts interleaved sample bytes into per-channel floats, scaled as libsndfile scales them into float.
 * One tight loop per encoding and channel: no per-sample dispatch or allocation.
 */
final class SampleDecoder {

  private static final float SCALE_8 = 1f / 128f;
  private static final float SCALE_16 = 1f / 32768f;
  private static final float SCALE_24 = 1f / 8388608f;
  private static final float SCALE_32 = 1f / 2147483648f;

  private SampleDecoder() {}

  /**
   * Decodes {@code frames} frames starting at index 0 of {@code src} (whose byte order must already be set)
   * into {@code dest[c][destOffset ...]} for each of the {@code channels} channels.
   */
  static void decode(ByteBuffer src, SampleEncoding encoding, int channels, int frames, float[][] dest,
      int destOffset) {
    int bytes = encoding.bytesPerSample();
    int stride = bytes * channels;
    boolean little = src.order() == ByteOrder.LITTLE_ENDIAN;
    for (int c = 0; c < channels; c++) {
      float[] out = dest[c];
      int end = destOffset + frames;
      int p = c * bytes;
      switch (encoding) {
        case PCM_U8:
          for (int i = destOffset; i < end; i++, p += stride) {
            out[i] = ((src.get(p) & 0xFF) - 128) * SCALE_8;
          }
          break;
        case PCM_S8:
          for (int i = destOffset; i < end; i++, p += stride) {
            out[i] = src.get(p) * SCALE_8;
          }
          break;
        case PCM_S16:
          for (int i = destOffset; i < end; i++, p += stride) {
            out[i] = src.getShort(p) * SCALE_16;
          }
          break;
        case PCM_S24:
          if (little) {
            for (int i = destOffset; i < end; i++, p += stride) {
              int v = (src.get(p) & 0xFF) | (src.get(p + 1) & 0xFF) << 8 | src.get(p + 2) << 16;
              out[i] = v * SCALE_24;
            }
          } else {
            for (int i = destOffset; i < end; i++, p += stride) {
              int v = src.get(p) << 16 | (src.get(p + 1) & 0xFF) << 8 | (src.get(p + 2) & 0xFF);
              out[i] = v * SCALE_24;
            }
          }
          break;
        case PCM_S32:
          for (int i = destOffset; i < end; i++, p += stride) {
            out[i] = src.getInt(p) * SCALE_32;
          }
          break;
        case FLOAT32:
          for (int i = destOffset; i < end; i++, p += stride) {
            out[i] = src.getFloat(p);
          }
          break;
        case FLOAT64:
          for (int i = destOffset; i < end; i++, p += stride) {
            out[i] = (float) src.getDouble(p);
          }
          break;
        case ALAW:
          for (int i = destOffset; i < end; i++, p += stride) {
            out[i] = G711.ALAW[src.get(p) & 0xFF];
          }
          break;
        case ULAW:
          for (int i = destOffset; i < end; i++, p += stride) {
            out[i] = G711.ULAW[src.get(p) & 0xFF];
          }
          break;
        default:
          throw new AssertionError(encoding);
      }
    }
  }
}
