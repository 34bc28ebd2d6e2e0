package org.ser4j.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.ser4j.features.MfccConfig.MelNorm;
import org.ser4j.features.MfccConfig.MelScale;

class MelFilterbankTest {

  @Test
  void slaneyFilterbankMatchesLibrosaFiltersMel() {
    MelFilterbank fb = MelFilterbank.create(22050, 2048, 128, 0, 11025, MelScale.SLANEY, MelNorm.SLANEY);
    Golden.assertClose("melfb_22050_2048_128_slaney", fb.toDense(), Golden.matrix("melfb_22050_2048_128_slaney.csv"),
        1e-9, 1e-6);
  }

  @Test
  void htkUnnormalisedFilterbankMatchesLibrosaFiltersMel() {
    MelFilterbank fb = MelFilterbank.create(16000, 512, 40, 0, 8000, MelScale.HTK, MelNorm.NONE);
    Golden.assertClose("melfb_16000_512_40_htk_nonorm", fb.toDense(),
        Golden.matrix("melfb_16000_512_40_htk_nonorm.csv"), 1e-9, 1e-6);
  }

  @Test
  void sparseBandsHoldExactlyTheNonZeroWeights() {
    double[][] dense = Golden.matrix("melfb_22050_2048_128_slaney.csv");
    MelFilterbank fb = MelFilterbank.create(22050, 2048, 128, 0, 11025, MelScale.SLANEY, MelNorm.SLANEY);
    int nonZero = 0;
    for (int b = 0; b < dense.length; b++) {
      int first = -1;
      for (int k = 0; k < dense[b].length; k++) {
        if (dense[b][k] != 0) {
          nonZero++;
          if (first < 0) {
            first = k;
          }
        }
      }
      assertThat(fb.firstBin(b)).as("first bin of band %d", b).isEqualTo(first);
    }
    assertThat(fb.nonZeroCount()).isEqualTo(nonZero);
    assertThat(fb.bandCount()).isEqualTo(128);
    assertThat(fb.binCount()).isEqualTo(1025);
  }

  @Test
  void slaneyScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
    assertThat(MelFilterbank.hzToMel(1000, MelScale.SLANEY)).isCloseTo(15.0, within(1e-12));
    assertThat(MelFilterbank.hzToMel(200.0 / 3, MelScale.SLANEY)).isCloseTo(1.0, within(1e-12));
    // 27 mels above 1000 Hz is a factor 6.4 in frequency
    assertThat(MelFilterbank.melToHz(42, MelScale.SLANEY)).isCloseTo(6400.0, within(1e-9));
    assertThat(MelFilterbank.hzToMel(700, MelScale.HTK)).isCloseTo(2595 * Math.log10(2), within(1e-12));
  }

  @Test
  void applyingTheSparseBankEqualsTheDenseProduct() {
    MelFilterbank fb = MelFilterbank.create(16000, 512, 40, 0, 8000, MelScale.HTK, MelNorm.SLANEY);
    float[][] dense = fb.toDense();
    float[] spec = new float[257];
    java.util.Random r = new java.util.Random(7);
    for (int k = 0; k < spec.length; k++) {
      spec[k] = r.nextFloat();
    }
    float[] mel = new float[40];
    fb.apply(spec, 0, mel, 0);
    for (int b = 0; b < 40; b++) {
      double s = 0;
      for (int k = 0; k < 257; k++) {
        s += dense[b][k] * (double) spec[k];
      }
      assertThat((double) mel[b]).isCloseTo(s, within(1e-6 * Math.abs(s) + 1e-9));
    }
  }
}
