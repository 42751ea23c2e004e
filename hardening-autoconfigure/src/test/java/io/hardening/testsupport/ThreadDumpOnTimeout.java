package io.hardening.testsupport;

import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prints every thread's stack when a test fails on a timeout (a blocking read that never
 * got its answer, or an Awaitility condition that never came true), so that an
 * intermittent hang leaves the evidence of where it hung in the build log. Registered for
 * every test by JUnit's extension autodetection.
 */
public class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		if (causedByTimeout(failure)) {
			StringBuilder dump = new StringBuilder("Thread dump after a timeout in ").append(context.getDisplayName())
				.append(":\n");
			for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
				dump.append('"').append(thread.getKey().getName()).append("\" ").append(thread.getKey().getState());
				dump.append('\n');
				for (StackTraceElement element : thread.getValue()) {
					dump.append("\tat ").append(element).append('\n');
				}
			}
			System.out.println(dump);
		}
		throw failure;
	}

	// Awaitility's by name: the sample's tests get this class without Awaitility's jar.
	static boolean causedByTimeout(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException
					|| cause.getClass().getName().equals("org.awaitility.core.ConditionTimeoutException")) {
				return true;
			}
		}
		return false;
	}

}
