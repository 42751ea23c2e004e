package io.hardening.bench;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class JavaAppTests {

	@Test
	void heapUsedIsReadFromJava17HeapInfo() throws IOException {
		String heapInfo = """
				12345:
				 garbage-first heap   total 262144K, used 24576K [0x0000000700000000, 0x0000000800000000)
				  region size 1024K, 3 young (3072K), 1 survivors (1024K)
				 Metaspace       used 41234K, committed 41600K, reserved 1114112K
				""";
		assertThat(JavaApp.heapUsedBytes(heapInfo)).isEqualTo(24576L * 1024);
	}

	@Test
	void heapUsedIsReadFromJava25HeapInfo() throws IOException {
		String heapInfo = """
				7334:
				garbage-first heap   total reserved 6172672K, committed 393216K, used 10917K [0x0000000687400000, 0x0000000800000000)
				 region size 4096K, 3 young (12288K), 1 survivors (4096K)
				 Metaspace       used 41234K, committed 41600K, reserved 1114112K
				""";
		assertThat(JavaApp.heapUsedBytes(heapInfo)).isEqualTo(10917L * 1024);
	}

	@Test
	void outputWithoutAHeapFigureIsAnError() {
		assertThatIOException().isThrownBy(() -> JavaApp.heapUsedBytes("12345:\nAttachNotSupportedException"))
			.withMessageContaining("no heap figure");
	}

}
