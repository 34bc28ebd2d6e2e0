package org.ser4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioInfo;
import org.ser4j.audio.AudioReader;
import org.ser4j.audio.Container;

/**
 * What a corpus's audio looks like, from every file's header (nothing is decoded in full): total duration, a
 * sample-rate histogram, a container histogram, and the files that cannot be decoded or needed a repair, as
 * {@link Problem}s. Files are probed in parallel.
 *
 * @param files utterances probed
 * @param decodable utterances whose audio can be read
 * @param totalSeconds the summed duration of the decodable files
 * @param sampleRates files per sample rate, by rate
 * @param containers files per container (WAV, AIFF, ...)
 * @param problems undecodable files (left out), decoder repairs and content/name mismatches (used)
 */
public record CorpusStats(int files, int decodable, double totalSeconds, Map<Integer, Integer> sampleRates,
    Map<Container, Integer> containers, List<Problem> problems) {

  public CorpusStats {
    sampleRates = Collections.unmodifiableMap(new TreeMap<>(sampleRates));
    containers = Collections.unmodifiableMap(new TreeMap<>(containers));
    problems = List.copyOf(problems);
  }

  /** Probes every utterance of {@code corpus}, reporting progress. */
  public static CorpusStats of(Corpus corpus, ProgressListener progress) {
    List<Utterance> utts = corpus.utterances();
    AudioInfo[] infos = new AudioInfo[utts.size()];
    Problem[] failures = new Problem[utts.size()];
    AtomicInteger done = new AtomicInteger();
    java.util.stream.IntStream.range(0, utts.size()).parallel().forEach(i -> {
      Path file = utts.get(i).path();
      try {
        infos[i] = AudioReader.probe(file);
      } catch (AudioFormatException e) {
        failures[i] = Problem.skipped(file, e.problem());
      } catch (IOException e) {
        failures[i] = Problem.skipped(file, "cannot read: " + e.getMessage());
      }
      progress.progress(done.incrementAndGet(), utts.size());
    });
    Map<Integer, Integer> rates = new TreeMap<>();
    Map<Container, Integer> containers = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    double seconds = 0;
    int ok = 0;
    for (int i = 0; i < infos.length; i++) {
      if (failures[i] != null) {
        problems.add(failures[i]);
        continue;
      }
      AudioInfo info = infos[i];
      ok++;
      seconds += info.durationSeconds();
      rates.merge(info.sampleRate(), 1, Integer::sum);
      containers.merge(info.container(), 1, Integer::sum);
      Path file = utts.get(i).path();
      for (String w : info.warnings()) {
        problems.add(Problem.repaired(file, w));
      }
      info.nameMismatch().ifPresent(note -> problems.add(Problem.repaired(file, note)));
    }
    problems.sort(Comparator.comparing(p -> p.file().toString()));
    return new CorpusStats(utts.size(), ok, seconds, rates, containers, problems);
  }
}
