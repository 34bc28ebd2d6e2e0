package org.ser4j.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFormat;
import org.ser4j.data.LabelSet;
import org.ser4j.data.Utterance;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Evaluation;
import org.ser4j.runtime.Provenance;
import org.ser4j.testing.SharedData;

/** The model this artifact ships: it loads, names its six labels, carries CREMA-D's notice, and scores. */
class PretrainedModelTest {

  private static final String[] SIX = {"angry", "disgust", "fear", "happy", "neutral", "sad"};

  @Test
  void pretrainedLoadsOnceWithTheSixSharedEmotions() {
    EmotionRecognizer r = EmotionRecognizer.pretrained();
    assertThat(r.labels()).containsExactly(SIX);
    assertThat(EmotionRecognizer.pretrained()).as("loaded once, then shared").isSameAs(r);
    assertThat(r.featureSpec()).isNotNull();
  }

  @Test
  void theBundleAndItsFiguresCarryTheCremaDNotice() {
    Provenance p = EmotionRecognizer.pretrained().bundle().provenance();
    for (String notice : List.of(p.extra().getOrDefault("licence", ""), PretrainedModel.figures().getProperty("licence", ""))) {
      assertThat(notice).contains("Produced Work", "CREMA-D", "Open Database License",
          "opendatacommons.org/licenses/odbl/1.0", "Database Contents License");
    }
  }

  @Test
  void provenanceSaysWhatItWasTrainedAndTestedOn() {
    Provenance p = EmotionRecognizer.pretrained().bundle().provenance();
    assertThat(p.corpusFormat()).contains("crema-d");
    assertThat(p.corpus()).hasValueSatisfying(c -> assertThat(c).contains("crema-d"));
    assertThat(p.trainCount().orElse(0)).isGreaterThan(1000);
    assertThat(p.seed()).isPresent();
    assertThat(p.extra().get("validation")).contains("grouped by speaker");
    assertThat(p.extra().get("test.data")).contains("crema-d-sample");
    // the training actors are listed, and none of them is a test actor
    List<String> trained = List.of(p.extra().get("train.speakers").split(","));
    assertThat(trained).hasSizeGreaterThan(10).doesNotContain("1009", "1019", "1025", "1040", "1065", "1079", "1081",
        "1082");
  }

  @Test
  void figuresHoldAThresholdAboveChanceAndBelowTheMeasuredAccuracy() {
    Properties f = PretrainedModel.figures();
    double accuracy = Double.parseDouble(f.getProperty("test.accuracy"));
    double threshold = Double.parseDouble(f.getProperty("test.accuracy.threshold"));
    assertThat(threshold).isGreaterThan(1.0 / SIX.length).isLessThan(accuracy);
  }

  /**
   * The shipped model on the 8 CREMA-D actors it never heard (all 644 clips, scored in batches), at least the
   * threshold that {@code ser pretrain} wrote beside it (the measured accuracy minus a margin).
   */
  @Test
  void accuracyOnTheUnheardCremaDSampleIsAtLeastTheRecordedThreshold() throws IOException {
    Optional<Path> dir = SharedData.sharedDir().map(d -> d.resolve("crema-d-sample")).filter(Files::isDirectory);
    assumeTrue(dir.isPresent(), "skipped: ../shared/crema-d-sample (CREMA-D recordings, read in place) is not"
        + " beside the repository");
    List<Utterance> utts = Corpus.scan(dir.get(), CorpusFormat.CREMA_D, LabelSet.TESS).utterances();
    Properties f = PretrainedModel.figures();
    assertThat(utts).hasSize(Integer.parseInt(f.getProperty("test.clips")));
    EmotionRecognizer r = EmotionRecognizer.pretrained();
    List<String> labels = r.labels();
    int[] actual = new int[utts.size()];
    int[] predicted = new int[utts.size()];
    for (int from = 0; from < utts.size(); from += 64) {
      List<Utterance> part = utts.subList(from, Math.min(utts.size(), from + 64));
      List<EmotionRecognizer.Outcome> outcomes = r.predictAll(new ArrayList<>(part.stream().map(Utterance::path).toList()));
      for (int k = 0; k < part.size(); k++) {
        EmotionRecognizer.Outcome o = outcomes.get(k);
        assertThat(o.ok()).as("%s: %s", o.file(), o.error()).isTrue();
        actual[from + k] = labels.indexOf(part.get(k).label());
        predicted[from + k] = labels.indexOf(o.prediction().topLabel());
      }
    }
    double threshold = Double.parseDouble(f.getProperty("test.accuracy.threshold"));
    assertThat(Evaluation.of(labels, actual, predicted).accuracy()).isGreaterThanOrEqualTo(threshold);
  }

  /**
   * With each unheard speaker's profile (built from that speaker's own clips, labels unused), the shipped model
   * scores at least the profile threshold {@code ser pretrain} wrote (for a model trained with speaker
   * normalisation), and a profile changes the predictions: it is really applied.
   */
  @Test
  void withSpeakerProfilesTheUnheardCremaDSampleScoresAtLeastTheRecordedProfileThreshold() throws IOException {
    Optional<Path> dir = SharedData.sharedDir().map(d -> d.resolve("crema-d-sample")).filter(Files::isDirectory);
    assumeTrue(dir.isPresent(), "skipped: ../shared/crema-d-sample (CREMA-D recordings, read in place) is not"
        + " beside the repository");
    Properties f = PretrainedModel.figures();
    assumeTrue(f.getProperty("test.accuracy.profile.threshold") != null, "skipped: the shipped model was not"
        + " trained with speaker normalisation (no profile figure recorded)");
    EmotionRecognizer r = EmotionRecognizer.pretrained();
    assertThat(r.speakerNormalized()).isTrue();
    List<Utterance> utts = Corpus.scan(dir.get(), CorpusFormat.CREMA_D, LabelSet.TESS).utterances();
    java.util.Map<String, List<float[]>> bySpeaker = new java.util.LinkedHashMap<>();
    List<float[]> vectors = new ArrayList<>();
    for (Utterance u : utts) {
      float[] v = r.featureVector(u.path());
      vectors.add(v);
      bySpeaker.computeIfAbsent(u.speaker(), k -> new ArrayList<>()).add(v);
    }
    java.util.Map<String, org.ser4j.runtime.SpeakerProfile> profiles = new java.util.HashMap<>();
    bySpeaker.forEach((sp, vs) -> profiles.put(sp, org.ser4j.runtime.SpeakerProfile.ofVectors(vs)));
    List<String> labels = r.labels();
    int[] actual = new int[utts.size()];
    int[] predicted = new int[utts.size()];
    int changed = 0;
    for (int i = 0; i < utts.size(); i++) {
      actual[i] = labels.indexOf(utts.get(i).label());
      String with = r.predictPooled(vectors.get(i), profiles.get(utts.get(i).speaker())).topLabel();
      predicted[i] = labels.indexOf(with);
      if (!with.equals(r.predictPooled(vectors.get(i)).topLabel())) {
        changed++;
      }
    }
    assertThat(changed).as("clips whose top emotion the profile changes").isGreaterThan(0);
    double threshold = Double.parseDouble(f.getProperty("test.accuracy.profile.threshold"));
    assertThat(Evaluation.of(labels, actual, predicted).accuracy()).isGreaterThanOrEqualTo(threshold);
  }
}
