package io.hardening.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that writes HTTP/1.1 by hand on a socket: it can send headers no HTTP library
 * lets through, and read the answer while the request body is still being sent.
 */
final class RawHttpClient {

	private final int port;

	RawHttpClient(int port) {
		this.port = port;
	}

	/**
	 * Sends the request head and then, on another thread, {@code sent} bytes of the body
	 * (of a body that may be announced as much longer), and reads the answer meanwhile.
	 * @param head the request line and headers, each line ending in CRLF, without the
	 * blank line
	 * @param bodyStart what the body begins with
	 * @param sent how many body bytes to send at most
	 * @return the answer and how many body bytes had been written when it arrived
	 */
	Answer send(String head, String bodyStart, int sent) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(15000);
			OutputStream out = socket.getOutputStream();
			out.write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			AtomicLong written = new AtomicLong();
			CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeBody(out, bodyStart, sent, written));
			try {
				Answer answer = read(socket.getInputStream());
				return answer.afterWriting(written.get());
			}
			finally {
				writer.cancel(true);
			}
		}
	}

	private static void writeBody(OutputStream out, String bodyStart, int sent, AtomicLong written) {
		byte[] start = bodyStart.getBytes(StandardCharsets.UTF_8);
		byte[] chunk = new byte[8192];
		Arrays.fill(chunk, (byte) 'a');
		try {
			out.write(start);
			written.addAndGet(start.length);
			while (written.get() < sent) {
				int length = (int) Math.min(chunk.length, sent - written.get());
				out.write(chunk, 0, length);
				out.flush();
				written.addAndGet(length);
			}
		}
		catch (IOException ex) {
			// The server answered and closed the connection: that is what is tested.
		}
	}

	private static Answer read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int last = 0;
		while (last != 0x0D0A0D0A) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed before the end of the answer's head");
			}
			head.write(b);
			last = (last << 8) | b;
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
		}
		byte[] body;
		if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = readChunked(in);
		}
		else {
			body = new byte[0];
		}
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), 0);
	}

	private static byte[] readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = readLine(in);
			int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
			if (size == 0) {
				return body.toByteArray();
			}
			body.write(in.readNBytes(size));
			readLine(in);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	/**
	 * What the server answered.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param body the body
	 * @param bodyBytesWritten how many request body bytes had been written when the
	 * answer had been read
	 */
	record Answer(int status, Map<String, String> headers, String body, long bodyBytesWritten) {

		Answer afterWriting(long written) {
			return new Answer(this.status, this.headers, this.body, written);
		}

	}

}
