package io.hardening.reasoning.web;

/**
 * The client went away before it sent the whole request body: nothing to answer, and
 * nothing the server did wrong.
 */
final class ClientAbortedException extends RuntimeException {

	ClientAbortedException(Throwable cause) {
		super("The client closed the connection before sending its whole request body", cause, false, false);
	}

}
