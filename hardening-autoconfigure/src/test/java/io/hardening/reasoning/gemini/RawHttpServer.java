package io.hardening.reasoning.gemini;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A one-connection HTTP server on 127.0.0.1 that answers with a fixed prefix (possibly
 * nothing) and then holds the connection open, noting when the client closes it.
 */
final class RawHttpServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final String answer;

	private final AtomicBoolean requestReceived = new AtomicBoolean();

	private final AtomicBoolean clientClosed = new AtomicBoolean();

	private final Thread thread;

	private RawHttpServer(String answer) throws IOException {
		this.serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.answer = answer;
		this.thread = new Thread(this::serve, "raw-http-server");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * A server that reads the request and never answers.
	 */
	static RawHttpServer silent() throws IOException {
		return new RawHttpServer("");
	}

	/**
	 * A server that sends SSE headers and one chunked frame, then waits.
	 */
	static RawHttpServer oneFrame(String frame) throws IOException {
		String chunk = Integer.toHexString(frame.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + frame + "\r\n";
		return new RawHttpServer("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n" + chunk);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	boolean requestReceived() {
		return this.requestReceived.get();
	}

	boolean clientClosed() {
		return this.clientClosed.get();
	}

	private void serve() {
		try (Socket socket = this.serverSocket.accept()) {
			InputStream in = socket.getInputStream();
			readHeaders(in);
			this.requestReceived.set(true);
			OutputStream out = socket.getOutputStream();
			out.write(this.answer.getBytes(StandardCharsets.UTF_8));
			out.flush();
			// Read (and drop) whatever comes until the client closes the connection.
			byte[] buffer = new byte[1024];
			while (in.read(buffer) != -1) {
				// keep reading
			}
			this.clientClosed.set(true);
		}
		catch (IOException ex) {
			this.clientClosed.set(true);
		}
	}

	private static void readHeaders(InputStream in) throws IOException {
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		int next;
		while (matched < end.length && (next = in.read()) != -1) {
			matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		this.thread.interrupt();
	}

}
