package org.ser4j.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side byte builders for WAV and AIFF files, written independently of the decoder so that tests can
 * state the bytes and the sample values they expect.
 */
final class TestAudioFiles {

  private TestAudioFiles() {}

  /** 44100 Hz as an 80-bit extended (the well-known AIFF COMM bytes). */
  static final byte[] RATE_44100 = hex("400EAC44000000000000");
  /** 24414 Hz as an 80-bit extended, as found in the TESS AIFF files. */
  static final byte[] RATE_24414 = hex("400DBEBC000000000000");
  /** 8000 Hz as an 80-bit extended. */
  static final byte[] RATE_8000 = hex("400BFA00000000000000");

  static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Little-endian bytes from a list of (value, width) pairs, e.g. {@code le(2, 1, -1)} = two 16-bit ints. */
  static byte[] le(int width, long... values) {
    return ints(ByteOrder.LITTLE_ENDIAN, width, values);
  }

  static byte[] be(int width, long... values) {
    return ints(ByteOrder.BIG_ENDIAN, width, values);
  }

  private static byte[] ints(ByteOrder order, int width, long... values) {
    byte[] out = new byte[values.length * width];
    for (int i = 0; i < values.length; i++) {
      for (int b = 0; b < width; b++) {
        int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * b : 8 * (width - 1 - b);
        out[i * width + b] = (byte) (values[i] >> shift);
      }
    }
    return out;
  }

  static byte[] floatsLe(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  static byte[] doubles(ByteOrder order, double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(order);
    for (double d : v) {
      b.putDouble(d);
    }
    return b.array();
  }

  static byte[] floats(ByteOrder order, float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A RIFF chunk: id, little-endian size, body, pad byte when the size is odd. */
  static byte[] riffChunk(String id, byte[] body) {
    return concat(ascii(id), le(4, body.length), body, new byte[body.length & 1]);
  }

  /** An IFF chunk: id, big-endian size, body, pad byte when the size is odd. */
  static byte[] iffChunk(String id, byte[] body) {
    return concat(ascii(id), be(4, body.length), body, new byte[body.length & 1]);
  }

  static WavBuilder wav(int formatTag, int channels, int sampleRate, int bits) {
    return new WavBuilder(formatTag, channels, sampleRate, bits);
  }

  static AiffBuilder aiff(int channels, int bits, byte[] rate80) {
    return new AiffBuilder(channels, bits, rate80);
  }

  /** Builds a RIFF/WAVE file. */
  static final class WavBuilder {
    final int formatTag;
    final int channels;
    final int sampleRate;
    final int bits;
    Integer blockAlign;
    Integer extensibleSubFormat;
    final List<byte[]> before = new ArrayList<>();
    final List<byte[]> after = new ArrayList<>();
    byte[] data = new byte[0];
    Long dataSize;
    Long riffSize;
    boolean fmt = true;
    boolean dataChunk = true;
    byte[] rawFmt;

    WavBuilder(int formatTag, int channels, int sampleRate, int bits) {
      this.formatTag = formatTag;
      this.channels = channels;
      this.sampleRate = sampleRate;
      this.bits = bits;
    }

    WavBuilder data(byte[] d) {
      this.data = d;
      return this;
    }

    WavBuilder blockAlign(int b) {
      this.blockAlign = b;
      return this;
    }

    /** Writes a WAVE_FORMAT_EXTENSIBLE fmt chunk with this sub-format in the GUID. */
    WavBuilder extensible(int subFormat) {
      this.extensibleSubFormat = subFormat;
      return this;
    }

    WavBuilder chunkBeforeData(String id, byte[] body) {
      before.add(riffChunk(id, body));
      return this;
    }

    WavBuilder chunkAfterData(String id, byte[] body) {
      after.add(riffChunk(id, body));
      return this;
    }

    /** Overrides the size written in the data chunk header (the bytes written stay {@link #data}). */
    WavBuilder dataSize(long size) {
      this.dataSize = size;
      return this;
    }

    WavBuilder riffSize(long size) {
      this.riffSize = size;
      return this;
    }

    WavBuilder withoutFmt() {
      this.fmt = false;
      return this;
    }

    WavBuilder withoutData() {
      this.dataChunk = false;
      return this;
    }

    /** Replaces the fmt chunk body. */
    WavBuilder rawFmt(byte[] body) {
      this.rawFmt = body;
      return this;
    }

    byte[] build() {
      int bytes = (bits + 7) / 8;
      int align = blockAlign != null ? blockAlign : channels * bytes;
      byte[] fmtBody;
      if (rawFmt != null) {
        fmtBody = rawFmt;
      } else if (extensibleSubFormat == null) {
        fmtBody = concat(le(2, formatTag, channels), le(4, sampleRate, (long) sampleRate * align),
            le(2, align, bits));
      } else {
        byte[] guidTail = hex("000000001000800000AA00389B71");
        fmtBody = concat(le(2, 0xFFFE, channels), le(4, sampleRate, (long) sampleRate * align),
            le(2, align, bits, 22, bits), le(4, channels == 1 ? 4 : 3), le(2, extensibleSubFormat), guidTail);
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(ascii("WAVE"));
      if (fmt) {
        body.writeBytes(riffChunk("fmt ", fmtBody));
      }
      before.forEach(body::writeBytes);
      if (dataChunk) {
        body.writeBytes(ascii("data"));
        body.writeBytes(le(4, dataSize != null ? dataSize : data.length));
        body.writeBytes(data);
        if ((data.length & 1) != 0 && !after.isEmpty()) {
          body.writeBytes(new byte[1]);
        }
      }
      after.forEach(body::writeBytes);
      byte[] b = body.toByteArray();
      return concat(ascii("RIFF"), le(4, riffSize != null ? riffSize : b.length), b);
    }
  }

  /** Builds an AIFF or AIFF-C file. */
  static final class AiffBuilder {
    final int channels;
    final int bits;
    final byte[] rate80;
    String compression; // null: plain AIFF
    byte[] data = new byte[0];
    Long numFrames;
    long ssndOffset;
    Long ssndSize;
    Long formSize;
    final List<byte[]> before = new ArrayList<>();
    boolean comm = true;
    boolean ssnd = true;

    AiffBuilder(int channels, int bits, byte[] rate80) {
      this.channels = channels;
      this.bits = bits;
      this.rate80 = rate80;
    }

    AiffBuilder aifc(String compressionType) {
      this.compression = compressionType;
      return this;
    }

    AiffBuilder data(byte[] d) {
      this.data = d;
      return this;
    }

    AiffBuilder numFrames(long n) {
      this.numFrames = n;
      return this;
    }

    /** Puts {@code offset} zero bytes before the audio and records them in SSND's offset field. */
    AiffBuilder ssndOffset(long offset) {
      this.ssndOffset = offset;
      return this;
    }

    AiffBuilder ssndSize(long size) {
      this.ssndSize = size;
      return this;
    }

    AiffBuilder formSize(long size) {
      this.formSize = size;
      return this;
    }

    AiffBuilder chunk(String id, byte[] body) {
      before.add(iffChunk(id, body));
      return this;
    }

    AiffBuilder withoutComm() {
      this.comm = false;
      return this;
    }

    AiffBuilder withoutSsnd() {
      this.ssnd = false;
      return this;
    }

    byte[] build() {
      int frameBytes = channels * ((bits + 7) / 8);
      if (compression != null && (compression.startsWith("fl") || compression.startsWith("FL"))) {
        frameBytes = channels * (compression.endsWith("32") ? 4 : 8);
      }
      long frames = numFrames != null ? numFrames : data.length / Math.max(1, frameBytes);
      byte[] commBody = concat(be(2, channels), be(4, frames), be(2, bits), rate80);
      if (compression != null) {
        commBody = concat(commBody, ascii(compression), new byte[] {0, 0}); // empty pascal name + pad
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(ascii(compression != null ? "AIFC" : "AIFF"));
      if (compression != null) {
        body.writeBytes(iffChunk("FVER", be(4, 0xA2805140L)));
      }
      before.forEach(body::writeBytes);
      if (comm) {
        body.writeBytes(iffChunk("COMM", commBody));
      }
      if (ssnd) {
        byte[] ssndBody = concat(be(4, ssndOffset, 0), new byte[(int) ssndOffset], data);
        body.writeBytes(ascii("SSND"));
        body.writeBytes(be(4, ssndSize != null ? ssndSize : ssndBody.length));
        body.writeBytes(ssndBody);
      }
      byte[] b = body.toByteArray();
      return concat(ascii("FORM"), be(4, formSize != null ? formSize : b.length), b);
    }
  }
}
