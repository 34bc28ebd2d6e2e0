package org.ser4j.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ser4j.runtime.EmotionRecognizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service behind {@code ser serve}, on the JDK's own {@link HttpServer}: one shared recognizer, a
 * bounded pool of request threads, and these endpoints:
 *
 * <ul>
 *   <li>{@code POST /api/predict}: audio in the body (WAV, AIFF, ...; {@code audio/wav}, {@code audio/x-wav},
 *       {@code audio/aiff}, {@code application/octet-stream}) or a {@code multipart/form-data} form with a
 *       file; answers the top emotion, every probability, duration, sample rate and per-window results.
 *   <li>{@code GET /api/model}: labels, feature recipe, provenance. {@code GET /health}.
 *   <li>{@code GET /}: a page to record or drop audio and see the result.
 * </ul>
 *
 * <p>Every answer of the API is JSON; refused requests get a 4xx with {@code {"status", "error", "message"}}:
 * 400 undecodable or too short audio, 404 unknown path, 405 wrong method, 413 body over the limit, 415
 * wrong content type. A 5xx only ever means a bug.
 */
public final class SerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SerServer.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Content types {@code POST /api/predict} takes as raw audio (besides multipart/form-data). */
  static final Set<String> AUDIO_TYPES = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave",
      "audio/aiff", "audio/x-aiff", "application/octet-stream");

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final PredictionService service;
  private final long maxBodyBytes;
  private final byte[] page;

  private SerServer(Builder b) throws IOException {
    this.service = new PredictionService(b.recognizer);
    this.maxBodyBytes = b.maxBodyBytes;
    try (InputStream in = SerServer.class.getResourceAsStream("index.html")) {
      this.page = in == null ? "<!doctype html><p>page missing from the build".getBytes(StandardCharsets.UTF_8)
          : in.readAllBytes();
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "ser-serve-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // when every thread is busy and the queue is full, the accepting thread runs the request itself: the
    // server slows down accepting (back-pressure) instead of dropping requests
    this.pool = new ThreadPoolExecutor(b.threads, b.threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(b.queue), tf, new ThreadPoolExecutor.CallerRunsPolicy());
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), b.backlog);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
  }

  /** A builder for a server around {@code recognizer} (shared by all requests). */
  public static Builder builder(EmotionRecognizer recognizer) {
    return new Builder(recognizer);
  }

  /** Starts serving (returns at once). */
  public SerServer start() {
    server.start();
    LOG.info("serving on {}", url());
    return this;
  }

  /** The port it listens on (the one chosen when built with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port/}. */
  public URI url() {
    String host = server.getAddress().getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** Stops accepting, lets running requests finish for up to a second, and stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) {
    try {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      try {
        switch (path) {
          case "/api/predict" -> {
            requireMethod(ex, method, "POST");
            predict(ex);
          }
          case "/api/model" -> {
            requireMethod(ex, method, "GET");
            sendJson(ex, 200, service.model());
          }
          case "/health" -> {
            requireMethod(ex, method, "GET");
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("status", "ok");
            h.put("labels", service.recognizer().labels().size());
            sendJson(ex, 200, h);
          }
          case "/", "/index.html" -> {
            requireMethod(ex, method, "GET");
            send(ex, 200, "text/html; charset=utf-8", page, method.equals("HEAD"));
          }
          default -> throw new ApiException(404, "not_found", "no such endpoint: " + path
              + " (there are POST /api/predict, GET /api/model, GET /health and GET /)");
        }
      } catch (ApiException e) {
        if (e.status() == 413) {
          ex.getResponseHeaders().set("Connection", "close"); // the rest of the body is not read
        }
        sendError(ex, e.status(), e.code(), e.getMessage());
      } catch (RuntimeException | OutOfMemoryError e) {
        LOG.error("{} {} failed", method, path, e);
        sendError(ex, 500, "internal_error", "internal error: " + e);
      }
    } catch (IOException e) {
      LOG.debug("client went away: {}", e.toString()); // nothing to answer to
    } finally {
      ex.close();
    }
  }

  private static void requireMethod(HttpExchange ex, String method, String allowed) throws ApiException {
    boolean ok = method.equals(allowed) || (allowed.equals("GET") && method.equals("HEAD"));
    if (!ok) {
      ex.getResponseHeaders().set("Allow", allowed.equals("GET") ? "GET, HEAD" : allowed);
      throw new ApiException(405, "method_not_allowed", method + " is not allowed here; use " + allowed);
    }
  }

  private void predict(HttpExchange ex) throws ApiException, IOException {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    String mime = type == null ? "application/octet-stream"
        : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    boolean multipart = mime.equals("multipart/form-data");
    if (!multipart && !AUDIO_TYPES.contains(mime)) {
      throw new ApiException(415, "unsupported_media_type", "Content-Type " + mime + " is not audio: send the"
          + " audio file as the body (audio/wav, audio/x-wav, audio/aiff or application/octet-stream) or as"
          + " multipart/form-data with a file field");
    }
    String boundary = multipart ? Multipart.boundary(type) : null;
    if (multipart && boundary == null) {
      throw new ApiException(400, "bad_multipart", "multipart/form-data without a boundary parameter");
    }
    byte[] body = readBody(ex);
    if (body.length == 0) {
      throw new ApiException(400, "empty_body", "the request has no body: send an audio file");
    }
    String name = "request body";
    if (multipart) {
      Multipart.Part part = Multipart.file(body, boundary);
      body = part.content();
      name = part.name();
    }
    sendJson(ex, 200, service.predict(body, name));
  }

  private byte[] readBody(HttpExchange ex) throws ApiException, IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        throw new ApiException(400, "bad_request", "Content-Length is not a number: " + length);
      }
      if (declared > maxBodyBytes) {
        throw tooLarge(declared);
      }
    }
    InputStream in = ex.getRequestBody();
    ByteArrayOutputStream out = new ByteArrayOutputStream(length == null ? 1 << 16
        : (int) Math.min(Long.parseLong(length.trim()), maxBodyBytes));
    byte[] buf = new byte[1 << 16];
    long total = 0;
    int r;
    while ((r = in.read(buf)) > 0) {
      total += r;
      if (total > maxBodyBytes) {
        throw tooLarge(-1);
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  private ApiException tooLarge(long declared) {
    return new ApiException(413, "body_too_large", String.format(Locale.ROOT,
        "the body is%s over the limit of %s (ser serve --max-body-mb)",
        declared >= 0 ? " " + megabytes(declared) + "," : "", megabytes(maxBodyBytes)));
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
  }

  private static void sendError(HttpExchange ex, int status, String code, String message) throws IOException {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("status", status);
    e.put("error", code);
    e.put("message", message);
    sendJson(ex, status, e);
  }

  private static void sendJson(HttpExchange ex, int status, Object value) throws IOException {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
    }
    send(ex, status, "application/json; charset=utf-8", body, ex.getRequestMethod().equalsIgnoreCase("HEAD"));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body, boolean head) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (head) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  /** How a {@link SerServer} listens and how much it takes on. */
  public static final class Builder {
    /** Default request threads: each may hold a body and its decoded audio in memory. */
    public static final int DEFAULT_THREADS = 4;
    /** Default requests waiting for a thread. */
    public static final int DEFAULT_QUEUE = 64;
    /** Default body limit: 50 MB (about 9.5 minutes of 44.1 kHz 16-bit stereo WAV). */
    public static final long DEFAULT_MAX_BODY_BYTES = 50L << 20;

    private final EmotionRecognizer recognizer;
    private String host = "127.0.0.1";
    private int port = 8080;
    private int threads = DEFAULT_THREADS;
    private int queue = DEFAULT_QUEUE;
    private int backlog = 128;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

    private Builder(EmotionRecognizer recognizer) {
      this.recognizer = Objects.requireNonNull(recognizer, "recognizer");
    }

    /** The address to listen on (default 127.0.0.1: this machine only). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port (default 8080); 0 picks a free one, see {@link SerServer#port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
      }
      this.port = port;
      return this;
    }

    /** Request threads (default {@value #DEFAULT_THREADS}). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** Requests that may wait for a thread (default {@value #DEFAULT_QUEUE}). */
    public Builder queue(int queue) {
      if (queue < 1) {
        throw new IllegalArgumentException("queue must be at least 1, got " + queue);
      }
      this.queue = queue;
      return this;
    }

    /** The largest request body accepted, in bytes (default 50 MB); larger ones get a 413. */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1, got " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Builds the server, bound to its port but not yet serving.
     *
     * @throws IOException if the address cannot be bound (e.g. the port is in use)
     * @throws IllegalStateException if the model has no usable feature recipe
     */
    public SerServer build() throws IOException {
      return new SerServer(this);
    }
  }
}
