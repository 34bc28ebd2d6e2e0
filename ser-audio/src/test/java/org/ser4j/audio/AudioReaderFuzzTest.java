package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.testing.SharedData;

/**
 * Seeded mutation fuzzing over the golden WAVs and synthetic AIFF / extensible files: bit flips, truncations,
 * rewritten chunk sizes and header fields. Decoding must either succeed or raise an
 * {@link AudioFormatException}; any other throwable (IndexOutOfBounds, OutOfMemoryError, ...) is a failure.
 */
class AudioReaderFuzzTest {

  private static final long SEED = 20240611L;
  private static final int ITERATIONS = 2000;
  /** Inputs are cut to this size before mutating, to keep the run to a few seconds (itself a truncation). */
  private static final int MAX_INPUT = 16 * 1024;

  @Test
  void mutatedFilesEitherDecodeOrRaiseAudioFormatException() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (String name : new String[] {"sine440_22050.wav", "noise_16000.wav", "voice_24414_float32.wav",
        "voice_24414_pcm8.wav", "voice_24414_stereo_pcm24.wav"}) {
      seeds.add(Files.readAllBytes(SharedData.golden(name)));
    }
    seeds.add(TestAudioFiles.aiff(2, 16, TestAudioFiles.RATE_44100).data(new byte[4000]).build());
    seeds.add(TestAudioFiles.aiff(1, 32, TestAudioFiles.RATE_8000).aifc("fl32").data(new byte[4000]).build());
    seeds.add(TestAudioFiles.wav(0xFFFE, 2, 48000, 24).extensible(1)
        .chunkBeforeData("LIST", new byte[13]).data(new byte[3000]).build());

    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    int decoded = 0;
    int rejected = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] input = mutate(Arrays.copyOf(seed, Math.min(seed.length, MAX_INPUT)), random);
      try {
        AudioClip clip = AudioReader.read(input, "fuzz#" + i);
        assertThat(clip.frameCount()).isLessThanOrEqualTo(input.length);
        decoded++;
      } catch (AudioFormatException expected) {
        assertThat(expected.getMessage()).startsWith("fuzz#" + i + ": ");
        rejected++;
      } catch (Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        failures.add("iteration " + i + ": " + trace);
      }
    }
    assertThat(failures).isEmpty();
    // the mutations must exercise both outcomes, or the test proves little
    assertThat(decoded).isGreaterThan(ITERATIONS / 20);
    assertThat(rejected).isGreaterThan(ITERATIONS / 20);
  }

  private static byte[] mutate(byte[] b, Random r) {
    int kind = r.nextInt(6);
    switch (kind) {
      case 0: // flip a few bits anywhere in the first 128 bytes (the headers)
        for (int k = 1 + r.nextInt(8); k > 0; k--) {
          int at = r.nextInt(Math.min(b.length, 128));
          b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      case 1: // flip bits anywhere
        for (int k = 1 + r.nextInt(16); k > 0; k--) {
          int at = r.nextInt(b.length);
          b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      case 2: // truncate
        return Arrays.copyOf(b, r.nextInt(b.length + 1));
      case 3: // rewrite a 32-bit size field (every 4-byte-aligned word of the header is a candidate)
        {
          int at = 4 * r.nextInt(Math.min(b.length, 96) / 4);
          int[] specials = {0, -1, 0x7FFFFFFF, 0x80000000, 1, 7, 16, 17, 40, r.nextInt()};
          int v = specials[r.nextInt(specials.length)];
          boolean little = b.length > 0 && b[0] == 'R';
          for (int k = 0; k < 4 && at + k < b.length; k++) {
            b[at + k] = (byte) (little ? v >> (8 * k) : v >> (8 * (3 - k)));
          }
          return b;
        }
      case 4: // rewrite a 16-bit header field (format tag, channels, bits, block align)
        {
          int at = 2 * r.nextInt(Math.min(b.length, 64) / 2);
          int[] specials = {0, 1, 2, 3, 6, 7, 8, 0x55, 0xFFFE, 0xFFFF, 1024, 1025, r.nextInt(65536)};
          int v = specials[r.nextInt(specials.length)];
          if (at + 1 < b.length) {
            b[at] = (byte) v;
            b[at + 1] = (byte) (v >> 8);
          }
          return b;
        }
      default: // random garbage appended or inserted in the middle
        {
          byte[] junk = new byte[r.nextInt(64)];
          r.nextBytes(junk);
          int at = r.nextInt(b.length + 1);
          byte[] out = new byte[b.length + junk.length];
          System.arraycopy(b, 0, out, 0, at);
          System.arraycopy(junk, 0, out, at, junk.length);
          System.arraycopy(b, at, out, at + junk.length, b.length - at);
          return out;
        }
    }
  }
}
