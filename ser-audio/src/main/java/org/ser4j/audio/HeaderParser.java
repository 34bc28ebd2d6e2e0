package org.ser4j.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Recognises a container by its first bytes and hands over to {@link WavParser} or {@link AiffParser}; holds
 * the limits and the truncation repair they share.
 *
 * <p>Nothing here allocates from a number in a header: header chunks are read in small bounded pieces, and
 * the audio extent is bounded by the bytes actually present.
 */
final class HeaderParser {

  /** Most channels a stream may declare; more is treated as a corrupt header. */
  static final int MAX_CHANNELS = 1024;
  /** Highest sample rate accepted (10 MHz); more is treated as a corrupt header. */
  static final long MAX_SAMPLE_RATE = 10_000_000L;

  private HeaderParser() {}

  /**
   * Reads the headers of {@code src}.
   *
   * @param name the source's name for messages
   * @param path the file, or null for in-memory data
   */
  static StreamLayout parse(ByteSource src, String name, Path path) throws IOException {
    long size = src.size();
    if (size == 0) {
      throw new UnrecognizedAudioException(name, "the file is empty");
    }
    if (size < 12) {
      throw new UnrecognizedAudioException(name,
          "only " + size + " bytes, too short to be a WAV or AIFF file");
    }
    byte[] head = src.readExactly(0, 12);
    if (head == null) {
      throw new UnrecognizedAudioException(name, "could not read the first 12 bytes");
    }
    String magic = fourCc(head, 0);
    String type = fourCc(head, 8);
    switch (magic) {
      case "RIFF":
        if (type.equals("WAVE")) {
          return WavParser.parse(src, size, head, name, path);
        }
        throw new UnrecognizedAudioException(name,
            "RIFF file of type '" + type + "' is not audio (expected 'WAVE')");
      case "FORM":
        if (type.equals("AIFF") || type.equals("AIFC")) {
          return AiffParser.parse(src, size, head, name, path);
        }
        throw new UnrecognizedAudioException(name,
            "IFF file of type '" + type + "' is not audio (expected 'AIFF' or 'AIFC')");
      case "RIFX":
        throw new UnrecognizedAudioException(name, "big-endian RIFX/WAVE files are not supported");
      case "RF64":
      case "BW64":
        if (type.equals("WAVE")) {
          return WavParser.parse(src, size, head, name, path, WavParser.Kind.RF64);
        }
        throw new UnrecognizedAudioException(name,
            magic + " file of type '" + type + "' is not audio (expected 'WAVE')");
      case "riff":
        if (java.util.Arrays.equals(head, 4, 12, WavParser.W64_RIFF_TAIL, 0, 8)) {
          return WavParser.parse(src, size, head, name, path, WavParser.Kind.W64);
        }
        break;
      case "fLaC":
        throw new UnrecognizedAudioException(name, "this is a FLAC file, which is not supported; convert it to WAV");
      case "OggS":
        throw new UnrecognizedAudioException(name, "this is an Ogg file, which is not supported; convert it to WAV");
      default:
        break;
    }
    if (magic.startsWith("ID3") || ((head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0)) {
      throw new UnrecognizedAudioException(name, "this looks like an MP3 file, which is not supported; convert it to WAV");
    }
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      hex.append(String.format(" %02x", head[i] & 0xFF));
    }
    throw new UnrecognizedAudioException(name,
        "not a WAV or AIFF file (starts with bytes" + hex + ", expected 'RIFF' or 'FORM')");
  }

  /** Four bytes as ISO-8859-1 text (chunk ids, compression types). */
  static String fourCc(byte[] b, int off) {
    return new String(b, off, 4, StandardCharsets.ISO_8859_1);
  }

  /** A chunk id fit for a message: printable as is, otherwise in hex. */
  static String printable(String id) {
    for (int i = 0; i < id.length(); i++) {
      char ch = id.charAt(i);
      if (ch < 0x20 || ch > 0x7E) {
        StringBuilder hex = new StringBuilder("0x");
        for (int j = 0; j < id.length(); j++) {
          hex.append(String.format("%02x", (int) id.charAt(j)));
        }
        return hex.toString();
      }
    }
    return "'" + id + "'";
  }

  static void checkChannels(String name, String where, long channels) throws MalformedAudioException {
    if (channels <= 0) {
      throw new MalformedAudioException(name, where + " declares " + channels + " channels");
    }
    if (channels > MAX_CHANNELS) {
      throw new MalformedAudioException(name, where + " declares " + channels
          + " channels, more than the " + MAX_CHANNELS + " this decoder accepts");
    }
  }

  static void checkSampleRate(String name, String where, double rate) throws MalformedAudioException {
    String read = rate == Math.rint(rate) && Math.abs(rate) < 1e15 ? Long.toString((long) rate) : Double.toString(rate);
    if (!(rate >= 1)) {
      throw new MalformedAudioException(name, where + " declares a sample rate of " + read + " Hz");
    }
    if (rate > MAX_SAMPLE_RATE) {
      throw new MalformedAudioException(name, where + " declares a sample rate of " + read
          + " Hz, more than the " + MAX_SAMPLE_RATE + " Hz this decoder accepts");
    }
  }

  /**
   * How many whole frames the audio chunk really holds, repairing as libsndfile does: an unknown length
   * (marker values) or a claim beyond the end of the file is replaced by the bytes present; a trailing
   * partial frame is dropped. Each repair adds one warning.
   *
   * @param chunk chunk name for messages ("data", "SSND")
   * @param declared bytes of audio the header declares, or -1 when the length is unknown
   * @param unknownMarker how the unknown length was written, for the message
   * @param dataOffset where the audio starts
   * @param fileSize total bytes available
   * @param bytesPerFrame bytes per frame, positive
   */
  static long repairExtent(String chunk, long declared, String unknownMarker, long dataOffset, long fileSize,
      int bytesPerFrame, List<String> warnings) {
    long present = Math.max(0, fileSize - dataOffset);
    if (declared < 0) {
      long frames = present / bytesPerFrame;
      warnings.add(chunk + " chunk size is unknown (" + unknownMarker + "); decoded " + frames
          + " frames up to the end of the file" + partial(present, bytesPerFrame));
      return frames;
    }
    if (declared > present) {
      long frames = present / bytesPerFrame;
      warnings.add(chunk + " chunk declares " + declared + " bytes but only " + present
          + " are present; decoded " + frames + " frames" + partial(present, bytesPerFrame));
      return frames;
    }
    long frames = declared / bytesPerFrame;
    long rest = declared % bytesPerFrame;
    if (rest != 0) {
      warnings.add(chunk + " chunk ends with a partial frame of " + rest + " bytes (frames are "
          + bytesPerFrame + " bytes); dropped it, decoded " + frames + " frames");
    }
    return frames;
  }

  private static String partial(long bytes, int bytesPerFrame) {
    long rest = bytes % bytesPerFrame;
    return rest == 0 ? "" : " (a trailing partial frame of " + rest + " bytes was dropped)";
  }
}
