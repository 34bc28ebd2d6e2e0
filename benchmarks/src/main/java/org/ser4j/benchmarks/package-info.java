/** JMH benchmarks of ser4j's hot paths; see {@code benchmarks/README.md} for how to run them and the figures. */
package org.ser4j.benchmarks;
