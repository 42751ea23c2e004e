package io.hardening.storage.gcs;

import java.time.Duration;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Storage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GcsClientsTests {

	@Test
	void retryBudgetFitsTheWriteTimeout() {
		RetrySettings settings = GcsClients.retrySettings(Duration.ofSeconds(5));
		assertThat(settings.getMaxAttempts()).isEqualTo(3);
		assertThat(settings.getTotalTimeoutDuration()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void hostMeansNoCredentialsAndALocalProject() {
		Storage storage = GcsClients.create("http://127.0.0.1:4443", null, null, Duration.ofSeconds(5));
		assertThat(storage.getOptions().getHost()).isEqualTo("http://127.0.0.1:4443");
		assertThat(storage.getOptions().getCredentials()).isSameAs(NoCredentials.getInstance());
		assertThat(storage.getOptions().getProjectId()).isEqualTo(GcsClients.EMULATOR_PROJECT);
	}

}
