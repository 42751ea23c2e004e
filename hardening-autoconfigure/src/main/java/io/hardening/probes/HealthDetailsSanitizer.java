package io.hardening.probes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.hardening.support.Sanitizer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Passes every text of a {@link Health} through the {@link Sanitizer}: string details, at
 * any depth of nested maps, lists and arrays, and the status description. Keys, nesting
 * and every other value stay as they are, except that a {@link Throwable} in the details
 * becomes its sanitized one-line description, so no stack trace is written out.
 */
final class HealthDetailsSanitizer {

	private HealthDetailsSanitizer() {
	}

	static Health sanitize(Health health) {
		if (health == null) {
			return null;
		}
		Map<String, Object> details = new LinkedHashMap<>();
		health.getDetails().forEach((key, value) -> details.put(key, sanitizeValue(value)));
		return new Health.Builder(sanitize(health.getStatus()), details).build();
	}

	private static Status sanitize(Status status) {
		String description = status.getDescription();
		if (description == null || description.isEmpty()) {
			return status;
		}
		return new Status(status.getCode(), Sanitizer.sanitize(description));
	}

	static Object sanitizeValue(Object value) {
		if (value instanceof CharSequence text) {
			return Sanitizer.sanitize(text.toString());
		}
		if (value instanceof Throwable failure) {
			return failure.getClass().getName() + ": " + Sanitizer.describe(failure);
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> sanitized = new LinkedHashMap<>();
			map.forEach((key, nested) -> sanitized.put(key, sanitizeValue(nested)));
			return sanitized;
		}
		if (value instanceof Collection<?> collection) {
			List<Object> sanitized = new ArrayList<>(collection.size());
			collection.forEach((nested) -> sanitized.add(sanitizeValue(nested)));
			return sanitized;
		}
		if (value instanceof Object[] array) {
			Object[] sanitized = array.clone();
			for (int i = 0; i < array.length; i++) {
				Object nested = sanitizeValue(array[i]);
				if (sanitized.getClass().getComponentType().isInstance(nested)) {
					sanitized[i] = nested;
				}
			}
			return sanitized;
		}
		return value;
	}

}
