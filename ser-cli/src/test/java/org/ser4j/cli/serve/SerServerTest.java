package org.ser4j.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ser4j.audio.AudioReader;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;

/** The HTTP API on a real server on a free port, with real WAV bodies. */
class SerServerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long LIMIT = 1L << 20;
  static EmotionRecognizer recognizer;
  static SerServer server;
  static HttpClient client;
  static byte[] shortWav;
  static byte[] longWav;

  @BeforeAll
  static void start() throws IOException {
    recognizer = ServeFixtures.recognizer();
    server = SerServer.builder(recognizer).port(0).threads(4).maxBodyBytes(LIMIT).build().start();
    client = HttpClient.newHttpClient();
    shortWav = ServeFixtures.wav(ServeFixtures.voice(16000, 2.0, 1));
    longWav = ServeFixtures.wav(ServeFixtures.voice(16000, 7.0, 2));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(server.url().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
        "application/json"));
    return JSON.readTree(r.body());
  }

  /** The probabilities the recognizer gives for the same bytes, decoded independently of the server. */
  static Map<String, Double> expected(byte[] wav) throws IOException {
    Prediction p = recognizer.predict(AudioReader.read(wav, "x"));
    return p.probabilities();
  }

  static void assertSameProbabilities(JsonNode probs, Map<String, Double> expected) {
    assertThat(probs.size()).isEqualTo(expected.size());
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      assertThat(probs.get(e.getKey()).asDouble()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void predictAnswersTheRecognizersProbabilitiesForARawWavBody() throws Exception {
    HttpResponse<String> r = post("api/predict", "audio/wav", shortWav);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode j = json(r);
    Prediction p = recognizer.predict(AudioReader.read(shortWav, "x"));
    assertThat(j.get("emotion").asText()).isEqualTo(p.topLabel());
    assertThat(j.get("probability").asDouble()).isEqualTo(p.topProbability());
    assertSameProbabilities(j.get("probabilities"), p.probabilities());
    assertThat(j.get("durationSeconds").asDouble()).isEqualTo(2.0);
    assertThat(j.get("sampleRate").asInt()).isEqualTo(16000);
    assertThat(j.get("windows").size()).as("2 s is within the 3 s window").isZero();
  }

  @Test
  void predictTakesAMultipartFormWithAFile() throws Exception {
    String boundary = "----ser4jBoundary7MA4YWxk";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.wav\"\r\n"
        + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(shortWav);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> r = post("api/predict", "multipart/form-data; boundary=" + boundary, body.toByteArray());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode j = json(r);
    assertThat(j.get("file").asText()).isEqualTo("me.wav");
    assertSameProbabilities(j.get("probabilities"), expected(shortWav));
  }

  @Test
  void longAudioGetsSlidingWindowsEachClassifiedLikeAClipOfThatSpan() throws Exception {
    HttpResponse<String> r = post("api/predict", "audio/x-wav", longWav);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode j = json(r);
    org.ser4j.audio.LoadOptions load = recognizer.featureSpec().load();
    double span = load.offset() + load.duration().orElseThrow(); // what the model reads of a file
    assertThat(j.get("windowSeconds").asDouble()).isEqualTo(span);
    JsonNode windows = j.get("windows");
    // windows every half span, the last one ending at the end (spread evenly)
    int count = (int) Math.ceil((7.0 - span) / (span / 2)) + 1;
    assertThat(windows.size()).isEqualTo(count);
    assertThat(windows.get(0).get("startSeconds").asDouble()).isZero();
    assertThat(windows.get(windows.size() - 1).get("endSeconds").asDouble()).isEqualTo(7.0);
    org.ser4j.audio.AudioClip clip = AudioReader.read(longWav, "x");
    int len = (int) Math.round(span * 16000);
    double previousStart = -1;
    for (JsonNode w : windows) {
      double start = w.get("startSeconds").asDouble();
      assertThat(start).isGreaterThan(previousStart);
      previousStart = start;
      int from = (int) Math.round(start * 16000);
      assertThat(w.get("endSeconds").asDouble() - start).isCloseTo(span, org.assertj.core.data.Offset.offset(1e-9));
      assertSameProbabilities(w.get("probabilities"), recognizer.predict(clip.slice(from, from + len))
          .probabilities());
    }
  }

  @Test
  void corruptBodyIs400NamingTheProblem() throws Exception {
    byte[] corrupt = Arrays.copyOf(shortWav, 200);
    Arrays.fill(corrupt, 0, 4, (byte) 'X'); // not RIFF any more
    HttpResponse<String> r = post("api/predict", "audio/wav", corrupt);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode j = json(r);
    assertThat(j.get("status").asInt()).isEqualTo(400);
    assertThat(j.get("error").asText()).isEqualTo("undecodable_audio");
    assertThat(j.get("message").asText()).startsWith("request body: ");

    HttpResponse<String> text = post("api/predict", "application/octet-stream",
        "not audio, not at all".repeat(10).getBytes(StandardCharsets.UTF_8));
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(json(text).get("error").asText()).isEqualTo("undecodable_audio");
  }

  @Test
  void truncatedWavIsEither200WithAWarningOr400NeverA5xx() throws Exception {
    for (int cut : new int[] {44, 45, 100, 1000, shortWav.length / 2}) {
      HttpResponse<String> r = post("api/predict", "audio/wav", Arrays.copyOf(shortWav, cut));
      assertThat(r.statusCode()).as("cut at " + cut + ": " + r.body()).isIn(200, 400);
      json(r);
    }
  }

  @Test
  void audioShorterThanTheRecipesOffsetIs400TooShort() throws Exception {
    HttpResponse<String> r = post("api/predict", "audio/wav", ServeFixtures.wav(ServeFixtures.voice(16000, 0.3, 3)));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode j = json(r);
    assertThat(j.get("error").asText()).isEqualTo("too_short");
    assertThat(j.get("message").asText()).contains("0.300 s").contains("too short");
  }

  @Test
  void multipartWithoutABoundaryOrAFileIs400() throws Exception {
    HttpResponse<String> r = post("api/predict", "multipart/form-data", shortWav);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).isEqualTo("bad_multipart");
    HttpResponse<String> noFile = post("api/predict", "multipart/form-data; boundary=B",
        "--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--B--\r\n".getBytes(StandardCharsets.UTF_8));
    assertThat(noFile.statusCode()).isEqualTo(400);
    assertThat(json(noFile).get("message").asText()).contains("no file");
  }

  @Test
  void emptyBodyIs400() throws Exception {
    HttpResponse<String> r = post("api/predict", "audio/wav", new byte[0]);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("error").asText()).isEqualTo("empty_body");
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    HttpResponse<String> r = post("api/predict", "application/json", shortWav);
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(json(r).get("message").asText()).contains("application/json").contains("audio/wav");
    assertThat(post("api/predict", "text/plain; charset=utf-8", shortWav).statusCode()).isEqualTo(415);
  }

  @Test
  void wrongMethodIs405WithAllow() throws Exception {
    HttpResponse<String> r = get("api/predict");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    assertThat(json(r).get("error").asText()).isEqualTo("method_not_allowed");
    assertThat(post("api/model", "audio/wav", shortWav).statusCode()).isEqualTo(405);
  }

  @Test
  void unknownPathIs404Json() throws Exception {
    HttpResponse<String> r = get("api/nothing");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("message").asText()).contains("/api/nothing");
  }

  @Test
  void bodyOverTheLimitIs413WithoutReadingIt() throws Exception {
    // a declared length over the limit is refused at once, before the body is sent
    try (Socket s = new Socket(server.url().getHost(), server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: audio/wav\r\nContent-Length: "
          + (60L << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = readResponse(s.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 413");
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      JsonNode j = JSON.readTree(body);
      assertThat(j.get("error").asText()).isEqualTo("body_too_large");
      assertThat(j.get("message").asText()).contains("60.0 MB").contains("1.0 MB");
    }
  }

  @Test
  void chunkedBodyOverTheLimitIs413() throws Exception {
    try (Socket s = new Socket(server.url().getHost(), server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/predict HTTP/1.1\r\nHost: x\r\nContent-Type: audio/wav\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 16];
      for (int i = 0; i < (LIMIT >> 16) + 2; i++) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = readResponse(s.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 413");
      assertThat(response).contains("\"body_too_large\"");
    }
  }

  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    int r;
    int contentLength = -1;
    while ((r = in.read(buf)) > 0) {
      got.write(buf, 0, r);
      String s = got.toString(StandardCharsets.ISO_8859_1);
      int end = s.indexOf("\r\n\r\n");
      if (end >= 0) {
        if (contentLength < 0) {
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(s);
          contentLength = m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
        if (s.length() - end - 4 >= contentLength) {
          break;
        }
      }
    }
    return got.toString(StandardCharsets.UTF_8);
  }

  @Test
  void modelDescribesLabelsRecipeAndProvenance() throws Exception {
    HttpResponse<String> r = get("api/model");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = json(r);
    List<String> labels = new ArrayList<>();
    j.get("labels").forEach(n -> labels.add(n.asText()));
    assertThat(labels).isEqualTo(recognizer.labels());
    Map<String, String> spec = recognizer.featureSpec().toMap();
    for (Map.Entry<String, JsonNode> e : j.get("features").properties()) {
      assertThat(e.getValue().asText()).isEqualTo(spec.get(e.getKey()));
    }
    assertThat(j.get("features").size()).isEqualTo(spec.size());
    assertThat(j.get("provenance").isObject()).isTrue();
  }

  @Test
  void healthAndPage() throws Exception {
    HttpResponse<String> h = get("health");
    assertThat(h.statusCode()).isEqualTo(200);
    assertThat(json(h).get("status").asText()).isEqualTo("ok");
    HttpResponse<String> page = get("");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<html").contains("api/predict")
        .doesNotContain("http://").doesNotContain("https://"); // self-contained: nothing from elsewhere
  }

  @Test
  void concurrentRequestsAllSucceedWithTheRecognizersResult() throws Exception {
    List<byte[]> bodies = List.of(shortWav, ServeFixtures.wav(ServeFixtures.voice(22050, 2.5, 5)),
        ServeFixtures.wav(ServeFixtures.voice(44100, 1.5, 6)));
    List<Map<String, Double>> expected = new ArrayList<>();
    for (byte[] b : bodies) {
      expected.add(expected(b));
    }
    int threads = 8;
    int perThread = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          long[] latencies = new long[perThread];
          for (int i = 0; i < perThread; i++) {
            int which = (id + i) % bodies.size();
            long t0 = System.nanoTime();
            HttpResponse<String> r = post("api/predict", "audio/wav", bodies.get(which));
            latencies[i] = System.nanoTime() - t0;
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertSameProbabilities(json(r).get("probabilities"), expected.get(which));
          }
          return latencies;
        }));
      }
      long start = System.nanoTime();
      List<Long> all = new ArrayList<>();
      for (Future<long[]> f : futures) {
        for (long l : f.get()) {
          all.add(l);
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      report("concurrent", threads, all, seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Prints throughput and p50/p99 latency (figures for benchmarks/README.md; never asserted). */
  static void report(String what, int clients, List<Long> latenciesNanos, double seconds) {
    long[] sorted = latenciesNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(Locale.ROOT, "ser serve %s: %d clients, %d requests in %.2f s: %.1f requests/s,"
            + " p50 %.1f ms, p99 %.1f ms%n", what, clients, sorted.length, seconds, sorted.length / seconds,
        sorted[(int) (0.50 * (sorted.length - 1))] / 1e6, sorted[(int) Math.ceil(0.99 * (sorted.length - 1))] / 1e6);
  }
}
