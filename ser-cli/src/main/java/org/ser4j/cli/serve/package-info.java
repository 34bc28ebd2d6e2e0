/**
 * {@code ser serve}: emotion recognition as an HTTP service ({@link org.ser4j.cli.serve.SerServer}) with a
 * page to try it from a browser.
 */
package org.ser4j.cli.serve;
