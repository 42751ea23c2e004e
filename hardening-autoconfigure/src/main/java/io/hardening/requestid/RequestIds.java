package io.hardening.requestid;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The request id of every request: the client's {@code X-Request-Id} when it matches
 * {@code [A-Za-z0-9._-]{1,64}}, else a new one. It is echoed on the response, put in the
 * logging MDC under {@code requestId}, and shown in the SSE start event and run records.
 */
public final class RequestIds {

	/**
	 * The header that carries the request id, both ways.
	 */
	public static final String HEADER = "X-Request-Id";

	/**
	 * The MDC key (and Reactor context key) of the request id.
	 */
	public static final String MDC_KEY = "requestId";

	/**
	 * The request or exchange attribute that holds the request id.
	 */
	public static final String ATTRIBUTE = "io.hardening.requestid.RequestIds.requestId";

	private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private RequestIds() {
	}

	/**
	 * The id a client sent, when acceptable, else a new one. Anything else (control
	 * characters, spaces, more than 64 characters) is never echoed.
	 * @param sent the header value, may be {@code null}
	 * @return the request id
	 */
	public static String accept(String sent) {
		return (sent != null && ACCEPTED.matcher(sent).matches()) ? sent : generate();
	}

	/**
	 * A new id in the form of a random (version 4) UUID, drawn from
	 * {@link ThreadLocalRandom}. A request id must be unique, not secret: any client may
	 * send its own, and every response and log line shows it. {@link UUID#randomUUID()}
	 * draws from a {@code SecureRandom} shared by all threads, which was 1.4% of the CPU
	 * samples of {@code /live} under load (docs/performance.md). Ids that must not be
	 * guessed, such as run ids, still use it.
	 */
	static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

}
