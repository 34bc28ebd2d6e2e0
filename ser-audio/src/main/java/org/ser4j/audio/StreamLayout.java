package org.ser4j.audio;

import java.nio.ByteOrder;

/** Where the sample bytes are and how to read them: the parsers' result. */
record StreamLayout(AudioInfo info, long dataOffset, ByteOrder order) {

  int bytesPerFrame() {
    return info.bytesPerFrame();
  }
}
