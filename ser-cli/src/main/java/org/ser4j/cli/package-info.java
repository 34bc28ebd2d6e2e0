/**
 * The {@code ser} command-line app ({@link org.ser4j.cli.SerCli}): the only part of ser4j that talks to the
 * terminal. Run it with {@code ./ser} from the repository root, or {@code java -jar ser-cli/target/ser.jar}.
 */
package org.ser4j.cli;
