package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioInfo;
import org.ser4j.audio.AudioLoader;
import org.ser4j.audio.AudioReader;
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
    exitCodeList = {"0:written", "1:IN could not be decoded or OUT could not be written", "2:usage error"})
final class ConvertCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "IN", description = "Audio file to read.")
  Path in;

  @Parameters(index = "1", paramLabel = "OUT", description = "WAV file to write (replaced if it exists).")
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
    try {
      AudioInfo info = AudioReader.probe(in);
      AudioClip clip = AudioLoader.load(in, options);
      WavWriter.Encoding encoding = format != null ? format : defaultEncoding(info);
      WavWriter.write(clip, out, encoding);
      for (String w : clip.warnings()) {
        stdout.println("warning: " + in + ": " + w);
      }
      stdout.println(String.format(Locale.ROOT, "%s -> %s  %d Hz  %d ch  %s  %.3f s", in, out,
          clip.sampleRate(), clip.channelCount(), encoding.name().toLowerCase(Locale.ROOT),
          clip.durationSeconds()));
      return 0;
    } catch (AudioFormatException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    } catch (IOException e) {
      spec.commandLine().getErr().println("error: " + in + " -> " + out + ": " + e);
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
