package org.ser4j.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RIFF/WAVE header parsing: walks the chunks (skipping unknown ones, honouring the pad byte after odd-sized
 * chunks), reads {@code fmt } (plain or {@code WAVE_FORMAT_EXTENSIBLE}) and locates {@code data}. The same for
 * RF64/BW64 (the 64-bit sizes of the {@code ds64} chunk) and Sony Wave64 (GUID chunk ids, 64-bit sizes, 8-byte
 * alignment).
 */
final class WavParser {

  static final int FORMAT_PCM = 0x0001;
  static final int FORMAT_IEEE_FLOAT = 0x0003;
  static final int FORMAT_ALAW = 0x0006;
  static final int FORMAT_MULAW = 0x0007;
  static final int FORMAT_EXTENSIBLE = 0xFFFE;
  private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
  /** Most chunks walked before the audio is found: real files have a handful; libsndfile gives up early too. */
  static final int MAX_CHUNKS = 10_000;
  /** Bytes 2 to 15 of every standard {@code KSDATAFORMAT_SUBTYPE_*} GUID ({@code xxxxxxxx-0000-0010-8000-00aa00389b71}). */
  private static final byte[] GUID_TAIL = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
      (byte) 0x9B, 0x71};

  private WavParser() {}

  /** The three layouts of WAVE: RIFF (32-bit sizes), RF64/BW64 (a ds64 chunk with 64-bit sizes), Sony Wave64. */
  enum Kind { RIFF, RF64, W64 }

  /** Bytes 4 to 15 of the Wave64 GUIDs of the WAVE chunks ({@code fmt }, {@code data}, {@code wave}, ...). */
  private static final byte[] W64_TAIL = {(byte) 0xF3, (byte) 0xAC, (byte) 0xD3, 0x11, (byte) 0x8C, (byte) 0xD1, 0,
      (byte) 0xC0, 0x4F, (byte) 0x8E, (byte) 0xDB, (byte) 0x8A};
  /** The Wave64 GUID of the file header, {@code riff} then these 12 bytes. */
  static final byte[] W64_RIFF_TAIL = {0x2E, (byte) 0x91, (byte) 0xCF, 0x11, (byte) 0xA5, (byte) 0xD6, 0x28,
      (byte) 0xDB, 0x04, (byte) 0xC1, 0, 0};

  static StreamLayout parse(ByteSource src, long fileSize, byte[] head, String name, Path path)
      throws IOException {
    return parse(src, fileSize, head, name, path, Kind.RIFF);
  }

  static StreamLayout parse(ByteSource src, long fileSize, byte[] head, String name, Path path, Kind kind)
      throws IOException {
    long riffSize;
    long pos;
    if (kind == Kind.W64) {
      byte[] h = src.readExactly(0, 40);
      if (h == null) {
        throw new MalformedAudioException(name, "Wave64 header is cut off by the end of the file");
      }
      if (!HeaderParser.fourCc(h, 24).equals("wave") || !java.util.Arrays.equals(h, 28, 40, W64_TAIL, 0, 12)) {
        throw new UnrecognizedAudioException(name, "Wave64 file of a type other than WAVE is not audio");
      }
      riffSize = u64(h, 16) - 8; // as RIFF counts it: without the first 8 bytes
      pos = 40;
    } else {
      riffSize = u32(head, 4);
      pos = 12;
    }
    int headerBytes = kind == Kind.W64 ? 24 : 8;
    byte[] fmt = null;
    long fmtSize = 0;
    long dataOffset = -1;
    long dataSize = 0;
    long ds64Data = -1;
    int chunks = 0;
    while (pos + headerBytes <= fileSize) {
      if (++chunks > MAX_CHUNKS) {
        throw new MalformedAudioException(name, (kind == Kind.W64 ? "Wave64" : "RIFF/WAVE") + " file has more than "
            + MAX_CHUNKS + " chunks before its audio; giving up (a corrupt or hostile file)");
      }
      byte[] hdr = src.readExactly(pos, headerBytes);
      if (hdr == null) {
        break;
      }
      String id;
      long size;
      long next;
      if (kind == Kind.W64) {
        id = java.util.Arrays.equals(hdr, 4, 16, W64_TAIL, 0, 12) ? HeaderParser.fourCc(hdr, 0) : "????";
        long total = u64(hdr, 16);
        if (total < 24) {
          throw new MalformedAudioException(name, "Wave64 chunk at byte " + pos + " declares " + total
              + " bytes, fewer than its own 24-byte header");
        }
        size = total - 24;
        next = pos + ((total + 7) & ~7L); // chunks are aligned to 8 bytes
        if (next < pos) {
          next = Long.MAX_VALUE;
        }
      } else {
        id = HeaderParser.fourCc(hdr, 0);
        size = u32(hdr, 4);
        next = pos + 8 + size + (size & 1); // always advances by at least 8
      }
      if (kind == Kind.RF64 && id.equals("ds64") && chunks == 1) {
        byte[] ds = src.readExactly(pos + 8, 24);
        if (size < 24 || ds == null) {
          throw new MalformedAudioException(name, "RF64 ds64 chunk is " + size + " bytes, shorter than 24");
        }
        riffSize = u64(ds, 0);
        ds64Data = u64(ds, 8);
        if (ds64Data < 0) {
          throw new MalformedAudioException(name, "RF64 ds64 chunk declares a data size over 2^63 bytes");
        }
      } else if (id.equals("fmt ") && fmt == null) {
        if (size < 16) {
          throw new MalformedAudioException(name,
              "WAVE fmt chunk is " + size + " bytes, shorter than the 16 a format description needs");
        }
        fmtSize = size;
        fmt = src.readExactly(pos + headerBytes, (int) Math.min(size, 40));
        if (fmt == null) {
          throw new MalformedAudioException(name, "WAVE fmt chunk is cut off by the end of the file");
        }
      } else if (id.equals("data")) {
        dataOffset = pos + headerBytes;
        dataSize = size;
        if (kind == Kind.RF64 && size == UNKNOWN_SIZE && ds64Data >= 0) {
          dataSize = ds64Data;
        } else if (kind == Kind.RF64 && size == UNKNOWN_SIZE) {
          throw new MalformedAudioException(name, "RF64 file has no ds64 chunk giving the size of its data");
        }
        boolean unreliable = kind != Kind.W64 && size == UNKNOWN_SIZE;
        if (fmt != null || size == 0 || unreliable || dataOffset + dataSize > fileSize) {
          break; // audio found, or its length is unreliable: nothing after it can be located
        }
      }
      pos = next;
    }
    if (kind == Kind.RF64 && ds64Data < 0) {
      throw new MalformedAudioException(name, "RF64 file does not start with a ds64 chunk");
    }
    if (fmt == null) {
      throw new MalformedAudioException(name, dataOffset < 0
          ? "RIFF/WAVE file has no fmt chunk and no data chunk"
          : "RIFF/WAVE file has no fmt chunk describing its data");
    }
    ByteBuffer f = ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN);
    int tag = f.getShort(0) & 0xFFFF;
    int channels = f.getShort(2) & 0xFFFF;
    long rate = f.getInt(4) & 0xFFFFFFFFL;
    int blockAlign = f.getShort(12) & 0xFFFF;
    int bits = f.getShort(14) & 0xFFFF;
    Container container = kind == Kind.RF64 ? Container.RF64 : kind == Kind.W64 ? Container.W64 : Container.WAV;
    if (tag == FORMAT_EXTENSIBLE) {
      if (fmtSize < 40) {
        throw new MalformedAudioException(name, "WAVE_FORMAT_EXTENSIBLE fmt chunk is " + fmtSize
            + " bytes, shorter than the 40 it needs");
      }
      container = kind == Kind.RIFF ? Container.WAV_EXTENSIBLE : container;
      tag = f.getShort(24) & 0xFFFF; // the sub-format GUID starts with the format tag
      if (!java.util.Arrays.equals(fmt, 26, 40, GUID_TAIL, 0, GUID_TAIL.length)) {
        StringBuilder guid = new StringBuilder();
        for (int i = 24; i < 40; i++) {
          guid.append(String.format("%02x", fmt[i] & 0xFF));
        }
        throw new UnsupportedAudioEncodingException(name, "WAVE_FORMAT_EXTENSIBLE sub-format GUID " + guid
            + " is not a standard KSDATAFORMAT_SUBTYPE (its tail is not 0000-0010-8000-00aa00389b71)");
      }
    }
    HeaderParser.checkChannels(name, "WAVE fmt chunk", channels);
    HeaderParser.checkSampleRate(name, "WAVE fmt chunk", rate);
    SampleEncoding encoding = encoding(name, tag, bits, container);
    int bytesPerFrame = channels * encoding.bytesPerSample();
    if (dataOffset < 0) {
      throw new MalformedAudioException(name, "RIFF/WAVE file has no data chunk");
    }

    List<String> warnings = new ArrayList<>();
    if (blockAlign != bytesPerFrame) {
      // libsndfile ignores a wrong block align for these encodings and uses channels x sample width
      warnings.add("WAVE fmt chunk declares a block align of " + blockAlign + " bytes, but " + channels
          + " channel(s) of " + encoding.label() + " need " + bytesPerFrame + "; decoded with " + bytesPerFrame
          + " (as libsndfile)");
    }
    if (dataSize == 0 && fileSize > dataOffset) {
      // libsndfile takes a size of 0 at its word: no audio. Said, so the bytes after it are not lost silently.
      warnings.add("data chunk declares 0 bytes; the " + (fileSize - dataOffset) + " bytes after it are not"
          + " decoded (as libsndfile)");
    }
    boolean unknown = kind == Kind.RIFF && dataSize == UNKNOWN_SIZE;
    long frames = HeaderParser.repairExtent("data", unknown ? -1 : dataSize,
        String.format("0x%08X", dataSize), dataOffset, fileSize, bytesPerFrame, warnings);
    if (warnings.isEmpty()) {
      if (kind == Kind.RIFF && (riffSize == 0 || riffSize == UNKNOWN_SIZE)) {
        warnings.add(String.format("RIFF header size is unknown (0x%08X); read the chunks present", riffSize));
      } else if (riffSize + 8 > fileSize) {
        warnings.add("RIFF header declares " + (riffSize + 8) + " bytes but the file holds " + fileSize
            + "; decoded the " + frames + " frames present");
      }
    }
    AudioInfo info = new AudioInfo(path, container, encoding, (int) rate, channels, frames, warnings);
    return new StreamLayout(info, dataOffset, ByteOrder.LITTLE_ENDIAN);
  }

  private static SampleEncoding encoding(String name, int tag, int bits, Container container)
      throws AudioFormatException {
    String what = container == Container.WAV_EXTENSIBLE ? "WAVE_FORMAT_EXTENSIBLE sub-format" : "WAVE format";
    switch (tag) {
      case FORMAT_PCM:
        if (bits == 0 || bits > 32) {
          throw new MalformedAudioException(name,
              "WAVE fmt chunk declares " + bits + " bits per PCM sample (1 to 32 are valid)");
        }
        switch ((bits + 7) / 8) {
          case 1:
            return SampleEncoding.PCM_U8;
          case 2:
            return SampleEncoding.PCM_S16;
          case 3:
            return SampleEncoding.PCM_S24;
          default:
            return SampleEncoding.PCM_S32;
        }
      case FORMAT_IEEE_FLOAT:
        if (bits == 32) {
          return SampleEncoding.FLOAT32;
        }
        if (bits == 64) {
          return SampleEncoding.FLOAT64;
        }
        throw new MalformedAudioException(name,
            "WAVE fmt chunk declares IEEE float with " + bits + " bits per sample (32 or 64 are valid)");
      case FORMAT_ALAW:
      case FORMAT_MULAW:
        if (bits != 8) {
          throw new MalformedAudioException(name, "WAVE fmt chunk declares " + (tag == FORMAT_ALAW ? "A" : "mu")
              + "-law with " + bits + " bits per sample (8 is valid)");
        }
        return tag == FORMAT_ALAW ? SampleEncoding.ALAW : SampleEncoding.ULAW;
      default:
        throw new UnsupportedAudioEncodingException(name,
            String.format("%s 0x%04X (%s) is not supported", what, tag, codecName(tag)));
    }
  }

  /** A name for a WAVE format tag this decoder does not handle. */
  static String codecName(int tag) {
    switch (tag) {
      case 0x0000: return "unknown";
      case 0x0002: return "Microsoft ADPCM";
      case 0x0011: return "IMA ADPCM";
      case 0x0022: return "DSP Group TrueSpeech";
      case 0x0031: return "GSM 6.10";
      case 0x0040: return "G.721 ADPCM";
      case 0x0045: return "G.726 ADPCM";
      case 0x0050: return "MPEG";
      case 0x0055: return "MPEG Layer 3";
      case 0x0064: return "G.726 ADPCM";
      case 0x0092: return "Dolby AC-3 SPDIF";
      case 0x00FF: return "AAC";
      case 0x0160: case 0x0161: case 0x0162: case 0x0163: return "Windows Media Audio";
      case 0x1610: return "HE-AAC";
      case 0x2000: return "Dolby AC-3";
      case 0x674F: case 0x6750: case 0x6751: return "Ogg Vorbis";
      case 0xF1AC: return "FLAC";
      default: return "unknown codec";
    }
  }

  private static long u64(byte[] b, int off) {
    return u32(b, off) | u32(b, off + 4) << 32;
  }

  private static long u32(byte[] b, int off) {
    return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
  }
}
