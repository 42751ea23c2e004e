package io.hardening.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * What the server says of its streams, for a browser test that waited in vain: whether
 * the run and its model calls ended on the server (the stream metrics) tells a server
 * that stopped sending from a page that stopped reading.
 */
final class ServerStreamState {

	private ServerStreamState() {
	}

	/**
	 * The server's stream and model-call metrics, or why they could not be read.
	 * @param port the application's port
	 * @return the {@code hardening_reasoning_streams*} and model-call count lines
	 */
	static String of(int port) {
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(5))
				.build();
			String metrics = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
			return metrics.lines()
				.filter((line) -> line.startsWith("hardening_reasoning_streams")
						|| line.startsWith("hardening_reasoning_model_seconds_count")
						|| line.startsWith("hardening_reasoning_first_token_seconds_count"))
				.collect(Collectors.joining("\n"));
		}
		catch (Exception ex) {
			return "(the server's metrics could not be read: " + ex + ")";
		}
	}

	/**
	 * A failure that adds the server's side to a wait that timed out.
	 * @param port the application's port
	 * @param timeout what the wait threw
	 * @return the failure to throw, caused by {@code timeout}
	 */
	static AssertionError withServerSide(int port, RuntimeException timeout) {
		return new AssertionError(timeout.getMessage() + "\nOn the server:\n" + of(port), timeout);
	}

}
