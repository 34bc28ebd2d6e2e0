package org.ser4j.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes RIFF/WAVE and AIFF/AIFF-C audio by content (the file name and extension are never consulted) into
 * float samples scaled exactly as libsndfile (and so soundfile and {@code librosa.load}) scales them:
 * unsigned 8-bit {@code (x - 128) / 128}, AIFF signed 8-bit {@code x / 128}, 16-bit {@code x / 32768}, 24-bit
 * {@code x / 2^23}, 32-bit {@code x / 2^31}, float32 as is, float64 rounded to float, A-law and mu-law by the
 * G.711 tables then {@code / 32768}.
 *
 * <p>Encodings: WAVE PCM 8/16/24/32-bit, IEEE float 32/64, A-law (6), mu-law (7), and
 * {@code WAVE_FORMAT_EXTENSIBLE} with those sub-formats; AIFF PCM; AIFF-C {@code NONE}, {@code twos},
 * {@code sowt}, {@code fl32}, {@code fl64}, {@code alaw}, {@code ulaw}. Any channel count up to 1024 and any
 * sample rate from 1 Hz to 10 MHz (more is taken as a corrupt header).
 *
 * <p>Repairs, as libsndfile makes them, are reported as warnings on the result rather than failures: a data
 * chunk or container header that claims more bytes than the file holds (a truncated download), a length
 * written as unknown (0xFFFFFFFF), a trailing partial frame, a block align inconsistent with the channels and
 * sample width (ignored, as libsndfile ignores it). A data chunk that declares 0 bytes holds no audio, as
 * libsndfile reads it, with a warning when bytes follow it. What cannot be repaired raises an
 * {@link AudioFormatException} whose message names the file: {@link UnrecognizedAudioException} (not
 * WAV/AIFF), {@link UnsupportedAudioEncodingException} (ADPCM, MP3 in WAV, compressed AIFF-C, ...),
 * {@link MalformedAudioException} (missing fmt/COMM or data, absurd channel counts, rates, bit depths, more
 * than 10,000 chunks before the audio). A {@code WAVE_FORMAT_EXTENSIBLE} sub-format GUID that is not one of
 * the standard {@code KSDATAFORMAT_SUBTYPE}s is unsupported, as in libsndfile.
 *
 * <p>{@link #read(Path)} refuses, with an {@link IOException} naming the file, audio that would not fit in the
 * memory left (a sparse file claiming gigabytes): decode such files in blocks with {@link #open(Path)} or
 * {@link AudioLoader#open(Path, LoadOptions)}.
 *
 * <p>Memory: nothing is ever allocated from a number in a header. {@link #read(Path)} allocates the output
 * arrays plus one 64 KiB buffer; {@link #open(Path)} decodes long files block by block.
 */
public final class AudioReader {

  private static final Logger LOG = LoggerFactory.getLogger(AudioReader.class);

  private AudioReader() {}

  /**
   * Reads only the headers of {@code file} (never its audio data) and reports its format and the number of
   * frames that can really be decoded, bounded by the file's size.
   *
   * @param file the audio file
   * @return its format, length and the repairs a read will make
   * @throws AudioFormatException if the file is not decodable audio (see the class description)
   * @throws IOException if the file cannot be read
   */
  public static AudioInfo probe(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (ByteSource src = ByteSource.open(file)) {
      return HeaderParser.parse(src, file.toString(), file).info();
    }
  }

  /**
   * Decodes all of {@code file}.
   *
   * @param file the audio file
   * @return every channel, at the file's own rate, with any repair warnings
   * @throws AudioFormatException if the file is not decodable audio
   * @throws IOException if the file cannot be read, or holds more than 2^31 - 16 frames
   */
  public static AudioClip read(Path file) throws IOException {
    return read(file, 0, -1);
  }

  /**
   * Decodes frames {@code [startFrame, startFrame + maxFrames)} of {@code file}, clipped to the file, after
   * seeking to {@code startFrame} (the skipped audio is neither read nor decoded). An empty clip results when
   * {@code startFrame} is at or past the end. This is soundfile's {@code seek} + {@code read(frames)}.
   *
   * @param file the audio file
   * @param startFrame first frame, not negative
   * @param maxFrames frames wanted; negative for "to the end"
   * @return the frames read, every channel, at the file's rate, with any repair warnings
   * @throws IllegalArgumentException if {@code startFrame} is negative
   * @throws AudioFormatException if the file is not decodable audio
   * @throws IOException if the file cannot be read, or the range holds more than 2^31 - 16 frames
   */
  public static AudioClip read(Path file, long startFrame, long maxFrames) throws IOException {
    Objects.requireNonNull(file, "file");
    if (startFrame < 0) {
      throw new IllegalArgumentException("startFrame must not be negative, got " + startFrame);
    }
    try (AudioBlockReader reader = open(file)) {
      return readAll(reader, file.toString(), startFrame, maxFrames);
    }
  }

  /**
   * Decodes audio held in memory (for tests, fuzzing, data from a network or archive).
   *
   * @param data a WAV or AIFF file's bytes
   * @param sourceName how to name the data in messages and warnings, e.g. an archive entry
   * @return every channel, at the data's rate, with any repair warnings
   * @throws AudioFormatException if the bytes are not decodable audio
   */
  public static AudioClip read(byte[] data, String sourceName) throws AudioFormatException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(sourceName, "sourceName");
    ByteSource src = ByteSource.of(data);
    try {
      StreamLayout layout = HeaderParser.parse(src, sourceName, null);
      return readAll(new AudioBlockReader(src, layout, sourceName), sourceName, 0, -1);
    } catch (AudioFormatException e) {
      throw e;
    } catch (IOException e) {
      // an in-memory source performs no I/O; anything else is a structural problem of the data
      throw new MalformedAudioException(sourceName, e.getMessage(), e);
    }
  }

  /**
   * Opens {@code file} for block-wise decoding; the headers are parsed now, the audio as it is read. The
   * caller must close the reader.
   *
   * @param file the audio file
   * @return a reader positioned at the first frame
   * @throws AudioFormatException if the file is not decodable audio
   * @throws IOException if the file cannot be opened
   */
  public static AudioBlockReader open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    ByteSource src = ByteSource.open(file);
    try {
      StreamLayout layout = HeaderParser.parse(src, file.toString(), file);
      return new AudioBlockReader(src, layout, file.toString());
    } catch (IOException | RuntimeException | Error e) {
      try {
        src.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static AudioClip readAll(AudioBlockReader reader, String name, long startFrame, long maxFrames)
      throws IOException {
    AudioInfo info = reader.info();
    long start = Math.min(startFrame, info.frames());
    long available = info.frames() - start;
    long count = maxFrames < 0 ? available : Math.min(maxFrames, available);
    if (count > Integer.MAX_VALUE - 16) {
      throw new IOException(name + ": " + count + " frames are too many to hold in one clip;"
          + " decode it in blocks with AudioReader.open");
    }
    int n = (int) count;
    Runtime rt = Runtime.getRuntime();
    long needed = 4L * n * info.channels();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    if (needed > free) {
      throw new IOException(name + ": " + count + " frames x " + info.channels() + " channels need "
          + (needed >> 20) + " MiB, more than the " + (free >> 20) + " MiB of memory left; decode it in"
          + " blocks with AudioReader.open (or give Java more memory with -Xmx)");
    }
    float[][] channels = new float[info.channels()][n];
    reader.seek(start);
    int done = 0;
    while (done < n) {
      int got = reader.read(channels, done, n - done);
      if (got <= 0) {
        throw new IOException(name + ": stream ended at frame " + (start + done) + " of " + info.frames());
      }
      done += got;
    }
    if (!info.warnings().isEmpty() && LOG.isDebugEnabled()) {
      LOG.debug("{}: repaired while decoding: {}", name, info.warnings());
    }
    return AudioClip.wrap(channels, info.sampleRate(), info.warnings());
  }
}
