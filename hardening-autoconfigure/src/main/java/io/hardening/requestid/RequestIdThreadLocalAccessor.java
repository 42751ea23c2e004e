package io.hardening.requestid;

import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Carries the request id between the Reactor context and the logging MDC, so that a log
 * line written on any thread of a reactive request, or of a servlet request's reasoning
 * stream, shows it.
 */
public class RequestIdThreadLocalAccessor implements ThreadLocalAccessor<String> {

	@Override
	public Object key() {
		return RequestIds.MDC_KEY;
	}

	@Override
	public String getValue() {
		return MDC.get(RequestIds.MDC_KEY);
	}

	/**
	 * Puts the id in the MDC unless it is there already: with automatic context
	 * propagation Reactor restores it at every operator that may change thread, mostly on
	 * a thread that holds it already.
	 */
	@Override
	public void setValue(String value) {
		if (!value.equals(MDC.get(RequestIds.MDC_KEY))) {
			MDC.put(RequestIds.MDC_KEY, value);
		}
	}

	@Override
	public void setValue() {
		MDC.remove(RequestIds.MDC_KEY);
	}

}
