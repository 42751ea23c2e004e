package io.hardening.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections that send nothing, half a header or a short body are let go of by both
 * servers within their (here shortened) limits, instead of being held.
 */
class ServerEdgeTimeoutsIntegrationTests {

	private static final String HALF_HEADER = "GET /api/reasoning/query?query=hi HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Req";

	private static final String SHORT_BODY = "POST /api/reasoning/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			+ "Content-Type: application/json\r\nContent-Length: 20\r\n\r\n{\"qu";

	static void assertLetGo(int port, String sent) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10000);
			socket.getOutputStream().write(sent.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			long started = System.nanoTime();
			InputStream in = socket.getInputStream();
			try {
				while (in.read() != -1) {
					// An answer (a 400 or 408) may come before the close.
				}
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("The server still held the connection after 10s", ex);
			}
			catch (IOException ex) {
				// Reset by the server: let go of too.
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
		}
	}

	@Nested
	@SpringBootTest(classes = BadRequestsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
					"hardening.reasoning.provider=simulated", "hardening.storage.enabled=false",
					"server.netty.idle-timeout=1s", "hardening.server.request-read-timeout=1s" })
	class Netty {

		@LocalServerPort
		private int port;

		@ParameterizedTest
		@ValueSource(strings = { "", HALF_HEADER, SHORT_BODY })
		void connectionIsLetGo(String sent) throws IOException {
			assertLetGo(this.port, sent);
		}

	}

	@Nested
	@SpringBootTest(classes = BadRequestsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "spring.main.web-application-type=servlet", "server.address=127.0.0.1",
					"hardening.reasoning.provider=simulated", "hardening.storage.enabled=false",
					"server.tomcat.connection-timeout=1s", "server.tomcat.keep-alive-timeout=1s" })
	class Tomcat {

		@LocalServerPort
		private int port;

		@ParameterizedTest
		@ValueSource(strings = { "", HALF_HEADER, SHORT_BODY })
		void connectionIsLetGo(String sent) throws IOException {
			assertLetGo(this.port, sent);
		}

	}

}
