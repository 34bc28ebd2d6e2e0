package org.ser4j.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartTest {

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void boundaryIsReadQuotedOrNot() {
    assertThat(Multipart.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
    assertThat(Multipart.boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"a b\"")).isEqualTo("a b");
    assertThat(Multipart.boundary("multipart/form-data")).isNull();
  }

  @Test
  void theFirstPartWithAFileNameIsTheFileEvenWithCrLfInside() throws ApiException {
    byte[] body = bytes("--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nplain\r\n"
        + "--B\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"a.wav\"\r\n\r\nRIFF\r\n--not-B\r\n"
        + "\r\n--B--\r\n");
    Multipart.Part p = Multipart.file(body, "B");
    assertThat(p.name()).isEqualTo("a.wav");
    assertThat(new String(p.content(), StandardCharsets.ISO_8859_1)).isEqualTo("RIFF\r\n--not-B\r\n");
  }

  @Test
  void aFieldNamedFileWithoutAFileNameIsTaken() throws ApiException {
    byte[] body = bytes("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ndata\r\n--B--\r\n");
    assertThat(Multipart.file(body, "B").content()).isEqualTo(bytes("data"));
  }

  @Test
  void aFormWithoutAFileOrWithoutItsBoundaryIs400() {
    assertThatThrownBy(() -> Multipart.file(bytes("--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n"
        + "--B--\r\n"), "B")).isInstanceOf(ApiException.class).hasMessageContaining("no file")
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> Multipart.file(bytes("no delimiter here"), "B")).hasMessageContaining("boundary 'B'");
    assertThatThrownBy(() -> Multipart.file(bytes("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
        + "cut off"), "B")).hasMessageContaining("not closed");
  }
}
