/**
 * The pretrained model that ser4j ships, loaded by {@link org.ser4j.runtime.EmotionRecognizer#pretrained()}:
 * add this artifact ({@code org.ser4j:ser-pretrained}) beside ser-runtime. A Produced Work of CREMA-D under
 * the Open Database License 1.0.
 */
package org.ser4j.pretrained;
