package org.ser4j.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AIFF and AIFF-C header parsing: big-endian chunks (odd sizes padded), {@code COMM} with its 80-bit extended
 * sample rate and, for AIFF-C, the compression type; {@code SSND} with its offset field.
 */
final class AiffParser {

  private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

  private AiffParser() {}

  static StreamLayout parse(ByteSource src, long fileSize, byte[] head, String name, Path path)
      throws IOException {
    boolean aifc = HeaderParser.fourCc(head, 8).equals("AIFC");
    long formSize = u32(head, 4);
    byte[] comm = null;
    long ssndStart = -1;
    long ssndSize = 0;
    long pos = 12;
    while (pos + 8 <= fileSize) {
      byte[] hdr = src.readExactly(pos, 8);
      if (hdr == null) {
        break;
      }
      String id = HeaderParser.fourCc(hdr, 0);
      long size = u32(hdr, 4);
      if (id.equals("COMM") && comm == null) {
        int need = aifc ? 22 : 18;
        if (size < need) {
          throw new MalformedAudioException(name, (aifc ? "AIFF-C" : "AIFF") + " COMM chunk is " + size
              + " bytes, shorter than the " + need + " it needs");
        }
        comm = src.readExactly(pos + 8, need);
        if (comm == null) {
          throw new MalformedAudioException(name, "COMM chunk is cut off by the end of the file");
        }
      } else if (id.equals("SSND")) {
        ssndStart = pos + 8;
        ssndSize = size;
        if (comm != null || size == 0 || size == UNKNOWN_SIZE || ssndStart + size > fileSize) {
          break;
        }
      }
      pos += 8 + size + (size & 1);
    }
    String kind = aifc ? "AIFF-C" : "AIFF";
    if (comm == null) {
      throw new MalformedAudioException(name, kind + " file has no COMM chunk");
    }
    ByteBuffer c = ByteBuffer.wrap(comm).order(ByteOrder.BIG_ENDIAN);
    int channels = c.getShort(0);
    long declaredFrames = c.getInt(2) & 0xFFFFFFFFL;
    int bits = c.getShort(6);
    double rate = extendedToDouble(comm, 8);
    HeaderParser.checkChannels(name, kind + " COMM chunk", channels);
    HeaderParser.checkSampleRate(name, kind + " COMM chunk", rate);
    String compression = aifc ? HeaderParser.fourCc(comm, 18) : "NONE";
    ByteOrder order = ByteOrder.BIG_ENDIAN;
    SampleEncoding encoding;
    switch (compression) {
      case "NONE":
      case "twos":
      case "sowt":
      case "raw ":
        if (bits <= 0 || bits > 32) {
          throw new MalformedAudioException(name,
              kind + " COMM chunk declares " + bits + " bits per sample (1 to 32 are valid)");
        }
        encoding = pcm(bits, compression.equals("raw "));
        if (compression.equals("sowt")) {
          order = ByteOrder.LITTLE_ENDIAN;
        }
        break;
      case "fl32":
      case "FL32":
        encoding = SampleEncoding.FLOAT32;
        break;
      case "fl64":
      case "FL64":
        encoding = SampleEncoding.FLOAT64;
        break;
      case "alaw":
      case "ALAW":
        encoding = SampleEncoding.ALAW;
        break;
      case "ulaw":
      case "ULAW":
        encoding = SampleEncoding.ULAW;
        break;
      default:
        throw new UnsupportedAudioEncodingException(name, "AIFF-C compression type "
            + HeaderParser.printable(compression) + " (" + codecName(compression) + ") is not supported");
    }
    if (ssndStart < 0) {
      throw new MalformedAudioException(name, kind + " file has no SSND chunk");
    }
    byte[] ssndHead = src.readExactly(ssndStart, 8);
    if (ssndHead == null) {
      throw new MalformedAudioException(name, "SSND chunk is cut off before its offset field");
    }
    long offset = u32(ssndHead, 0);
    long dataOffset = ssndStart + 8 + offset;
    boolean unknown = ssndSize == 0 || ssndSize == UNKNOWN_SIZE;
    long declaredBytes = ssndSize - 8 - offset;
    if (!unknown && declaredBytes < 0) {
      throw new MalformedAudioException(name, "SSND chunk of " + ssndSize + " bytes has a data offset of "
          + offset + ", past its own end");
    }
    int bytesPerFrame = channels * encoding.bytesPerSample();
    List<String> warnings = new ArrayList<>();
    long frames = HeaderParser.repairExtent("SSND", unknown ? -1 : declaredBytes,
        String.format("0x%08X", ssndSize), dataOffset, fileSize, bytesPerFrame, warnings);
    if (warnings.isEmpty()) {
      if (declaredFrames != frames) {
        warnings.add("COMM chunk declares " + declaredFrames + " frames but the SSND chunk holds " + frames
            + "; decoded " + frames);
      } else if (formSize == 0 || formSize == UNKNOWN_SIZE) {
        warnings.add(String.format("FORM header size is unknown (0x%08X); read the chunks present", formSize));
      } else if (formSize + 8 > fileSize) {
        warnings.add("FORM header declares " + (formSize + 8) + " bytes but the file holds " + fileSize
            + "; decoded the " + frames + " frames present");
      }
    }
    Container container = aifc ? Container.AIFF_C : Container.AIFF;
    AudioInfo info = new AudioInfo(path, container, encoding, (int) rate, channels, frames, warnings);
    return new StreamLayout(info, dataOffset, order);
  }

  private static SampleEncoding pcm(int bits, boolean unsigned) {
    switch ((bits + 7) / 8) {
      case 1:
        return unsigned ? SampleEncoding.PCM_U8 : SampleEncoding.PCM_S8;
      case 2:
        return SampleEncoding.PCM_S16;
      case 3:
        return SampleEncoding.PCM_S24;
      default:
        return SampleEncoding.PCM_S32;
    }
  }

  /**
   * An IEEE 754 80-bit extended number (sign, 15-bit exponent, 64-bit mantissa with explicit integer bit)
   * as a double; NaN for infinities and NaNs.
   */
  static double extendedToDouble(byte[] b, int off) {
    int exponent = ((b[off] & 0x7F) << 8) | (b[off + 1] & 0xFF);
    boolean negative = (b[off] & 0x80) != 0;
    long mantissa = 0;
    for (int i = 0; i < 8; i++) {
      mantissa = (mantissa << 8) | (b[off + 2 + i] & 0xFF);
    }
    if (exponent == 0x7FFF) {
      // infinity has a zero fraction (the explicit integer bit aside); anything else is NaN
      if ((mantissa & 0x7FFFFFFFFFFFFFFFL) == 0) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return Double.NaN;
    }
    double m = (mantissa >>> 1) * 2.0 + (mantissa & 1);
    double value = Math.scalb(m, exponent - 16383 - 63);
    return negative ? -value : value;
  }

  static String codecName(String compression) {
    switch (compression) {
      case "ima4": return "IMA 4:1 ADPCM";
      case "MAC3": return "MACE 3:1";
      case "MAC6": return "MACE 6:1";
      case "GSM ": return "GSM 6.10";
      case "Qclp": return "Qualcomm PureVoice";
      case "QDMC": case "QDM2": return "QDesign Music";
      case "ACE2": case "ACE8": return "ACE";
      case "G722": return "G.722";
      case "G726": return "G.726";
      case "G728": return "G.728";
      case "DWVW": return "delta-with-variable-word-width";
      default: return "unknown codec";
    }
  }

  private static long u32(byte[] b, int off) {
    return (b[off] & 0xFFL) << 24 | (b[off + 1] & 0xFFL) << 16 | (b[off + 2] & 0xFFL) << 8 | (b[off + 3] & 0xFFL);
  }
}
