package org.ser4j.model;

import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J threading for small recurrent networks on CPU.
 *
 * <p>Measured on the shared 2-core build machine (notebook preset, 2800 random 40-vectors, batch 64, one
 * epoch = 44 mini-batches): ND4J defaults (2 OpenMP threads) 186-230 s/epoch under load (OpenMP threads
 * spinning against other processes' threads); one thread 14-15 s/epoch of fitting (+2 s evaluation). The notebook LSTM's matrix products are small (batch
 * 64 x 256 x 1024 per time step), so OpenMP/OpenBLAS threads cost more in synchronisation than they gain,
 * and they oversubscribe the cores when several Java threads train or when other processes run. By default
 * this sets ND4J's OpenMP and BLAS thread counts to {@code ser4j.nd4j.threads} (system property; default 1).
 * Setting the environment variable {@code OMP_NUM_THREADS} before the JVM starts has the same effect and
 * takes precedence (then nothing is changed here).
 */
public final class NativeSettings {
  private static final Logger LOG = LoggerFactory.getLogger(NativeSettings.class);
  private static final AtomicBoolean DONE = new AtomicBoolean();

  private NativeSettings() {
  }

  /** Applies the thread settings once (idempotent); returns the thread count in effect. */
  public static int configure() {
    if (DONE.getAndSet(true)) {
      return Nd4j.getEnvironment().maxThreads();
    }
    if (System.getenv("OMP_NUM_THREADS") != null) {
      LOG.debug("OMP_NUM_THREADS={} set; leaving ND4J threads alone", System.getenv("OMP_NUM_THREADS"));
      return Nd4j.getEnvironment().maxThreads();
    }
    int threads = Integer.getInteger("ser4j.nd4j.threads", 1);
    if (threads > 0) {
      // Environment.setMaxThreads alone does not change the OpenMP pool once libnd4j is loaded (measured:
      // maxThreads stays 2); the native omp setter does
      Nd4j.getEnvironment().setMaxThreads(threads); // also loads the backend, which NativeOpsHolder needs
      NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
      Nd4j.getEnvironment().setMaxMasterThreads(threads);
      try {
        Nd4j.factory().blas().setMaxThreads(threads);
      } catch (RuntimeException e) {
        LOG.debug("could not set BLAS threads: {}", e.toString());
      }
      LOG.debug("ND4J threads set to {}", threads);
    }
    return threads;
  }
}
