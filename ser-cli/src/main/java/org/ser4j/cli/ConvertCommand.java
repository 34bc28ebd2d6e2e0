package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.List;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioInfo;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.AudioStream;
import org.ser4j.audio.Resampler;
import org.ser4j.audio.LoadOptions;
import org.ser4j.audio.WavWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ser convert IN OUT}: decode, trim, downmix, resample, write WAV. */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Decode IN (WAV or AIFF, by content), optionally cut it (--offset, --duration, in seconds at the"
          + " file's rate, as librosa.load), downmix to mono (--mono) and resample (--sr), and write OUT as WAV.",
      "Without --format, OUT keeps the source's precision: float sources become float32, 24/32-bit"
          + " integer sources pcm24, everything else pcm16."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:IN could not be decoded or OUT could not be written",
      "2:usage error (including OUT being IN, a folder, FIFO or device, or a rate IN cannot be converted to)"})
final class ConvertCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN", description = "Audio file to read.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "WAV file to write (replaced if it exists; a symbolic link is written through).")
  Path out;

  @Option(names = "--sr", paramLabel = "RATE", description = "Target sample rate in Hz (default: keep).")
  Integer sampleRate;

  @Option(names = "--mono", description = "Average the channels to one.")
  boolean mono;

  @Option(names = "--offset", paramLabel = "S", description = "Seconds to skip at the start (default 0).")
  double offset;

  @Option(names = "--duration", paramLabel = "S", description = "Seconds to keep (default: to the end).")
  Double duration;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "pcm16, pcm24 or float32 (default: from the source, see above).")
  WavWriter.Encoding format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    LoadOptions options;
    try {
      LoadOptions.Builder b = LoadOptions.builder().nativeSampleRate().mono(mono).offset(offset);
      if (sampleRate != null) {
        b.sampleRate(sampleRate);
      }
      if (duration != null) {
        b.duration(duration);
      }
      options = b.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    CliFiles.checkOutputFile(spec, out, List.of(in));
    try {
      AudioInfo info = AudioReader.probe(in);
      if (sampleRate != null && sampleRate != info.sampleRate()) {
        try {
          Resampler.of(info.sampleRate(), sampleRate);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--sr " + sampleRate + ": cannot convert " + in
              + " from its " + info.sampleRate() + " Hz (at most " + Resampler.MAX_RATIO + " times up or down, "
              + "at most " + Resampler.MAX_RATE + " Hz)");
        }
      }
      WavWriter.Encoding encoding = format != null ? format : defaultEncoding(info);
      // refuse now, not after writing 4 GiB: a WAV file's data cannot exceed 2^32 - 1 bytes
      double seconds = Math.max(0, info.durationSeconds() - offset);
      if (duration != null) {
        seconds = Math.min(seconds, duration);
      }
      int outRate = sampleRate != null ? sampleRate : info.sampleRate();
      double outBytes = seconds * outRate * (mono ? 1 : info.channels()) * encoding.bytesPerSample();
      if (outBytes > 0xFFFFFFFFL - 64) {
        spec.commandLine().getErr().println(String.format(Locale.ROOT, "error: %s -> %s: the output would hold"
            + " %.1f GiB of audio, more than a WAV file can (4 GiB); cut it with --offset/--duration", in, out,
            outBytes / (1L << 30)));
        return SerCli.EXIT_INPUT_FAILED;
      }
      // block by block: memory stays the same whatever the file's length
      int rate;
      int channels;
      long frames;
      try (AudioStream stream = AudioLoader.open(in, options)) {
        rate = stream.sampleRate();
        channels = stream.channels();
        frames = WavWriter.write(rate, channels, out, encoding, stream::read);
        for (String w : stream.warnings()) {
          stdout.println("warning: " + in + ": " + w);
        }
      }
      stdout.println(String.format(Locale.ROOT, "%s -> %s  %d Hz  %d ch  %s  %.3f s", in, out,
          rate, channels, encoding.name().toLowerCase(Locale.ROOT), (double) frames / rate));
      return 0;
    } catch (AudioFormatException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + CliFiles.describe(e));
      return SerCli.EXIT_INPUT_FAILED;
    }
  }

  static WavWriter.Encoding defaultEncoding(AudioInfo info) {
    switch (info.encoding()) {
      case FLOAT32:
      case FLOAT64:
        return WavWriter.Encoding.FLOAT32;
      case PCM_S24:
      case PCM_S32:
        return WavWriter.Encoding.PCM24;
      default:
        return WavWriter.Encoding.PCM16;
    }
  }
}
