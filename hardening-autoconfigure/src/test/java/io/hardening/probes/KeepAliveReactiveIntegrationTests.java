package io.hardening.probes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keep-alive client that sends its next request the moment it has read the previous
 * response, alternating a probe answered off the event loop ({@code /health} asks a
 * blocking indicator on the bounded-elastic scheduler) with one answered on it
 * ({@code /live}). Reactor Netty up to 1.3.7 then sometimes stopped reading the
 * connection: the next request was never answered (reactor-netty#4361, fixed in 1.3.8).
 * The probe integration tests hung on it now and then, with every thread idle.
 */
@SpringBootTest(classes = ProbesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "server.address=127.0.0.1",
				"management.health.diskspace.enabled=false" })
class KeepAliveReactiveIntegrationTests {

	private static final int ROUNDS = 300;

	private static final int READ_TIMEOUT_MILLIS = 5000;

	@LocalServerPort
	private int port;

	@Test
	void keepAliveConnectionAnswersEveryRequestWhenResponsesEndOnDifferentThreads() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(READ_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int round = 0; round < ROUNDS; round++) {
				String path = (round % 2 == 0) ? "/health" : "/live";
				out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String head;
				try {
					head = readResponse(in);
				}
				catch (SocketTimeoutException ex) {
					throw new AssertionError("Request " + round + " (" + path + ") was never answered", ex);
				}
				assertThat(head).as("status line of request %d (%s)", round, path).startsWith("HTTP/1.1 200");
			}
		}
	}

	/**
	 * Reads one response with a {@code Content-Length} body; a read that waits longer
	 * than the socket's timeout fails the test.
	 */
	private static String readResponse(InputStream in) throws IOException {
		String head = readHead(in);
		int length = 0;
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		assertThat(in.readNBytes(length)).hasSize(length);
		return head;
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			assertThat(next).as("connection closed before the end of the headers").isNotNegative();
			head.write(next);
			matched = (next == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

}
