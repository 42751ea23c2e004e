package io.hardening.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host that accepts connections on 127.0.0.1 and never answers: what a GCS endpoint
 * behind a black-holing network looks like to a client.
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	public SilentServer() throws IOException {
		this.socket = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "silent-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try {
				this.held.add(this.socket.accept());
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket connection : this.held) {
			connection.close();
		}
	}

}
