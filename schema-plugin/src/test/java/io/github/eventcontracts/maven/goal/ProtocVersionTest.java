package io.github.eventcontracts.maven.goal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocVersionTest {
  @Test
  void protocMayNotBeNewerThanTheRuntimeNorOfAnotherMajorVersion() {
    assertThat(GenerateService.protocFits("3.25.5", "3.25.5")).isTrue();
    assertThat(GenerateService.protocFits("3.25.1", "3.25.5")).isTrue();
    assertThat(GenerateService.protocFits("3.21.12", "3.25.5")).isTrue();
    assertThat(GenerateService.protocFits("4.33.2", "3.25.5")).isFalse(); // the README user's failure
    assertThat(GenerateService.protocFits("3.25.5", "3.25.1")).isFalse();
    assertThat(GenerateService.protocFits("3.25.5", "4.33.2")).isFalse();
    assertThat(GenerateService.protocFits("4.33.2", "4.33.2")).isTrue();
  }
}
