package io.hardening.storage.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StoragePropertiesTests {

	private final StorageProperties properties = new StorageProperties();

	@Test
	void defaultsMatchTheDocumentation() {
		assertThat(this.properties.getMode()).isEqualTo(StorageProperties.Mode.AUTO);
		assertThat(this.properties.getMaxDocumentSize()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(this.properties.getMaxDocumentDepth()).isEqualTo(64);
		assertThat(this.properties.getReplayInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.properties.getGcs().getStartupTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.properties.getGcs().getWriteTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.properties.getFilesystem().getPath()).isEqualTo(Path.of("./local_storage"));
		assertThat(this.properties.resolveSpoolPath()).isEqualTo(Path.of("./local_storage/.spool"));
		assertThat(this.properties.getWeb().isEnabled()).isTrue();
	}

	@Test
	void spoolPathCanBeSet() {
		this.properties.getSpool().setPath(Path.of("/var/spool/x"));
		assertThat(this.properties.resolveSpoolPath()).isEqualTo(Path.of("/var/spool/x"));
	}

	@Test
	void blankValuesMeanUnset() {
		this.properties.getGcs().setBucket(" ");
		this.properties.getGcs().setHost("");
		assertThat(this.properties.getGcs().getBucket()).isNull();
		assertThat(this.properties.getGcs().getHost()).isNull();
	}

	@Test
	void invalidValuesNameTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.setReplayInterval(Duration.ZERO))
			.withMessageContaining("hardening.storage.replay-interval");
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.setMaxDocumentSize(DataSize.ofBytes(0)))
			.withMessageContaining("hardening.storage.max-document-size");
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.setMaxDocumentDepth(0))
			.withMessageContaining("hardening.storage.max-document-depth");
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.setMaxDocumentDepth(401))
			.withMessageContaining("hardening.storage.max-document-depth");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.properties.getGcs().setStartupTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("hardening.storage.gcs.startup-timeout");
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.getGcs().setPrefix("../up"))
			.withMessageContaining("hardening.storage.gcs.prefix");
		assertThatIllegalArgumentException().isThrownBy(() -> this.properties.getGcs().setHost("ftp://x"))
			.withMessageContaining("hardening.storage.gcs.host");
	}

}
