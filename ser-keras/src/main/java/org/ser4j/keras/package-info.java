/**
 * Import of Keras models (the seed notebook's {@code model.save('model.h5')}) into ser4j model bundles:
 * {@link org.ser4j.keras.KerasImport#read(java.nio.file.Path)} reads the HDF5 file with the pure-Java jhdf
 * reader and converts its LSTM and Dense layers to ser-runtime layer specs; the resulting
 * {@link org.ser4j.keras.KerasModel} becomes a {@link org.ser4j.runtime.ModelBundle} with a feature recipe,
 * a label order and the weights' provenance. No native code and no training library.
 */
package org.ser4j.keras;
