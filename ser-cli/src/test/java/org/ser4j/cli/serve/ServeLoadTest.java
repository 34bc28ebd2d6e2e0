package org.ser4j.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many concurrent clients against the default server configuration: every request must succeed; throughput
 * and p50/p99 latency are printed (the figures in benchmarks/README.md), never asserted.
 */
class ServeLoadTest {

  @Test
  void manyConcurrentClientsAllGetAnswers() throws Exception {
    int clients = 32;
    int perClient = 10;
    byte[] wav = ServeFixtures.wav(ServeFixtures.voice(16000, 3.0, 21)); // a typical utterance
    ExecutorService clientThreads = Executors.newFixedThreadPool(4);
    try (SerServer server = SerServer.builder(ServeFixtures.recognizer()).port(0).build().start()) {
      HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
      HttpRequest request = HttpRequest.newBuilder(server.url().resolve("api/predict"))
          .header("Content-Type", "audio/wav").POST(HttpRequest.BodyPublishers.ofByteArray(wav)).build();
      // warm up the JIT a little so the figures describe the steady state
      for (int i = 0; i < 20; i++) {
        assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      }
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      try {
        long start = System.nanoTime();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          futures.add(pool.submit(() -> {
            long[] latencies = new long[perClient];
            for (int i = 0; i < perClient; i++) {
              long t0 = System.nanoTime();
              HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
              latencies[i] = System.nanoTime() - t0;
              assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            return latencies;
          }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
          for (long l : f.get()) {
            all.add(l);
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(all).hasSize(clients * perClient);
        SerServerTest.report("load (3 s WAV, " + SerServer.Builder.DEFAULT_THREADS + " server threads)", clients,
            all, seconds);
      } finally {
        pool.shutdownNow();
      }
    } finally {
      clientThreads.shutdownNow();
    }
  }
}
