package org.ser4j.cli.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.ser4j.audio.AudioClip;
import org.ser4j.audio.AudioFormatException;
import org.ser4j.audio.AudioReader;
import org.ser4j.features.FeatureSpec;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;
import org.ser4j.runtime.Provenance;

/**
 * What the service does with a request's audio, in one place (the HTTP layer only moves bytes): decode by
 * content, classify the whole clip as {@link EmotionRecognizer#predict(AudioClip)} does, and for audio longer
 * than the model's window classify sliding windows too. Thread-safe: the recognizer is shared.
 *
 * <p>The model's window is the span of audio its features read: the feature recipe's load offset plus its
 * duration (3.5 s for the notebook recipe: 0.5 s skipped, 3 s read). Windows of that span start every half
 * window; the last one ends at the end of the clip. Each window is classified exactly as a file of that length
 * would be. A recipe that reads whole files has no window, and no per-window results.
 */
final class PredictionService {

  /** At most this many windows are classified per request; longer audio gets evenly spaced windows. */
  static final int MAX_WINDOWS = 200;

  private final EmotionRecognizer recognizer;
  private final FeatureSpec spec;
  private final double windowSeconds; // 0 when the recipe reads whole files
  private final double minSeconds;

  PredictionService(EmotionRecognizer recognizer) {
    this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
    this.spec = recognizer.featureSpec(); // fails early, with the reason, for a bundle without a recipe
    OptionalDouble d = spec.load().duration();
    this.windowSeconds = d.isPresent() ? spec.load().offset() + d.getAsDouble() : 0;
    // the recognizer's own bound: the recipe's offset plus the frames its features need
    this.minSeconds = recognizer.minimumDuration().toNanos() / 1e9;
  }

  EmotionRecognizer recognizer() {
    return recognizer;
  }

  /**
   * Classifies audio bytes (WAV, AIFF and the other containers ser-audio reads).
   *
   * @param name how to name the audio in messages (an uploaded file's name, or "request body")
   * @return the response document: plain maps, lists, strings and numbers
   * @throws ApiException 400 when the bytes are not decodable audio or too short to classify
   */
  Map<String, Object> predict(byte[] audio, String name) throws ApiException {
    AudioClip clip;
    try {
      clip = AudioReader.read(audio, name);
    } catch (AudioFormatException e) {
      throw new ApiException(400, "undecodable_audio", name + ": " + e.problem());
    }
    if (clip.frameCount() == 0) {
      throw new ApiException(400, "too_short", name + ": the audio has no samples");
    }
    if (clip.durationSeconds() < minSeconds) {
      throw new ApiException(400, "too_short", String.format(java.util.Locale.ROOT,
          "%s: %.3f s of audio is too short: the model skips the first %.2f s and needs %.3f s in all",
          name, clip.durationSeconds(), spec.load().offset(), minSeconds));
    }
    Prediction whole = classify(clip, name);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", name);
    putPrediction(out, whole);
    out.put("durationSeconds", clip.durationSeconds());
    out.put("sampleRate", clip.sampleRate());
    out.put("channels", clip.channelCount());
    out.put("warnings", clip.warnings());
    out.put("windowSeconds", windowSeconds > 0 ? windowSeconds : null);
    out.put("windows", windows(clip, name));
    return out;
  }

  private Prediction classify(AudioClip clip, String name) throws ApiException {
    try {
      return recognizer.predict(clip, name);
    } catch (org.ser4j.audio.TooShortAudioException e) {
      throw new ApiException(400, "too_short", e.getMessage());
    } catch (IllegalArgumentException e) {
      // e.g. no audio where the features look, or non-finite samples
      throw new ApiException(400, "unusable_audio", name + ": " + e.getMessage());
    }
  }

  private List<Map<String, Object>> windows(AudioClip clip, String name) throws ApiException {
    List<Map<String, Object>> out = new ArrayList<>();
    if (windowSeconds <= 0 || clip.durationSeconds() <= windowSeconds) {
      return out;
    }
    int rate = clip.sampleRate();
    int len = (int) Math.round(windowSeconds * rate);
    int total = clip.frameCount();
    int hop = Math.max(1, len / 2);
    int count = (total - len + hop - 1) / hop + 1; // the last one ends at the clip's end
    if (count > MAX_WINDOWS) {
      count = MAX_WINDOWS;
    }
    for (int i = 0; i < count; i++) {
      int from = count == 1 ? 0 : (int) Math.round((double) i * (total - len) / (count - 1));
      Prediction p = classify(clip.slice(from, from + len), name);
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("startSeconds", (double) from / rate);
      w.put("endSeconds", (double) (from + len) / rate);
      putPrediction(w, p);
      out.add(w);
    }
    return out;
  }

  private static void putPrediction(Map<String, Object> out, Prediction p) {
    out.put("emotion", p.topLabel());
    out.put("probability", p.topProbability());
    out.put("probabilities", p.probabilities());
    out.put("quality", p.qualityNotes().stream().map(org.ser4j.runtime.QualityNote::message).toList());
  }

  /** {@code GET /api/model}: labels, feature recipe and provenance. */
  Map<String, Object> model() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("labels", recognizer.labels());
    out.put("inputMode", recognizer.bundle().inputMode().toString());
    out.put("windowSeconds", windowSeconds > 0 ? windowSeconds : null);
    out.put("features", spec.toMap());
    Provenance p = recognizer.bundle().provenance();
    Map<String, Object> prov = new LinkedHashMap<>(p.toMetadata());
    out.put("provenance", prov);
    return out;
  }
}
